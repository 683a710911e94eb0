STRINGS = {
    "recovery.title": ("Forgot your login or password", "Восстановление логина или пароля"),
    "recovery.reset_title": ("Set a new password", "Новый пароль"),
    "recovery.tab_email": ("Password by e-mail", "Пароль по e-mail"),
    "recovery.tab_question": ("Password by security question", "Пароль по контрольному вопросу"),
    "recovery.tab_login": ("Forgot login", "Забыли логин"),
    "recovery.email_lead": (
        "We will e-mail you a link to set a new password. It works once, for one hour.",
        "Мы пришлём ссылку для смены пароля. Она действует один раз в течение часа.",
    ),
    "recovery.send_link": ("Send the link", "Отправить ссылку"),
    "recovery.who": ("Login or mobile phone", "Логин или мобильный телефон"),
    "recovery.answer": ("Your answer", "Ваш ответ"),
    "recovery.set_password": ("Set the new password", "Сохранить новый пароль"),
    "recovery.password_changed": ("Your password has been changed. You can log in now.", "Пароль изменён. Теперь можно войти."),
    "recovery.login_lead": (
        "We will send your login to the e-mail or phone you registered with.",
        "Мы отправим ваш логин на e-mail или телефон, указанные при регистрации.",
    ),
    "recovery.contact": ("E-mail or mobile phone", "E-mail или мобильный телефон"),
    "recovery.send_login": ("Send my login", "Отправить логин"),
}
