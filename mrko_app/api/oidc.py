"""The OpenID Connect endpoints: plain HTTP, because the provider redirects the browser to them.

GET /auth/oidc/<name>/start     -> 302 to the provider (the `state` also goes into an HttpOnly cookie)
GET /auth/oidc/<name>/callback  -> 302 to the sign-in page with a one-time ticket, or to the login page
                                   with ?oidc_error=<code> (services/oidc.ERROR_CODES)

The session token never appears in a URL: the page exchanges the ticket in an event handler.
The handlers are sync: Starlette runs them in a thread, so the calls to the provider and the database
never block the event loop.
"""

import logging
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from mrko_app import config, routes
from mrko_app import db as database
from mrko_app.services.accounts import oidc

log = logging.getLogger(__name__)

COOKIE = "mrko_oidc_state"
COOKIE_PATH = "/auth/oidc"


def _front(path: str, **query) -> str:
    return f"{config.app_origin().rstrip('/')}{path}" + (f"?{urlencode(query)}" if query else "")


def _no_store(response: RedirectResponse) -> RedirectResponse:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _failed(code: str) -> RedirectResponse:
    response = RedirectResponse(_front(routes.LOGIN, oidc_error=code), status_code=302)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return _no_store(response)


def start(request: Request) -> RedirectResponse:
    name = request.path_params["name"]
    try:
        with database.session_scope() as db:
            url, state = oidc.start(db, name)
    except oidc.OidcError as exc:
        log.info("oidc start for %s failed: %s", name, exc.code)
        return _failed(exc.code)
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(COOKIE, state, max_age=int(oidc.FLOW_TTL.total_seconds()), path=COOKIE_PATH,
                        httponly=True, samesite="lax", secure=config.app_origin().startswith("https://"))
    return _no_store(response)


def callback(request: Request) -> RedirectResponse:
    name = request.path_params["name"]
    params = {k: request.query_params.get(k, "") for k in ("state", "code", "error")}
    try:
        with database.session_scope() as db:
            result = oidc.finish(db, name, params, request.cookies.get(COOKIE, ""))
    except oidc.OidcError as exc:
        log.info("oidc callback for %s refused: %s", name, exc.code)
        return _failed(exc.code)
    response = RedirectResponse(_front(routes.OIDC_FINISH, ticket=result.ticket), status_code=302)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return _no_store(response)


def api() -> Starlette:
    return Starlette(routes=[
        Route("/auth/oidc/{name:str}/start", start, methods=["GET"]),
        Route("/auth/oidc/{name:str}/callback", callback, methods=["GET"]),
    ])
