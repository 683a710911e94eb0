"""Signing in through an OpenID Connect provider (State Services and others)."""

STRINGS = {
    "oidc.sign_in_with": ("Sign in with", "Войти через"),
    "oidc.or": ("or", "или"),
    "oidc.finish_title": ("Signing in", "Вход"),
    "oidc.working": ("Signing you in…", "Выполняется вход…"),
    "oidc.first_time": (
        "This is the first time you sign in with {provider}. Link it to your MRKO account, or create a new one.",
        "Вы впервые входите через {provider}. Привяжите вход к своей учётной записи МРКО или создайте новую.",
    ),
    "oidc.link_title": ("I already have an MRKO account", "У меня уже есть учётная запись МРКО"),
    "oidc.link_lead": (
        "Enter its password once; next time the service alone is enough.",
        "Введите её пароль один раз — в следующий раз достаточно входа через сервис.",
    ),
    "oidc.link_submit": ("Link and sign in", "Привязать и войти"),
    "oidc.register_title": ("I am new here", "Я здесь впервые"),
    "oidc.register_lead": (
        "Check the details the service gave us. You will not need a password.",
        "Проверьте данные, полученные от сервиса. Пароль не понадобится.",
    ),
    "oidc.register_submit": ("Create my account", "Создать учётную запись"),
    "oidc.back_to_login": ("Back to the login page", "Вернуться ко входу"),
    "oidc.linked_title": ("Sign-in services", "Вход через внешние сервисы"),
    "oidc.linked_none": ("No service is linked.", "Ни один сервис не привязан."),
    "oidc.linked_since": ("linked", "привязан"),
    "oidc.unlink": ("Unlink", "Отвязать"),
    "oidc.unlinked": ("The service is unlinked.", "Сервис отвязан."),
    # errors (services/accounts/oidc.py ERROR_CODES and services/accounts/oidc_accounts.py)
    "oidc.error.unknown_provider": ("This sign-in service is not configured.", "Этот сервис входа не настроен."),
    "oidc.error.provider_down": (
        "The sign-in service is not answering. Try again later or sign in with your password.",
        "Сервис входа не отвечает. Попробуйте позже или войдите по паролю.",
    ),
    "oidc.error.cancelled": ("Sign-in was cancelled.", "Вход отменён."),
    "oidc.error.bad_state": (
        "The sign-in could not be verified (it was not started in this browser). Please start again.",
        "Не удалось проверить вход (он начат не в этом браузере). Начните заново.",
    ),
    "oidc.error.replayed": (
        "This sign-in link has already been used. Please start again.",
        "Эта ссылка для входа уже использована. Начните заново.",
    ),
    "oidc.error.expired": ("The sign-in took too long and expired. Please start again.",
                           "Время на вход истекло. Начните заново."),
    "oidc.error.invalid_token": (
        "The sign-in service sent a response that failed verification.",
        "Ответ сервиса входа не прошёл проверку.",
    ),
    "oidc.error.failed": ("Sign-in through the service failed. Please start again.",
                          "Вход через сервис не удался. Начните заново."),
    "oidc.error.ticket_invalid": ("This sign-in has expired or was already used. Please start again.",
                                  "Этот вход истёк или уже использован. Начните заново."),
    "oidc.pending_expired": ("Too much time has passed. Please sign in again.",
                             "Прошло слишком много времени. Войдите заново."),
    "oidc.account_disabled": ("This account is switched off.", "Эта учётная запись отключена."),
    "oidc.identity_taken": ("This service account is already linked to another MRKO account.",
                            "Эта учётная запись сервиса уже привязана к другой учётной записи МРКО."),
    "oidc.already_linked": ("Your MRKO account is already linked to another account of this service.",
                            "Ваша учётная запись МРКО уже привязана к другой учётной записи этого сервиса."),
    "oidc.identity_not_found": ("No such linked service.", "Такой привязанный сервис не найден."),
    "oidc.last_way_in": (
        "This is your only way to sign in: set a password first (password recovery by e-mail).",
        "Это ваш единственный способ входа: сначала задайте пароль (восстановление пароля по почте).",
    ),
}
