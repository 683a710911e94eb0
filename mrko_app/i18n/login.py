STRINGS = {
    "login.identifier": ("Login, e-mail or phone", "Логин, e-mail или телефон"),
    "login.identifier_hint": ("Any of them works", "Подойдёт любой из них"),
    "login.password": ("Password", "Пароль"),
    "login.remember": ("Remember me on this device", "Запомнить меня на этом устройстве"),
    "login.forgot": ("Forgot your login or password?", "Забыли логин или пароль?"),
}
