STRINGS = {
    "profile.change_email": ("Change e-mail", "Сменить e-mail"),
    "profile.new_email": ("New e-mail", "Новый e-mail"),
    "profile.email_changed": ("Your e-mail has been changed.", "E-mail изменён."),
    "profile.change_phone": ("Change mobile phone", "Сменить мобильный телефон"),
    "profile.new_phone": ("New mobile phone", "Новый мобильный телефон"),
    "profile.phone_changed": ("Your phone has been changed.", "Телефон изменён."),
    "profile.change_password": ("Change password", "Сменить пароль"),
    "profile.old_password": ("Current password", "Текущий пароль"),
    "profile.new_password": ("New password", "Новый пароль"),
    "profile.password_changed": ("Your password has been changed.", "Пароль изменён."),
}
