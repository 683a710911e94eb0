"""The sign-in handlers called straight over the websocket with any arguments, as a hostile tab would:
without a ticket from the provider nothing links or registers; with a ticket, a forged ticket, a
malformed form, nothing is half-made; another user's linked identity cannot be unlinked."""

import pytest
from sqlmodel import Session, select

from mrko_app.models import OidcIdentity, User
from mrko_app.services.accounts import sessions
from mrko_app.state.oidc import OidcState
from mrko_app.state.profile import ProfileState
from tests.e2e.attack_table import MALFORMED
from tests.e2e.socket_client import EventClient
from tests.e2e.test_access_attacks import run_async

pytestmark = pytest.mark.e2e


def _rows(engine):
    with Session(engine) as db:
        return (sorted((i.id, i.user_id, i.subject) for i in db.exec(select(OidcIdentity)).all()),
                len(db.exec(select(User.id)).all()))


@pytest.fixture
def victim_identity(app_engine):
    """parent1 has a linked identity; an attacker signed in as teacher1 tries to remove it."""
    with Session(app_engine) as db:
        victim = db.exec(select(User).where(User.login == "parent1")).one()
        identity = db.exec(select(OidcIdentity).where(OidcIdentity.subject == "victim-subject")).first()
        if identity is None:
            identity = OidcIdentity(user_id=victim.id, provider="gosuslugi", subject="victim-subject")
            db.add(identity)
            db.commit()
            db.refresh(identity)
        attacker = db.exec(select(User).where(User.login == "teacher1")).one()
        token = sessions.create_session(db, attacker)
        db.commit()
        return identity.id, token


async def _attack(app_url, token, identity_id):
    forms = [*MALFORMED, {"identifier": "parent1", "password": "parent1pass"},
             {"surname": "Взломщик", "first_name": "Иван", "email": "evil@example.org", "phone": "+79160009999",
              "login": "evil"}]
    async with EventClient(app_url, "", "/login/oidc") as anonymous:
        for form in forms:
            await anonymous.call(OidcState, "link", {"form": form}, pathname="/login/oidc")
            await anonymous.call(OidcState, "register", {"form": form}, pathname="/login/oidc")
        for arg in MALFORMED:
            await anonymous.call(OidcState, "exchange", {"ticket": arg}, pathname="/login/oidc")
        await anonymous.call(OidcState, "setvar", {"var_name": "_pending", "value": {"provider": "gosuslugi",
                             "subject": "x", "claims": {}, "until": "9999"}}, pathname="/login/oidc")
        await anonymous.call(OidcState, "register", {"form": forms[-1]}, pathname="/login/oidc")
        step = anonymous.state_value(OidcState, "step")
    async with EventClient(app_url, token, "/profile") as teacher:
        for arg in [*MALFORMED, str(identity_id), identity_id]:
            await teacher.call(ProfileState, "unlink", {"identity_id": arg}, pathname="/profile")
    return step


def test_sign_in_handlers_refuse_what_the_provider_did_not_vouch_for(app_url, app_engine, victim_identity):
    identity_id, token = victim_identity
    before = _rows(app_engine)
    step = run_async(_attack(app_url, token, identity_id))
    assert _rows(app_engine) == before  # nothing linked, registered, or unlinked
    assert step == "failed"
