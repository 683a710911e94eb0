"""Rate limits, and the texts that keep the forms from telling who has an account."""

STRINGS = {
    "limits.address": (
        "Too many requests from your network. Try again after {until}.",
        "Слишком много запросов из вашей сети. Попробуйте после {until}.",
    ),
    "limits.target": (
        "Too many messages were asked for this phone number or e-mail. Try again after {until}.",
        "Для этого номера или адреса запрошено слишком много сообщений. Попробуйте после {until}.",
    ),
    # a registration with a phone, e-mail or login that an account has already: told to the phone only
    "sms.register_phone_taken": (
        "MRKO Diary: this number already belongs to an account (login {login}). No new account was made. "
        "Forgot the password? Use \"Forgot your login or password\" on the login page.",
        "МРКО Дневник: этот номер уже привязан к учётной записи (логин {login}). Новая запись не создана. "
        "Забыли пароль? Воспользуйтесь «Восстановлением логина или пароля» на странице входа.",
    ),
    "sms.register_email_taken": (
        "MRKO Diary: the e-mail {email} already belongs to an account. No new account was made: register "
        "with another e-mail, or recover the login or password of that account.",
        "МРКО Дневник: адрес {email} уже привязан к учётной записи. Новая запись не создана: укажите другой "
        "адрес или восстановите логин или пароль той записи.",
    ),
    "sms.register_login_taken": (
        "MRKO Diary: the login {login} is taken. No account was made: please register again with another login.",
        "МРКО Дневник: логин {login} занят. Учётная запись не создана: зарегистрируйтесь снова с другим логином.",
    ),
}
