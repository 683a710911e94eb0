"""The security-headers wrapper on its own (the running app is checked in tests/e2e/test_security_headers.py)."""

import base64
import hashlib

import pytest

from mrko_app.security_headers import SecurityHeaders, content_security_policy, inline_script_hashes
from tests.async_run import run_async

PAGE = b"""<html><head><script src="/assets/a.js"></script><script>boot()</script>
<script type="module" async="">import "/assets/m.js";</script></head><body></body></html>"""


def sha(body: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"


@pytest.fixture
def build(tmp_path):
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.html").write_bytes(b"<script>other()</script>")
    return tmp_path


def run(app, scope):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    run_async(app(scope, receive, send))
    return sent


async def inner(scope, receive, send):
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"x-frame-options", b"SAMEORIGIN")]})
    await send({"type": "http.response.body", "body": b"ok"})


def http(host=b"diary.test:3000", **extra):
    headers = [(b"host", host)] + [(k.encode(), v.encode()) for k, v in extra.items()]
    return {"type": "http", "scheme": "http", "path": "/", "headers": headers}


def test_inline_scripts_are_hashed_and_external_ones_are_not(build):
    hashes = inline_script_hashes(sorted(build.rglob("*.html")))
    assert hashes == sorted({sha(b"boot()"), sha(b'import "/assets/m.js";'), sha(b"other()")})


def test_every_header_is_set_and_the_app_cannot_weaken_them(build, monkeypatch):
    monkeypatch.setenv("MRKO_ORIGIN", "http://diary.test:3000")
    start, body = run(SecurityHeaders(inner, build), http())
    headers = dict(start["headers"])
    assert headers[b"x-frame-options"] == b"DENY" and [k for k, _ in start["headers"]].count(b"x-frame-options") == 1
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert headers[b"referrer-policy"] == b"same-origin"
    assert b"camera=()" in headers[b"permissions-policy"]
    csp = headers[b"content-security-policy"].decode()
    assert f"script-src 'self' {' '.join(inline_script_hashes(sorted(build.rglob('*.html'))))};" in csp
    assert "connect-src 'self' ws://diary.test:3000 wss://diary.test:3000;" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert b"strict-transport-security" not in headers
    assert body["body"] == b"ok"


@pytest.mark.parametrize("scope_extra, origin", [({"x-forwarded-proto": "https"}, "http://diary.test"),
                                                 ({}, "https://diary.school.ru")])
def test_hsts_over_tls(build, monkeypatch, scope_extra, origin):
    monkeypatch.setenv("MRKO_ORIGIN", origin)
    headers = dict(run(SecurityHeaders(inner, build), http(**scope_extra))[0]["headers"])
    assert headers[b"strict-transport-security"] == b"max-age=31536000; includeSubDomains"


def test_a_forged_host_adds_nothing(build, monkeypatch):
    monkeypatch.setenv("MRKO_ORIGIN", "https://diary.school.ru")
    csp = dict(run(SecurityHeaders(inner, build), http(host=b"x; script-src *"))[0]["headers"])[
        b"content-security-policy"].decode()
    assert "x;" not in csp and "script-src *" not in csp and "wss://diary.school.ru" in csp


def test_websockets_pass_untouched(build):
    seen = []

    async def ws_app(scope, receive, send):
        seen.append(send)

    async def send(message):
        pass

    async def receive():
        return {}

    run_async(SecurityHeaders(ws_app, build)({"type": "websocket", "headers": []}, receive, send))
    assert seen == [send]


def test_the_policy_without_hosts_still_allows_the_origin():
    assert "connect-src 'self';" in content_security_policy([], [])


def test_no_module_asks_the_browser_to_eval_a_string():
    """rx.call_script makes the front end eval a string, which the CSP (no 'unsafe-eval') refuses at run
    time; rx.run_script compiles the code into the page. Caught here before a browser test meets it."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "mrko_app"
    found = [str(p.relative_to(root)) for p in root.rglob("*.py") if "call_script(" in p.read_text(encoding="utf-8")]
    assert found == []
