"""Signing in through a real OpenID provider (oidc-provider on 127.0.0.1, tests/oidc_fixture.py): the
authorization code flow with PKCE, state and nonce, the ID token checks, the one-time ticket, and what
a first and a later sign-in do to accounts. The provider's pages are walked over HTTP here; the browser
tests (tests/e2e/test_oidc.py) do it in Chromium."""

import os
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from mrko_app import config
from mrko_app.models import OidcIdentity, User
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import oidc, oidc_accounts
from mrko_app.services.accounts.passwords import hash_secret
from mrko_app.services.errors import ServiceError, ValidationError
from tests.oidc_fixture import OidcProvider, sign_in_over_http
from tests.services.accounts_helpers import last_code
from tests.smtp_server import free_port

ORIGIN = "http://127.0.0.1:9"  # the app's address (nothing listens: the tests play the browser)
CALLBACK = f"{ORIGIN}/auth/oidc/gosuslugi/callback"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    server = OidcProvider(free_port(), [CALLBACK], tmp_path_factory.mktemp("oidc")).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def settings(provider, monkeypatch):
    monkeypatch.setenv("MRKO_ORIGIN", ORIGIN)
    for key, value in provider.env().items():
        monkeypatch.setenv(key, value)
    oidc._discovery_cache.clear()
    yield
    oidc._discovery_cache.clear()


def callback_params(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def provider_sign_in(db, provider, login, cancel=False):
    """start -> the provider's pages -> the callback's query and the browser's state cookie."""
    url, state = oidc.start(db, "gosuslugi")
    query = parse_qs(urlparse(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"] == [state] and "openid" in query["scope"][0]
    return callback_params(sign_in_over_http(url, login, CALLBACK, cancel=cancel)), state


def pending_from(db, provider, login):
    params, cookie = provider_sign_in(db, provider, login)
    result = oidc.finish(db, "gosuslugi", params, cookie)
    row = oidc.take_ticket(db, result.ticket)
    return oidc_accounts.Pending(row.provider, row.subject, dict(row.claims))


def test_providers_come_from_the_environment(monkeypatch):
    assert config.oidc_providers()["gosuslugi"]["display_name_ru"] == "Госуслуги"
    for key in [k for k in list(os.environ) if k.startswith("MRKO_OIDC_")]:
        monkeypatch.delenv(key)
    assert config.oidc_providers() == {}  # no provider configured: no button


def test_a_new_parent_registers_with_the_providers_details_and_comes_back_without_a_password(db, provider):
    provider.set_account("anna", family_name="Смирнова", given_name="Анна", email="anna@example.ru",
                         phone_number="+79161234567", phone_number_verified=True)
    pending = pending_from(db, provider, "anna")
    assert pending.subject == "anna" and oidc_accounts.sign_in(db, pending) is None  # first time
    form = oidc_accounts.prefill(db, pending)
    assert form == {"surname": "Смирнова", "first_name": "Анна", "patronymic": "", "email": "anna@example.ru",
                    "phone": "+79161234567", "login": "anna"}
    user = oidc_accounts.register_with_identity(db, pending, form, language="en")
    assert user.is_active and user.phone_confirmed and user.password_hash == ""  # the provider vouched
    assert accounts.roles_of(db, user) == {"parent"}
    again = pending_from(db, provider, "anna")
    assert oidc_accounts.sign_in(db, again).id == user.id


def test_an_unverified_phone_is_confirmed_by_sms(db, provider):
    provider.set_account("boris", family_name="Орлов", given_name="Борис", email="boris@example.ru",
                         phone_number="+79161230000", phone_number_verified=False)
    pending = pending_from(db, provider, "boris")
    user = oidc_accounts.register_with_identity(db, pending, oidc_accounts.prefill(db, pending))
    assert not user.is_active and not user.phone_confirmed
    accounts.confirm_phone(db, user.id, last_code(db, user.phone))
    assert user.is_active


def test_a_bad_registration_writes_nothing(db, provider):
    provider.set_account("vera", given_name="Вера", email="not-an-email")
    pending = pending_from(db, provider, "vera")
    with pytest.raises(ValidationError) as err:
        oidc_accounts.register_with_identity(db, pending, oidc_accounts.prefill(db, pending))
    assert {"surname", "email", "phone"} <= set(err.value.fields)
    assert db.query(OidcIdentity).count() == 0 and db.query(User).count() == 0


def existing_parent(db, password="Secret42x"):
    user = User(surname="Иванова", first_name="Мария", email="maria@example.ru", login="mivanova",
                phone="+79990001122", password_hash=hash_secret(password), is_active=True, phone_confirmed=True)
    db.add(user)
    db.flush()
    return user


def test_an_existing_account_links_with_its_password_once(db, provider):
    user = existing_parent(db)
    provider.set_account("maria-gu", email="maria@example.ru", given_name="Мария")
    pending = pending_from(db, provider, "maria-gu")
    with pytest.raises(ServiceError) as err:
        oidc_accounts.link_with_password(db, pending, "mivanova", "wrong1x")
    assert err.value.key == "accounts.bad_credentials" and err.value.persist
    assert oidc_accounts.link_with_password(db, pending, "mivanova", "Secret42x").id == user.id
    later = pending_from(db, provider, "maria-gu")
    assert oidc_accounts.sign_in(db, later).id == user.id
    [identity] = oidc_accounts.identities(db, user)
    assert (identity.provider, identity.subject, identity.email) == ("gosuslugi", "maria-gu", "maria@example.ru")
    other = pending_from(db, provider, "someone-else")
    with pytest.raises(ServiceError, match="oidc.already_linked"):
        oidc_accounts.link_with_password(db, other, "mivanova", "Secret42x")


def test_unlinking_refuses_the_last_way_in(db, provider):
    provider.set_account("gleb", family_name="Котов", given_name="Глеб", email="gleb@example.ru",
                         phone_number="+79160000001", phone_number_verified=True)
    pending = pending_from(db, provider, "gleb")
    newcomer = oidc_accounts.register_with_identity(db, pending, oidc_accounts.prefill(db, pending))
    [identity] = oidc_accounts.identities(db, newcomer)
    with pytest.raises(ServiceError, match="oidc.last_way_in"):
        oidc_accounts.unlink(db, newcomer, identity.id)
    user = existing_parent(db)
    with pytest.raises(ServiceError, match="oidc.identity_not_found"):
        oidc_accounts.unlink(db, user, identity.id)  # not theirs
    linked = pending_from(db, provider, "maria-2")
    oidc_accounts.link_with_password(db, linked, "mivanova", "Secret42x")
    [mine] = oidc_accounts.identities(db, user)
    oidc_accounts.unlink(db, user, mine.id)  # she still has her password
    assert oidc_accounts.identities(db, user) == []


def test_a_tampered_state_is_refused(db, provider):
    params, cookie = provider_sign_in(db, provider, "anna")
    with pytest.raises(oidc.OidcError) as err:
        oidc.finish(db, "gosuslugi", {**params, "state": params["state"] + "x"}, cookie + "x")
    assert err.value.code == "bad_state"
    with pytest.raises(oidc.OidcError) as err:  # a callback started in another browser (login CSRF)
        oidc.finish(db, "gosuslugi", params, "the-state-of-my-own-browser")
    assert err.value.code == "bad_state"


def test_a_replayed_callback_or_code_is_refused(db, provider):
    params, cookie = provider_sign_in(db, provider, "anna")
    oidc.finish(db, "gosuslugi", params, cookie)
    with pytest.raises(oidc.OidcError) as err:
        oidc.finish(db, "gosuslugi", params, cookie)
    assert err.value.code == "replayed"
    fresh, fresh_cookie = provider_sign_in(db, provider, "anna")
    with pytest.raises(oidc.OidcError) as err:  # an old code with a new state: the provider says no
        oidc.finish(db, "gosuslugi", {**fresh, "code": params["code"]}, fresh_cookie)
    assert err.value.code == "replayed"


def test_an_expired_id_token_is_refused(db, provider):
    params, cookie = provider_sign_in(db, provider, "anna")
    with pytest.raises(oidc.OidcError) as err:
        oidc.finish(db, "gosuslugi", params, cookie, token_now=utcnow() + timedelta(hours=3))
    assert err.value.code == "expired"


def test_an_id_token_for_another_client_is_refused(db, provider, monkeypatch):
    params, cookie = provider_sign_in(db, provider, "anna")
    real = oidc.validate_id_token

    def as_another_client(id_token, settings, *args):
        return real(id_token, {**settings, "client_id": "someone-else"}, *args)

    monkeypatch.setattr(oidc, "validate_id_token", as_another_client)
    with pytest.raises(oidc.OidcError) as err:
        oidc.finish(db, "gosuslugi", params, cookie)
    assert err.value.code == "invalid_token"


def test_cancelling_on_the_provider(db, provider):
    params, cookie = provider_sign_in(db, provider, "anna", cancel=True)
    assert params["error"] == "access_denied"
    with pytest.raises(oidc.OidcError) as err:
        oidc.finish(db, "gosuslugi", params, cookie)
    assert err.value.code == "cancelled"


def test_a_provider_that_is_down(db, monkeypatch):
    monkeypatch.setenv("MRKO_OIDC_GOSUSLUGI_ISSUER", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(oidc.OidcError) as err:
        oidc.start(db, "gosuslugi")
    assert err.value.code == "provider_down"
    with pytest.raises(oidc.OidcError) as err:
        oidc.start(db, "nosuch")
    assert err.value.code == "unknown_provider"


def test_a_ticket_is_single_use_and_short_lived(db, provider):
    params, cookie = provider_sign_in(db, provider, "anna")
    ticket = oidc.finish(db, "gosuslugi", params, cookie).ticket
    with pytest.raises(oidc.OidcError, match="ticket_invalid"):
        oidc.take_ticket(db, ticket, now=utcnow() + oidc.TICKET_TTL + timedelta(seconds=1))
    assert oidc.take_ticket(db, ticket).subject == "anna"
    with pytest.raises(oidc.OidcError, match="ticket_invalid"):
        oidc.take_ticket(db, ticket)
    with pytest.raises(oidc.OidcError, match="ticket_invalid"):
        oidc.take_ticket(db, "x" * 500)


def test_old_requests_and_tickets_are_forgotten(db, provider):
    from mrko_app.models import OidcFlow, SignInTicket

    params, cookie = provider_sign_in(db, provider, "anna")
    oidc.finish(db, "gosuslugi", params, cookie)
    assert db.query(OidcFlow).count() == 1 and db.query(SignInTicket).count() == 1
    oidc.purge(db, utcnow() + oidc.PURGE_AFTER)  # expired, but less than a day ago
    assert db.query(OidcFlow).count() == 1
    oidc.purge(db, utcnow() + oidc.PURGE_AFTER + oidc.FLOW_TTL + timedelta(minutes=1))
    assert db.query(OidcFlow).count() == 0 and db.query(SignInTicket).count() == 0
