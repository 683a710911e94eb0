"""Field validators: good and bad values for each field, and every key they return is translated."""

import re
from pathlib import Path

import pytest

from mrko_app.i18n import BOOK, CATALOGUE, has
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.passwords import check_secret, hash_secret, normalize_answer


@pytest.mark.parametrize("name", ["Иванова", "Салтыков-Щедрин", "Анна Мария", "Smith", "O Neil", "Ёлкин"])
def test_good_names(name):
    assert v.check_name(name) is None


@pytest.mark.parametrize(
    "name, key",
    [
        ("", "error.required"),
        ("   ", "error.required"),
        ("Иван0в", "validation.name_letters"),
        ("-Иванов", "validation.name_letters"),
        ("Иванов--Петров", "validation.name_letters"),
        ("Ivan!", "validation.name_letters"),
        ("Я" * 81, "validation.name_too_long"),
    ],
)
def test_bad_names(name, key):
    assert v.check_name(name) == key


def test_patronymic_may_be_empty_and_names_are_tidied():
    assert v.check_name("", required=False) is None
    assert v.check_name("Петр0вна", required=False) == "validation.name_letters"
    assert v.normalize_name("  Анна   Мария ") == "Анна Мария"


@pytest.mark.parametrize("email", ["maria@example.ru", "Maria.Ivanova+diary@mail.example.com", "a_b@школа.рф"])
def test_good_emails(email):
    assert v.check_email(email) is None


@pytest.mark.parametrize("email", ["maria", "maria@", "@example.ru", "maria@example", "ma ria@example.ru",
                                   "maria@@example.ru", ".maria@example.ru", "maria..x@example.ru"])
def test_bad_emails(email):
    assert v.check_email(email) == "validation.email_invalid"


def test_email_is_required_and_lower_cased():
    assert v.check_email("") == "error.required"
    assert v.normalize_email(" Maria@Example.RU ") == "maria@example.ru"


@pytest.mark.parametrize("login", ["abc", "m.ivanova", "Maria_2015", "a-b-c", "a" * 30])
def test_good_logins(login):
    assert v.check_login(login) is None


@pytest.mark.parametrize(
    "login, key",
    [
        ("", "error.required"),
        ("ab", "validation.login_length"),
        ("a" * 31, "validation.login_length"),
        ("1abc", "validation.login_start"),
        ("_abc", "validation.login_start"),
        ("иванова", "validation.login_chars"),
        ("ma ria", "validation.login_chars"),
        ("maria@x", "validation.login_chars"),
    ],
)
def test_bad_logins(login, key):
    assert v.check_login(login) == key


@pytest.mark.parametrize("password", ["tiger7", "Secret42x", "пароль2024", "x1" * 32])
def test_good_passwords(password):
    assert v.check_password(password) is None


@pytest.mark.parametrize(
    "password, key",
    [
        ("", "error.required"),
        ("ab1", "validation.password_short"),
        ("abcdefgh", "validation.password_letter_digit"),
        ("12345678", "validation.password_letter_digit"),
        ("x1" * 32 + "y", "validation.password_long"),
        ("пароль1" * 6, "validation.password_long"),  # 42 characters but 78 bytes
        ("qwerty123", "validation.password_common"),
        ("Password1", "validation.password_common"),
        ("123456a", "validation.password_common"),
    ],
)
def test_bad_passwords(password, key):
    assert v.check_password(password) == key


def test_common_list_is_small_and_every_entry_would_otherwise_pass():
    assert 80 <= len(v.COMMON_PASSWORDS) <= 150
    for password in v.COMMON_PASSWORDS:
        assert any(c.isalpha() for c in password) and any(c.isdigit() for c in password), password


def test_password_confirmation():
    assert v.check_password_confirm("abc123", "abc123") is None
    assert v.check_password_confirm("abc123", "abc124") == "validation.password_mismatch"
    assert v.check_password_confirm("abc123", "") == "error.required"
    assert v.password_errors("ab", "x", field="new_password") == {
        "new_password": "validation.password_short",
        "new_password_confirm": "validation.password_mismatch",
    }


@pytest.mark.parametrize(
    "raw, phone",
    [
        ("8 (999) 123-45-67", "+79991234567"),
        ("+7 999 123 45 67", "+79991234567"),
        ("+7(999)123-45-67", "+79991234567"),
        ("89991234567", "+79991234567"),
        ("79991234567", "+79991234567"),
        ("999 123 45 67", "+79991234567"),
        ("+380 67 123 4567", "+380671234567"),
        ("0044 7911 123456", "+447911123456"),
    ],
)
def test_phones_are_normalised(raw, phone):
    assert v.normalize_phone(raw) == phone
    assert v.check_phone(raw) is None


@pytest.mark.parametrize(
    "raw", ["123", "8 (495) 123-45-67", "+7 999 123 45 6", "+7 999 123 45 678", "phone", "+0 123 456 789",
            "8 999 123 45 67 ext 1", "+1234567", "+1 234 567 890 123 456", "+７９９９１２３４５６７"]
)
def test_bad_phones(raw):
    assert v.normalize_phone(raw) is None
    assert v.check_phone(raw) == "validation.phone_invalid"


def test_phone_required():
    assert v.check_phone("  ") == "error.required"


def test_security_question_and_answer():
    for key in v.SECURITY_QUESTIONS:
        assert v.check_security_question(key) is None
        assert has(f"question.{key}")
    assert v.check_security_question("") == "error.required"
    assert v.check_security_question("favourite_colour") == "validation.question_unknown"
    assert v.check_security_answer("Барсик") is None
    assert v.check_security_answer("   ") == "error.required"
    assert v.check_security_answer("я" * 37) == "validation.answer_too_long"


def test_language():
    assert v.check_language("en") is None and v.check_language("ru") is None
    assert v.check_language("de") == "validation.language_unknown"


def test_hashing_secrets_and_answers():
    hashed = hash_secret("Secret42x")
    assert hashed != "Secret42x" and hashed.startswith("$2")
    assert check_secret("Secret42x", hashed)
    assert not check_secret("secret42x", hashed)
    answer_hash = hash_secret(normalize_answer("  Барсик "))
    assert check_secret(normalize_answer("БАРСИК"), answer_hash)
    assert check_secret(normalize_answer("барсик"), answer_hash)


def test_accounts_catalogue_is_separate_and_complete():
    areas = BOOK.language("en").domains  # key -> the .po file (area) that holds it
    assert sum(area == "accounts" for area in areas.values()) > 50
    assert all(areas[key] == "accounts" for key in CATALOGUE if key.startswith("validation."))
    # every literal key in the accounts services is in the catalogue
    services = Path(v.__file__).parent
    literal = re.compile(r'"((?:validation|codes|accounts|recovery|error)\.[a-z_]+)"')
    for name in ("validation", "verification_codes", "lockout", "core", "recovery", "sessions", "../notify/messages"):
        for key in literal.findall((services / f"{name}.py").read_text()):
            assert has(key), (name, key)
    # keys built at run time
    for field in ("login", "email", "phone"):
        assert has(f"accounts.{field}_taken")
    for purpose in (codes.PHONE_CONFIRM, codes.PHONE_CHANGE, codes.RESET_PHONE):
        assert all("{code}" in text for text in CATALOGUE[f"sms.{purpose}"])
    for mail in ("reset_link", "login_reminder", "password_changed", "email_changed"):
        assert has(f"mail.{mail}.subject") and has(f"mail.{mail}.body")
