"""GET /calendar/<token>.ics: a person's private calendar feed (services/calendar_feed). A wrong,
revoked or malformed token answers the same bare 404 as any unknown address: it reveals nothing."""

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from mrko_app import db as database
from mrko_app.services import calendar_feed

PATH = "/calendar/{token}.ics"


def _render(token: str) -> bytes | None:
    with database.session_scope() as db:
        return calendar_feed.render(db, token)


async def feed(request: Request) -> Response:
    # the queries are blocking: run them off the event loop that serves every open tab
    body = await asyncio.to_thread(_render, request.path_params.get("token", ""))
    if body is None:
        return PlainTextResponse("Not Found", status_code=404)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"})


def mount(app: ASGIApp) -> ASGIApp:
    """An api_transformer: the feed route in front of the rest of the app."""
    return Starlette(routes=[Route(PATH, feed, methods=["GET"]), Mount("", app=app)])
