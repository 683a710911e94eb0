"""A real OpenID Provider for the tests: the npm package oidc-provider (tests/oidc_provider/server.mjs) on
the machine's Node.js, bound to 127.0.0.1. Its packages are installed on first use from the npm registry
(`npm ci` against the committed package-lock.json), so a fresh machine needs nothing but node and npm.

`OidcProvider.accounts` maps a login typed on the provider's own login page to the claims it returns;
`sign_in_over_http` walks that login page and the consent page without a browser (service tests)."""

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

HERE = Path(__file__).resolve().parent / "oidc_provider"
NODE = os.environ.get("MRKO_NODE") or shutil.which("node") or "/usr/bin/node"
CLIENT_ID, CLIENT_SECRET = "mrko-diary", "test-client-secret"


def ensure_installed() -> None:
    if (HERE / "node_modules" / "oidc-provider" / "package.json").is_file():
        return
    npm = shutil.which("npm")
    if npm is None or not Path(NODE).exists():
        pytest.skip("Node.js and npm are needed for the OpenID provider tests")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True, timeout=600)


class OidcProvider:
    def __init__(self, port: int, redirect_uris: list[str], folder: Path):
        self.port = port
        self.issuer = f"http://127.0.0.1:{port}"
        self.redirect_uris = redirect_uris
        self.config = folder / "oidc-provider.json"
        self.log = folder / "oidc-provider.log"
        self.accounts: dict[str, dict] = {}
        self._proc: subprocess.Popen | None = None

    def set_account(self, login: str, **claims) -> None:
        """What the provider says about `login` from now on (the server re-reads the file per sign-in)."""
        self.accounts[login] = claims
        self._write()

    def _write(self) -> None:
        self.config.write_text(json.dumps({
            "clients": [{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": self.redirect_uris}],
            "accounts": self.accounts,
        }))

    def start(self) -> "OidcProvider":
        ensure_installed()
        self._write()
        with open(self.log, "a") as out:
            self._proc = subprocess.Popen([NODE, str(HERE / "server.mjs"), str(self.port), str(self.config)],
                                          cwd=HERE, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"oidc-provider exited:\n{self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"oidc-provider did not start:\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGTERM)
            self._proc.wait(timeout=10)
        self._proc = None

    def env(self, name: str = "GOSUSLUGI") -> dict[str, str]:
        """The app's settings for this provider."""
        return {f"MRKO_OIDC_{name}_ISSUER": self.issuer, f"MRKO_OIDC_{name}_CLIENT_ID": CLIENT_ID,
                f"MRKO_OIDC_{name}_CLIENT_SECRET": CLIENT_SECRET, f"MRKO_OIDC_{name}_DISPLAY_NAME": "State Services",
                f"MRKO_OIDC_{name}_DISPLAY_NAME_RU": "Госуслуги"}


def _form_action(html: str, base: str) -> str:
    match = re.search(r'<form[^>]*action="([^"]+)"', html)
    assert match, html[:2000]
    return urljoin(base, match.group(1))


def sign_in_over_http(authorization_url: str, login: str, redirect_prefix: str, cancel: bool = False) -> str:
    """Go through the provider's login and consent pages as a browser would; returns the URL the
    provider finally redirects to (our callback, with code and state)."""
    with httpx.Client(timeout=10) as browser:
        url = authorization_url
        for _ in range(20):
            if url.startswith(redirect_prefix):
                return url
            response = browser.get(url)
            if response.is_redirect:
                url = urljoin(url, response.headers["location"])
                continue
            html = response.text
            if cancel:
                abort = re.search(r'href="([^"]*/abort)"', html)
                assert abort, html[:2000]
                url = urljoin(url, abort.group(1))
                continue
            prompt = "login" if 'name="login"' in html else "consent"
            data = {"prompt": prompt, "login": login, "password": "any"} if prompt == "login" else {"prompt": "consent"}
            response = browser.post(_form_action(html, url), data=data)
            assert response.is_redirect, response.text[:2000]
            url = urljoin(url, response.headers["location"])
        raise AssertionError(f"the provider never redirected back (last {url})")
