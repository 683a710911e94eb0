"""bcrypt hashing for passwords and security answers."""

import os

import bcrypt

# MRKO_BCRYPT_ROUNDS lowers the cost for test servers; production keeps the default 12.
_ROUNDS = int(os.environ.get("MRKO_BCRYPT_ROUNDS", "12"))


def set_rounds(rounds: int) -> None:
    """Tests and the demo loader lower the cost; production keeps 12."""
    global _ROUNDS
    _ROUNDS = rounds


def hash_secret(secret: str) -> str:
    return bcrypt.hashpw(secret.encode("utf-8"), bcrypt.gensalt(_ROUNDS)).decode("ascii")


def check_secret(secret: str, hashed: str) -> bool:
    if not hashed:
        return False
    try:
        return bcrypt.checkpw(secret.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


def normalize_answer(answer: str) -> str:
    """Security answers compare case- and space-insensitively."""
    return " ".join(answer.lower().split())
