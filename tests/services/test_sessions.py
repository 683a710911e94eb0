"""Sign-in sessions: hashed tokens, lifetimes, sliding expiry, revocation."""

import hashlib
from datetime import timedelta

from sqlmodel import select

from mrko_app.models import AuthSession
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import sessions
from tests.services.accounts_helpers import T0, active_user


def _row(db, token) -> AuthSession:
    return db.exec(select(AuthSession).where(AuthSession.token_hash == hashlib.sha256(token.encode()).hexdigest())).one()


def test_only_the_hash_of_the_token_is_stored(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    assert len(token) >= 40
    row = _row(db, token)
    assert row.token_hash != token and token not in row.token_hash
    assert row.user_id == user.id and not row.remember and not row.revoked
    assert accounts.resolve_session(db, token, now=T0).id == user.id
    assert accounts.create_session(db, user, remember=False, now=T0) != token


def test_unknown_and_empty_tokens_resolve_to_nobody(db):
    active_user(db)
    assert accounts.resolve_session(db, "no-such-token") is None
    assert accounts.resolve_session(db, "") is None
    assert accounts.resolve_session(db, None) is None


def test_a_session_without_remember_lasts_12_hours_of_inactivity(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    assert _row(db, token).expires_at == T0 + timedelta(hours=12)
    assert accounts.resolve_session(db, token, now=T0 + timedelta(hours=11, minutes=59)) is not None
    assert _row(db, token).expires_at == T0 + timedelta(hours=23, minutes=59)  # slid forward
    assert accounts.resolve_session(db, token, now=T0 + timedelta(hours=23, minutes=58)) is not None
    assert accounts.resolve_session(db, token, now=T0 + timedelta(hours=35, minutes=59)) is None  # idle 12 h


def test_an_untouched_session_expires_after_12_hours(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    assert accounts.resolve_session(db, token, now=T0 + timedelta(hours=12)) is None


def test_sliding_stops_at_7_days_after_sign_in(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    for hours in range(10, 170, 10):  # every 10 hours up to 6 days 16 hours
        assert accounts.resolve_session(db, token, now=T0 + timedelta(hours=hours)) is not None
    assert _row(db, token).expires_at == T0 + sessions.SESSION_MAX_AGE
    assert accounts.resolve_session(db, token, now=T0 + timedelta(days=7)) is None


def test_remembered_session_lasts_30_days_without_sliding(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=True, now=T0)
    assert _row(db, token).remember
    assert accounts.resolve_session(db, token, now=T0 + timedelta(days=29, hours=23)) is not None
    assert _row(db, token).expires_at == T0 + timedelta(days=30)
    assert accounts.resolve_session(db, token, now=T0 + timedelta(days=30)) is None


def test_last_seen_is_written_at_most_once_a_minute(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    accounts.resolve_session(db, token, now=T0 + timedelta(seconds=30))
    assert _row(db, token).last_seen == T0
    assert _row(db, token).expires_at == T0 + timedelta(hours=12)
    accounts.resolve_session(db, token, now=T0 + timedelta(seconds=61))
    assert _row(db, token).last_seen == T0 + timedelta(seconds=61)


def test_sign_out_revokes_the_session(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=True, now=T0)
    other = accounts.create_session(db, user, remember=False, now=T0)
    accounts.end_session(db, token)
    assert _row(db, token).revoked
    assert accounts.resolve_session(db, token, now=T0) is None
    assert accounts.resolve_session(db, other, now=T0) is not None
    accounts.end_session(db, token)  # again: nothing happens
    accounts.end_session(db, "unknown")


def test_end_all_sessions_can_keep_the_current_one(db):
    user = active_user(db)
    other_user = active_user(db, login="petrov", email="petrov@example.ru", phone="+79990000002")
    tokens = [accounts.create_session(db, user, remember=r, now=T0) for r in (True, False, False)]
    foreign = accounts.create_session(db, other_user, remember=False, now=T0)
    assert accounts.end_all_sessions(db, user, keep_token=tokens[0]) == 2
    assert [accounts.resolve_session(db, t, now=T0) is not None for t in tokens] == [True, False, False]
    assert accounts.end_all_sessions(db, user) == 1
    assert accounts.resolve_session(db, tokens[0], now=T0) is None
    assert accounts.resolve_session(db, foreign, now=T0) is not None


def test_an_inactive_user_has_no_session(db):
    user = active_user(db)
    token = accounts.create_session(db, user, remember=False, now=T0)
    user.is_active = False
    db.add(user)
    db.flush()
    assert accounts.resolve_session(db, token, now=T0) is None
