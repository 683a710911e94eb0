"""Security headers on every HTTP response of the app: pages, assets, /ping, /_upload, API routes.

An ASGI wrapper installed with `rx.App(api_transformer=SecurityHeaders)`; in the single-port
production mode the compiled front end is mounted inside the app it wraps, so the HTML and the
JS/CSS assets get the headers too. Websocket traffic (/_event) passes untouched (its handshake
carries no page to protect; its origin is checked by `cors_allowed_origins`).

The Content-Security-Policy allows what the built front end needs and nothing else:
- scripts from the app's own origin, plus the inline scripts of the built HTML by their sha256
  (React Router's boot scripts; the hashes are read from .web/build/client/**/*.html once per process).
  No 'unsafe-eval': the app never sends scripts from the server (rx.call_script would need eval);
- styles from the origin and inline ('unsafe-inline' for styles only: Emotion and Radix write
  <style> elements and style attributes at run time);
- connections to the origin and its own websocket (ws:// and wss:// of the host asked for and of
  MRKO_ORIGIN); images and fonts from the origin and data:/blob: URLs (downloads, charts);
- no plugins, no frames, no framing by other sites, forms post only to the origin.
"""

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from mrko_app import config

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")  # nothing that could add a directive
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
               "payment=(), usb=()")


def build_dir() -> Path:
    from reflex.utils import prerequisites  # the .web folder of the app, where `reflex run` builds

    return prerequisites.get_web_dir() / "build" / "client"


def inline_script_hashes(html_files: Iterable[Path]) -> list[str]:
    """CSP sources ('sha256-…') for every inline script of these HTML files."""
    found = set()
    for path in html_files:
        for body in INLINE_SCRIPT.findall(path.read_bytes()):
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + "'")
    return sorted(found)


def content_security_policy(script_hashes: Iterable[str], hosts: Iterable[str]) -> str:
    sockets = " ".join(f"{scheme}://{host}" for host in dict.fromkeys(hosts) for scheme in ("ws", "wss"))
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self' {sockets}".rstrip(),
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def served_over_tls(scope) -> bool:
    forwarded = _header(scope, b"x-forwarded-proto").split(",")[0].strip().lower()
    return scope.get("scheme") == "https" or forwarded == "https" or config.app_origin().startswith("https://")


class SecurityHeaders:
    """Wraps the app's ASGI application (see the module doc)."""

    def __init__(self, app, html_dir: Path | None = None):
        self.app = app
        self._html_dir = html_dir
        self._hashes: list[str] | None = None

    def script_hashes(self) -> list[str]:
        if self._hashes is None:  # once the build exists (it is made before the server starts)
            folder = self._html_dir or build_dir()
            hashes = inline_script_hashes(sorted(folder.rglob("*.html"))) if folder.is_dir() else []
            if not hashes:
                return []
            self._hashes = hashes
        return self._hashes

    def headers(self, scope) -> list[tuple[bytes, bytes]]:
        hosts = [host for host in (_header(scope, b"host"), urlsplit(config.app_origin()).netloc)
                 if host and HOST.match(host)]
        values = {
            "content-security-policy": content_security_policy(self.script_hashes(), hosts),
            "x-frame-options": "DENY",
            "x-content-type-options": "nosniff",
            # same-origin: a reset link's token never leaves in a Referer header
            "referrer-policy": "same-origin",
            "permissions-policy": PERMISSIONS,
            "cross-origin-opener-policy": "same-origin",
        }
        if served_over_tls(scope):
            values["strict-transport-security"] = HSTS
        return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in values.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers(scope)
        names = {name for name, _ in extra}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
