"""Signing in through an OpenID Connect provider (the State Services portal, or any other the deployment
configures: config.oidc_providers()): the authorization code flow with PKCE, `state` and `nonce`.

1. `start` records the request (`OidcFlow`: the state's hash, the nonce, the PKCE verifier) and returns
   the provider's authorization URL; the HTTP route also puts the state in a cookie of this browser.
2. `finish` (the callback) checks the state against the cookie and the stored request (single use,
   10 minutes), exchanges the code with the verifier (Authlib), validates the ID token with Authlib and
   joserfc (signature by a key of the provider's JWKS, issuer, audience, expiry, nonce), and issues a
   `SignInTicket`: random, stored hashed, single use, 2 minutes. Only the ticket travels in a URL; a page
   exchanges it in an event handler (services/accounts/oidc_accounts.py) for a session, never a URL.

Every failure is an `OidcError` whose `code` is one of ERROR_CODES; the login page shows
`oidc.error.<code>`. Nothing is written for a failed sign-in except the used-up request.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry
from sqlmodel import Session, delete, select

from mrko_app import config
from mrko_app.models import OidcFlow, SignInTicket
from mrko_app.models.base import utcnow
from mrko_app.services.errors import ServiceError

FLOW_TTL = timedelta(minutes=10)
TICKET_TTL = timedelta(minutes=2)
PURGE_AFTER = timedelta(days=1)
LEEWAY = 60  # seconds of clock difference tolerated on exp / iat
TIMEOUT = 10.0
SCOPE = "openid profile email phone"
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
ERROR_CODES = ("unknown_provider", "provider_down", "cancelled", "bad_state", "replayed", "expired",
               "invalid_token", "failed", "ticket_invalid")
CLAIMS_KEPT = ("email", "email_verified", "phone_number", "phone_number_verified", "family_name", "given_name",
               "middle_name", "name", "locale")
_DISCOVERY_TTL = 600.0
_discovery_cache: dict[str, tuple[float, dict]] = {}


class OidcError(ServiceError):
    # committed, not rolled back: a request used up by a failed callback stays used (no replay)
    persist = True

    def __init__(self, code: str):
        super().__init__(f"oidc.error.{code}")
        self.code = code


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def provider(name: str) -> dict:
    found = config.oidc_providers().get(str(name or "").lower())
    if found is None:
        raise OidcError("unknown_provider")
    return found


def redirect_uri(name: str) -> str:
    """The callback URL registered with the provider: MRKO_ORIGIN + /auth/oidc/<name>/callback."""
    return f"{config.app_origin().rstrip('/')}/auth/oidc/{name}/callback"


def discover(settings: dict, fresh: bool = False) -> dict:
    """The provider's metadata (.well-known/openid-configuration), cached for 10 minutes per process.
    `fresh`: read it now (a sign-in starts with it, so a provider that is down is told on our login page
    rather than by the browser failing to reach it)."""
    issuer = settings["issuer"]
    cached = _discovery_cache.get(issuer)
    if cached and not fresh and time.monotonic() - cached[0] < _DISCOVERY_TTL:
        return cached[1]
    try:
        response = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise OidcError("provider_down") from exc
    # the metadata must be the configured issuer's own (OpenID Connect Discovery 1.0, section 4.3)
    if str(metadata.get("issuer", "")).rstrip("/") != issuer or not metadata.get("authorization_endpoint"):
        raise OidcError("failed")
    _discovery_cache[issuer] = (time.monotonic(), metadata)
    return metadata


def _client(settings: dict, name: str) -> OAuth2Client:
    return OAuth2Client(client_id=settings["client_id"], client_secret=settings["client_secret"],
                        token_endpoint_auth_method="client_secret_basic", scope=SCOPE,
                        redirect_uri=redirect_uri(name), code_challenge_method="S256", timeout=TIMEOUT)


def start(session: Session, name: str, now: datetime | None = None) -> tuple[str, str]:
    """Record a new authorization request; returns (authorization URL, state for the cookie)."""
    now = now or utcnow()
    settings = provider(name)
    metadata = discover(settings, fresh=True)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    with _client(settings, settings["name"]) as client:
        url, _ = client.create_authorization_url(metadata["authorization_endpoint"], state=state, nonce=nonce,
                                                 code_verifier=verifier)
    purge(session, now)
    session.add(OidcFlow(state_hash=_hash(state), provider=settings["name"], nonce=nonce, code_verifier=verifier,
                         created_at=now, expires_at=now + FLOW_TTL))
    session.flush()
    return url, state


def purge(session: Session, now: datetime | None = None) -> None:
    """Forget requests and tickets expired a day ago (anyone may start a sign-in: the table must not grow).
    Kept a day, not dropped at expiry, so that a late replay is still told apart from a forged state."""
    before = (now or utcnow()) - PURGE_AFTER
    session.exec(delete(OidcFlow).where(OidcFlow.expires_at < before))
    session.exec(delete(SignInTicket).where(SignInTicket.expires_at < before))


def _take_flow(session: Session, name: str, state: str, cookie_state: str, now: datetime) -> OidcFlow:
    """The request this callback answers, used up now. The state must be the one this browser started
    with (its cookie): a callback started elsewhere (login CSRF) or a tampered state is refused."""
    if not state or len(state) > 200:
        raise OidcError("bad_state")
    flow = session.exec(select(OidcFlow).where(OidcFlow.state_hash == _hash(state))).first()
    if flow is None or flow.provider != name:
        raise OidcError("bad_state")
    if flow.used_at is not None:
        raise OidcError("replayed")
    if not cookie_state or not secrets.compare_digest(state, cookie_state):
        raise OidcError("bad_state")
    flow.used_at = now
    session.add(flow)
    session.flush()
    if flow.expires_at <= now:
        raise OidcError("expired")
    return flow


def validate_id_token(id_token: str, settings: dict, metadata: dict, nonce: str, access_token: str | None,
                      now: datetime) -> dict:
    """The ID token's claims, after checking its signature against the provider's JWKS and its
    issuer, audience, expiry, nonce (and at_hash when present). Raises OidcError."""
    try:
        jwks = httpx.get(metadata["jwks_uri"], timeout=TIMEOUT)
        jwks.raise_for_status()
        keys = KeySet.import_key_set(jwks.json())
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        raise OidcError("provider_down") from exc
    try:
        token = jwt.decode(id_token, keys, registry=JWSRegistry(algorithms=ALGORITHMS))
    except (JoseError, ValueError) as exc:
        raise OidcError("invalid_token") from exc
    params = {"nonce": nonce, "client_id": settings["client_id"]}
    if access_token:
        params["access_token"] = access_token
    claims = CodeIDToken(token.claims, token.header,
                         {"iss": {"essential": True, "value": metadata["issuer"]},
                          "aud": {"essential": True, "value": settings["client_id"]}}, params)
    ts = int((now - datetime(1970, 1, 1)).total_seconds())
    try:
        claims.validate(now=ts, leeway=LEEWAY)
    except JoseError as exc:
        expired = getattr(exc, "error", "") == "expired_token" or "expired" in str(exc).lower()
        raise OidcError("expired" if expired else "invalid_token") from exc
    audience = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if settings["client_id"] not in audience or not str(claims.get("sub") or ""):
        raise OidcError("invalid_token")
    return dict(claims)


@dataclass(frozen=True)
class CallbackResult:
    ticket: str
    provider: str
    subject: str


def finish(session: Session, name: str, params: dict, cookie_state: str, now: datetime | None = None,
           token_now: datetime | None = None) -> CallbackResult:
    """Handle the provider's redirect back (`params`: its query). Returns the one-time ticket.
    `token_now` is the time the ID token is checked at (tests move it to see an expired token)."""
    now = now or utcnow()
    settings = provider(name)
    flow = _take_flow(session, settings["name"], str(params.get("state") or ""), cookie_state, now)
    error = str(params.get("error") or "")
    if error:
        raise OidcError("cancelled" if error in ("access_denied", "login_required", "consent_required") else "failed")
    code = str(params.get("code") or "")
    if not code or len(code) > 2000:
        raise OidcError("failed")
    metadata = discover(settings)
    try:
        with _client(settings, settings["name"]) as client:
            token = client.fetch_token(metadata["token_endpoint"], grant_type="authorization_code", code=code,
                                       code_verifier=flow.code_verifier)
    except httpx.TransportError as exc:
        raise OidcError("provider_down") from exc
    except Exception as exc:  # the provider refused the code (reused, expired, wrong verifier): OAuthError
        raise OidcError("replayed" if "invalid_grant" in str(exc) else "failed") from exc
    if not token.get("id_token"):
        raise OidcError("invalid_token")
    claims = validate_id_token(token["id_token"], settings, metadata, flow.nonce, token.get("access_token"),
                               token_now or now)
    ticket = secrets.token_urlsafe(32)
    kept = {k: claims[k] for k in CLAIMS_KEPT if k in claims and isinstance(claims[k], (str, bool))}
    session.add(SignInTicket(ticket_hash=_hash(ticket), provider=settings["name"], subject=str(claims["sub"])[:255],
                             claims=kept, created_at=now, expires_at=now + TICKET_TTL))
    session.flush()
    return CallbackResult(ticket, settings["name"], str(claims["sub"]))


def take_ticket(session: Session, ticket: str, now: datetime | None = None) -> SignInTicket:
    """Use up a ticket (single use, 2 minutes); raises OidcError("ticket_invalid")."""
    now = now or utcnow()
    if not ticket or len(ticket) > 200:
        raise OidcError("ticket_invalid")
    row = session.exec(select(SignInTicket).where(SignInTicket.ticket_hash == _hash(ticket))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise OidcError("ticket_invalid")
    row.used_at = now
    session.add(row)
    session.flush()
    return row
