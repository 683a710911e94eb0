"""GET /media/<token>: a private file behind a short-lived signed address (services/uploads/signing.py).
The token names what (purpose and id), for whom and until when; the area that owns the purpose checks
again that this reader may still see it. Anything else (malformed, forged, expired, another reader's
record gone) answers the same bare 404 as an unknown address."""

import asyncio
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from mrko_app import db as database
from mrko_app.services import messages, news, uploads

PATH = "/media/{token}"
# purpose -> (db, grant) -> (bytes, content type) or None
RESOLVERS: dict[str, Callable] = {"news": news.picture_for_reader, messages.PURPOSE: messages.file_for_reader}


def _resolve(token: str) -> tuple[bytes, str, int] | None:
    grant = uploads.verify(token)
    resolver = RESOLVERS.get(grant.purpose) if grant else None
    if resolver is None:
        return None
    with database.session_scope() as db:
        found = resolver(db, grant)
    return (*found, grant.expires) if found else None


async def media(request: Request) -> Response:
    found = await asyncio.to_thread(_resolve, request.path_params.get("token", ""))
    if found is None:
        return PlainTextResponse("Not Found", status_code=404)
    body, content_type, _expires = found
    return Response(body, media_type=content_type, headers={
        # the reader's browser may keep it while the address lives; no shared cache ever
        # (nosniff and the other security headers come from SecurityHeaders around every response)
        "Cache-Control": "private, max-age=600", "Content-Disposition": "inline", "X-Robots-Tag": "noindex"})


def mount(app: ASGIApp) -> ASGIApp:
    """An api_transformer: the media route in front of the rest of the app."""
    return Starlette(routes=[Route(PATH, media, methods=["GET"]), Mount("", app=app)])
