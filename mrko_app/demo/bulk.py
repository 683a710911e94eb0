"""Bulk writing for the loaders: multi-row inserts, unique logins/e-mails/phones, cached password hashes."""

import secrets
from collections import defaultdict

from sqlalchemy import insert, select
from sqlmodel import Session

from mrko_app.models import User
from mrko_app.services.accounts.passwords import hash_secret

CHUNK = 5000
COPY_FROM = 500  # on PostgreSQL (psycopg), bigger batches go through COPY, several times faster


def _copy_cursor(session: Session, rows: list[dict]):
    """A psycopg cursor on the session's connection when COPY can be used, else None."""
    if len(rows) < COPY_FROM:
        return None
    conn = session.connection()
    if conn.dialect.name != "postgresql" or conn.dialect.driver != "psycopg":
        return None
    if any(isinstance(v, (dict, list)) for v in rows[0].values()):
        return None  # JSON needs adapting: leave it to SQLAlchemy
    return conn, conn.connection.dbapi_connection.cursor()


def _copy(conn, cur, table, rows: list[dict]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    cols = list(rows[0])
    with cur.copy(f"COPY {quote(table.name)} ({', '.join(quote(c) for c in cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in cols])


def insert_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert rows (all with the same keys) and return their new ids in the same order."""
    if not rows:
        return []
    table = model.__table__
    pg = _copy_cursor(session, rows)
    if pg:
        conn, cur = pg
        with cur:
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS id FROM generate_series(1, %s) "
                        "ORDER BY id", (conn.dialect.identifier_preparer.quote(table.name), len(rows)))
            ids = [r[0] for r in cur.fetchall()]
            _copy(conn, cur, table, [dict(row, id=i) for row, i in zip(rows, ids)])
        return ids
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        ids.extend(session.execute(stmt, rows[start:start + CHUNK]).scalars())
    return ids


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    if not rows:
        return
    pg = _copy_cursor(session, rows)
    if pg:
        conn, cur = pg
        with cur:
            _copy(conn, cur, model.__table__, rows)
        return
    stmt = insert(model.__table__)
    for start in range(0, len(rows), CHUNK):
        session.execute(stmt, rows[start:start + CHUNK])


class Writer:
    """Buffers rows per table and writes them in chunks, so a big school never sits in memory whole."""

    def __init__(self, session: Session, limit: int = 20000):
        self.session = session
        self.limit = limit
        self.buffers: dict[type, list[dict]] = defaultdict(list)

    def add(self, model, row: dict) -> None:
        buf = self.buffers[model]
        buf.append(row)
        if len(buf) >= self.limit:
            self._write(model)

    def _write(self, model) -> None:
        rows = self.buffers[model]
        insert_rows(self.session, model, rows)
        self.buffers[model] = []

    def flush(self) -> None:
        for model in list(self.buffers):
            self._write(model)


class Secrets:
    """bcrypt hashes, each distinct secret hashed once per load; one shared hash for unusable passwords."""

    def __init__(self):
        self._cache: dict[str, str] = {}
        self._random: str | None = None

    def hash(self, secret: str) -> str:
        if secret not in self._cache:
            self._cache[secret] = hash_secret(secret)
        return self._cache[secret]

    def unusable(self) -> str:
        """Generated people cannot sign in until a password is reset: they share one hash of a random secret."""
        if self._random is None:
            self._random = hash_secret(secrets.token_urlsafe(24))
        return self._random


class Identities:
    """Hands out logins, e-mails and phone numbers nobody in the database has yet."""

    def __init__(self, session: Session, *, domain: str, phone_base: int):
        self.logins = set(session.execute(select(User.login)).scalars())
        self.emails = set(session.execute(select(User.email)).scalars())
        self.phones = set(session.execute(select(User.phone)).scalars())
        self.domain = domain
        self._next_phone = phone_base

    def taken(self, login: str) -> bool:
        return login in self.logins or f"{login}@{self.domain}" in self.emails

    def claim(self, wanted: str) -> tuple[str, str, str]:
        """(login, e-mail, phone): `wanted` or `wanted2`, `wanted3`... whichever is free."""
        login, n = wanted, 1
        while self.taken(login):
            n += 1
            login = f"{wanted}{n}"
        email = f"{login}@{self.domain}"
        self.logins.add(login)
        self.emails.add(email)
        return login, email, self.phone()

    def phone(self) -> str:
        while True:
            phone = f"+7{self._next_phone}"
            self._next_phone += 1
            if phone not in self.phones:
                self.phones.add(phone)
                return phone
