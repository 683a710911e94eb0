"""Field validators for the accounts forms.

Each `check_*` function returns None when the value is fine, else a catalogue key (see
mrko_app/i18n/accounts.py) for the message shown beside the field. `normalize_*` functions return
the canonical form stored in the database (or None when the value cannot be normalised).
"""

import re

from mrko_app.i18n import LANGUAGES

REQUIRED = "error.required"  # shared key from i18n/common.py

NAME_MAX = 80
EMAIL_MAX = 254
PASSWORD_MIN = 6
PASSWORD_MAX = 64  # characters; also at most 72 UTF-8 bytes, where bcrypt truncates
ANSWER_MAX_BYTES = 72

SECURITY_QUESTIONS = ("mother_maiden", "first_teacher", "first_pet", "favourite_book", "birth_city")

# Frequent passwords that pass the "a letter and a digit" rule (lower case; compared case-insensitively).
COMMON_PASSWORDS = frozenset(
    """
    qwerty123 qwerty1 qwerty12 qwerty1234 1qaz2wsx 1q2w3e 1q2w3e4r 1q2w3e4r5t q1w2e3r4 q1w2e3r4t5
    password1 password12 password123 passw0rd p@ssw0rd pass123 pass1234 abc123 abc1234 abcd1234
    123abc 123qwe 123qwerty qwe123 qwe1234 asd123 asdf1234 zxc123 zxcvbn123 zaq12wsx
    123456a 123456q 123456z 1234567a 12345678a 123456789a a123456 a1234567 a12345678 a123456789
    q123456 q1234567 z123456 111111a aa123456 aaa111 aaaa1111 abc12345 admin1 admin123
    admin1234 test123 test1234 user123 login123 welcome1 welcome123 letmein1 iloveyou1 monkey123
    dragon123 master123 killer123 football1 baseball1 sunshine1 princess1 superman1 batman123
    michael1 charlie1 jordan23 hello123 hello1234 lovely123 love123 apple123 mypass1 secret1
    qazwsx123 qwertyu1 qwertyuiop1 trustno1 shadow123 freedom1 ninja123 starwars1 pokemon1
    1password 1qwerty 1234qwer 12qwaszx 1234abcd 1a2b3c 1a2b3c4d a1b2c3 a1b2c3d4 1234asdf
    natasha1 marina123 andrey123 sergey123 dima123 alex123 maxim123 vika123 masha123 school1
    school123 dnevnik1 dnevnik123 mrko123 parol1 parol123 privet123 moscow1 moskva123 russia1
    """.split()
)

_LETTERS = "A-Za-zА-Яа-яЁё"
_NAME_RE = re.compile(rf"^[{_LETTERS}]+(?:[ -][{_LETTERS}]+)*$")
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*"
    r"@(?:[A-Za-z0-9А-Яа-яЁё](?:[A-Za-z0-9А-Яа-яЁё\-]*[A-Za-z0-9А-Яа-яЁё])?\.)+[A-Za-zА-Яа-яЁё]{2,}$"
)
_LOGIN_CHARS_RE = re.compile(r"^[A-Za-z0-9._\-]*$")
_PHONE_SEPARATORS_RE = re.compile(r"[\s()\-.]")


# --- names ------------------------------------------------------------------------------------

def normalize_name(value: str | None) -> str:
    """Trim and collapse inner whitespace; letters are kept as typed."""
    return " ".join((value or "").split())


def check_name(value: str | None, required: bool = True) -> str | None:
    name = normalize_name(value)
    if not name:
        return REQUIRED if required else None
    if len(name) > NAME_MAX:
        return "validation.name_too_long"
    if not _NAME_RE.match(name):
        return "validation.name_letters"
    return None


# --- e-mail -----------------------------------------------------------------------------------

def normalize_email(value: str | None) -> str:
    return (value or "").strip().lower()


def check_email(value: str | None) -> str | None:
    email = normalize_email(value)
    if not email:
        return REQUIRED
    if len(email) > EMAIL_MAX or not _EMAIL_RE.match(email):
        return "validation.email_invalid"
    return None


# --- login ------------------------------------------------------------------------------------

def normalize_login(value: str | None) -> str:
    """Logins are case-insensitive: stored and compared in lower case."""
    return (value or "").strip().lower()


def check_login(value: str | None) -> str | None:
    login = normalize_login(value)
    if not login:
        return REQUIRED
    if not _LOGIN_CHARS_RE.match(login):
        return "validation.login_chars"
    if not login[0].isalpha():
        return "validation.login_start"
    if not 3 <= len(login) <= 30:
        return "validation.login_length"
    return None


# --- passwords --------------------------------------------------------------------------------

def check_password(value: str | None) -> str | None:
    password = value or ""
    if not password:
        return REQUIRED
    if len(password) < PASSWORD_MIN:
        return "validation.password_short"
    if len(password) > PASSWORD_MAX or len(password.encode("utf-8")) > 72:
        return "validation.password_long"
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return "validation.password_letter_digit"
    if password.lower() in COMMON_PASSWORDS:
        return "validation.password_common"
    return None


def check_password_confirm(password: str | None, confirm: str | None) -> str | None:
    if not confirm:
        return REQUIRED
    if (password or "") != confirm:
        return "validation.password_mismatch"
    return None


def password_errors(password: str | None, confirm: str | None, field: str = "password") -> dict[str, str]:
    """Errors for a new password and its confirmation, keyed `field` and `field + "_confirm"`."""
    errors = {}
    if key := check_password(password):
        errors[field] = key
    if key := check_password_confirm(password, confirm):
        errors[f"{field}_confirm"] = key
    return errors


# --- phone ------------------------------------------------------------------------------------

def normalize_phone(value: str | None) -> str | None:
    """A mobile number in E.164 form ("+79991234567"), or None when it is not one.

    Russian numbers may be written with 8, 7 or +7, or as the ten digits alone, and must be mobile
    (the ten digits start with 9). Other countries need "+" (or "00") and 8..15 digits in all.
    """
    raw = _PHONE_SEPARATORS_RE.sub("", (value or "").strip())
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    plus = raw.startswith("+")
    digits = raw[1:] if plus else raw
    if not digits.isdigit() or not digits.isascii():
        return None
    if not plus:
        if len(digits) == 11 and digits[0] in "78":
            digits = "7" + digits[1:]
        elif len(digits) == 10:
            digits = "7" + digits
        else:
            return None
    if digits.startswith("7"):
        return "+" + digits if len(digits) == 11 and digits[1] == "9" else None
    if digits[0] == "0" or not 8 <= len(digits) <= 15:
        return None
    return "+" + digits


def check_phone(value: str | None) -> str | None:
    if not (value or "").strip():
        return REQUIRED
    return None if normalize_phone(value) else "validation.phone_invalid"


def looks_like_phone(value: str | None) -> bool:
    """True for input meant as a phone number (starts with +, ( or a digit), not a login or e-mail."""
    text = (value or "").strip()
    return bool(text) and (text[0] in "+(" or text[0].isdigit())


# --- security question ------------------------------------------------------------------------

def check_security_question(value: str | None) -> str | None:
    if not value:
        return REQUIRED
    return None if value in SECURITY_QUESTIONS else "validation.question_unknown"


def check_security_answer(value: str | None) -> str | None:
    answer = " ".join((value or "").lower().split())
    if not answer:
        return REQUIRED
    if len(answer.encode("utf-8")) > ANSWER_MAX_BYTES:
        return "validation.answer_too_long"
    return None


# --- language ---------------------------------------------------------------------------------

def check_language(value: str | None) -> str | None:
    return None if value in LANGUAGES else "validation.language_unknown"
