"""Strings of the accounts area: field errors, sign-in and recovery messages, SMS and e-mail texts.

Placeholders: {until} is a lock's end (naive UTC; the UI formats it in local time before tr),
{seconds}, {remaining}, {minutes}, {code}, {login}, {url}, {email}.
"""

STRINGS = {
    # field validation (services/accounts/validation.py)
    "validation.name_letters": (
        "Use letters only (a hyphen or a space between parts is fine)",
        "Только буквы (между частями можно дефис или пробел)",
    ),
    "validation.name_too_long": ("At most 80 characters", "Не больше 80 символов"),
    "validation.email_invalid": ("Enter an e-mail address like name@example.ru", "Введите адрес вида name@example.ru"),
    "validation.login_length": ("From 3 to 30 characters", "От 3 до 30 символов"),
    "validation.login_start": ("The login must start with a Latin letter", "Логин должен начинаться с латинской буквы"),
    "validation.login_chars": (
        "Latin letters, digits and . _ - only",
        "Только латинские буквы, цифры и знаки . _ -",
    ),
    "validation.password_short": ("At least 6 characters", "Не меньше 6 символов"),
    "validation.password_long": (
        "Too long: at most 64 characters (Cyrillic letters count double)",
        "Слишком длинный: не больше 64 символов (русские буквы считаются за два)",
    ),
    "validation.password_letter_digit": (
        "Use at least one letter and one digit",
        "Нужна хотя бы одна буква и одна цифра",
    ),
    "validation.password_common": (
        "This password is too common; choose another one",
        "Это слишком распространённый пароль, выберите другой",
    ),
    "validation.password_mismatch": ("The passwords do not match", "Пароли не совпадают"),
    "validation.phone_invalid": (
        "Enter a mobile number, e.g. +7 999 123-45-67",
        "Введите номер мобильного телефона, например +7 999 123-45-67",
    ),
    "validation.question_unknown": ("Choose a question from the list", "Выберите вопрос из списка"),
    "validation.answer_too_long": ("The answer is too long", "Слишком длинный ответ"),
    "validation.language_unknown": ("Choose English or Russian", "Выберите русский или английский"),
    # security questions
    "question.mother_maiden": ("Your mother's maiden name?", "Девичья фамилия матери?"),
    "question.first_teacher": ("The name of your first teacher?", "Имя вашего первого учителя?"),
    "question.first_pet": ("The name of your first pet?", "Кличка вашего первого питомца?"),
    "question.favourite_book": ("Your favourite book?", "Ваша любимая книга?"),
    "question.birth_city": ("The city where you were born?", "Город, в котором вы родились?"),
    # one-time codes
    "codes.wrong": ("Wrong code. Tries left: {remaining}", "Неверный код. Осталось попыток: {remaining}"),
    "codes.too_many_tries": (
        "Too many wrong codes. Request a new code.",
        "Слишком много неверных попыток. Запросите новый код.",
    ),
    "codes.expired": (
        "The code has expired or was not requested. Request a new code.",
        "Код устарел или не запрашивался. Запросите новый код.",
    ),
    "codes.resend_too_soon": (
        "A new code can be sent in {seconds} s.",
        "Новый код можно запросить через {seconds} с.",
    ),
    "codes.sent": ("We have sent a code by SMS.", "Мы отправили код в SMS."),
    # accounts
    "accounts.not_found": ("No such account", "Учётная запись не найдена"),
    "accounts.login_taken": ("This login is taken", "Этот логин уже занят"),
    "accounts.email_taken": (
        "An account with this e-mail already exists",
        "Учётная запись с таким адресом уже есть",
    ),
    "accounts.phone_taken": (
        "An account with this phone number already exists",
        "Учётная запись с таким номером уже есть",
    ),
    "accounts.registered": (
        "Almost done: enter the code we have sent to your phone.",
        "Почти готово: введите код, который мы отправили на ваш телефон.",
    ),
    "accounts.already_confirmed": ("The phone number is already confirmed", "Номер телефона уже подтверждён"),
    "accounts.confirmed": ("Your account is active. Welcome!", "Учётная запись активна. Добро пожаловать!"),
    "accounts.bad_credentials": ("Wrong login or password", "Неверный логин или пароль"),
    "accounts.not_confirmed": (
        "The phone number of this account is not confirmed yet. Enter the code from the SMS.",
        "Номер телефона этой учётной записи ещё не подтверждён. Введите код из SMS.",
    ),
    "accounts.locked": (
        "Too many failed attempts. The account is locked until {until}.",
        "Слишком много неудачных попыток. Вход заблокирован до {until}.",
    ),
    "accounts.address_locked": (
        "Too many failed attempts from your network. Try again after {until}.",
        "Слишком много неудачных попыток из вашей сети. Попробуйте после {until}.",
    ),
    "accounts.wrong_password": ("Wrong password", "Неверный пароль"),
    "accounts.password_same": (
        "The new password must differ from the old one",
        "Новый пароль должен отличаться от старого",
    ),
    "accounts.password_changed": ("The password has been changed", "Пароль изменён"),
    "accounts.email_same": ("This is your current e-mail", "Это ваш текущий адрес"),
    "accounts.phone_same": ("This is your current number", "Это ваш текущий номер"),
    # recovery
    "recovery.link_invalid": (
        "This link is invalid, already used or expired. Request a new one.",
        "Ссылка недействительна, уже использована или устарела. Запросите новую.",
    ),
    "recovery.link_sent": (
        "If an account has this e-mail, we have sent a link to it. It is valid for 1 hour.",
        "Если есть учётная запись с этим адресом, мы отправили на него ссылку. Она действует 1 час.",
    ),
    "recovery.wrong_answer": ("Wrong answer", "Неверный ответ"),
    "recovery.contact_invalid": (
        "Enter an e-mail address or a mobile number",
        "Введите адрес электронной почты или номер мобильного телефона",
    ),
    "recovery.reminder_sent": (
        "If an account has this e-mail or phone, we have sent the login to it.",
        "Если есть учётная запись с этим адресом или номером, мы отправили на него логин.",
    ),
    # SMS texts: "sms.<code purpose>"
    "sms.phone_confirm": (
        "MRKO Diary: confirmation code {code}. Valid {minutes} min. Do not tell it to anyone.",
        "МРКО Дневник: код подтверждения {code}. Действует {minutes} мин. Никому его не сообщайте.",
    ),
    "sms.phone_change": (
        "MRKO Diary: code {code} to link this number to your account. Valid {minutes} min.",
        "МРКО Дневник: код {code} для привязки этого номера. Действует {minutes} мин.",
    ),
    "sms.reset_phone": (
        "MRKO Diary: password reset code {code}. Valid {minutes} min. Do not tell it to anyone.",
        "МРКО Дневник: код для сброса пароля {code}. Действует {minutes} мин. Никому его не сообщайте.",
    ),
    "sms.login_reminder": ("MRKO Diary: your login is {login}", "МРКО Дневник: ваш логин {login}"),
    # e-mail texts: "<key>.subject" and "<key>.body"
    "mail.reset_link.subject": ("MRKO Diary: password reset", "МРКО Дневник: сброс пароля"),
    "mail.reset_link.body": (
        "Hello!\n\nSomeone (we hope it was you) asked to reset the password of the account {login}.\n"
        "Open this link within {minutes} minutes to choose a new password:\n{url}\n\n"
        "If it was not you, ignore this letter: the password stays as it is.",
        "Здравствуйте!\n\nКто-то (надеемся, что вы) попросил сбросить пароль учётной записи {login}.\n"
        "Чтобы задать новый пароль, откройте ссылку в течение {minutes} минут:\n{url}\n\n"
        "Если это были не вы, просто проигнорируйте письмо: пароль останется прежним.",
    ),
    "mail.login_reminder.subject": ("MRKO Diary: your login", "МРКО Дневник: ваш логин"),
    "mail.login_reminder.body": (
        "Hello!\n\nYour login in MRKO Diary is {login}.",
        "Здравствуйте!\n\nВаш логин в МРКО Дневнике: {login}.",
    ),
    "mail.password_changed.subject": ("MRKO Diary: password changed", "МРКО Дневник: пароль изменён"),
    "mail.password_changed.body": (
        "Hello!\n\nThe password of the account {login} has been changed and its other sessions ended.\n"
        "If it was not you, reset the password at once and contact the school.",
        "Здравствуйте!\n\nПароль учётной записи {login} изменён, другие сеансы завершены.\n"
        "Если это были не вы, срочно сбросьте пароль и сообщите в школу.",
    ),
    "mail.email_changed.subject": ("MRKO Diary: e-mail changed", "МРКО Дневник: адрес почты изменён"),
    "mail.email_changed.body": (
        "Hello!\n\nThe e-mail of the account {login} has been changed to {email}.\n"
        "If it was not you, contact the school.",
        "Здравствуйте!\n\nАдрес почты учётной записи {login} изменён на {email}.\n"
        "Если это были не вы, сообщите в школу.",
    ),
}
