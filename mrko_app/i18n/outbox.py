STRINGS = {
    "outbox.lead": (
        "Development mode: e-mails and SMS the app would send are kept here.",
        "Режим разработки: письма и SMS, которые отправило бы приложение, хранятся здесь.",
    ),
    "outbox.recipient": ("Recipient", "Получатель"),
    "outbox.filter": ("Show", "Показать"),
    "outbox.disabled": ("The outbox is available only in development mode.", "Исходящие доступны только в режиме разработки."),
}
