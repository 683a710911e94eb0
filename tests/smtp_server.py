"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), keeping what it receives as parsed
RFC 5322 messages. It can be stopped and started again on the same port (the server "down")."""

import email
import email.policy
import socket
import ssl
import subprocess
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made with the machine's openssl (the client verifies it as its CA)."""
    cert, key = folder / "smtp.crt", folder / "smtp.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


class _Handler:
    def __init__(self, server: "LocalSmtp"):
        self.server = server

    async def handle_DATA(self, _server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.server.received.append({"message": message, "to": list(envelope.rcpt_tos),
                                     "login": getattr(session, "auth_data", None), "tls": session.ssl is not None})
        return "250 OK"


class LocalSmtp:
    def __init__(self, port: int | None = None, tls: tuple[Path, Path] | None = None,
                 credentials: tuple[str, str] | None = None):
        self.port = port or free_port()
        self.received: list[dict] = []
        self.tls, self.credentials = tls, credentials
        self._controller: Controller | None = None

    def _authenticate(self, _server, _session, _envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and self.credentials == (
            auth_data.login.decode(), auth_data.password.decode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login.decode() if ok else None)

    def start(self) -> "LocalSmtp":
        kwargs = {}
        if self.tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.tls[0]), str(self.tls[1]))
            kwargs.update(tls_context=context, require_starttls=True)
        if self.credentials:
            kwargs.update(authenticator=self._authenticate, auth_required=True)
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def messages(self) -> list:
        return [r["message"] for r in self.received]
