STRINGS = {
    "outbox.lead": (
        "Development mode: the e-mails and SMS the app sent to you are kept here (staff see all of them).",
        "Режим разработки: письма и SMS, которые приложение отправило вам, хранятся здесь (сотрудники школы видят все).",
    ),
    "outbox.recipient": ("Recipient", "Получатель"),
    "outbox.filter": ("Show", "Показать"),
}
