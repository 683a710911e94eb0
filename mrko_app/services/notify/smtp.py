"""E-mail through SMTP (smtplib), configured by `config.smtp_settings()` at each send.

- port 465 (or MRKO_SMTP_SSL=1) speaks TLS from the first byte;
- otherwise STARTTLS when MRKO_SMTP_STARTTLS=1, or by default when a user name is set (a password
  never crosses the network in the clear); MRKO_SMTP_STARTTLS=0 turns it off;
- the server's certificate is verified against the system's CAs, or MRKO_SMTP_CAFILE;
- with MRKO_SMTP_USER set, it logs in with MRKO_SMTP_PASSWORD.

The notification service does not call it inline: e-mails go through the durable queue
(services/notify/mail_queue.py), so a slow or dead server never holds up the action that sent them.
"""

import smtplib
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from mrko_app import config


def build_message(sender: str, recipient: str, subject: str, body: str, created_at: datetime | None = None,
                  message_id: str | None = None) -> EmailMessage:
    """An RFC 5322 message (UTF-8 text, Date and Message-ID set once, so a retry is the same message)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    when = (created_at or datetime.now(timezone.utc).replace(tzinfo=None)).replace(tzinfo=timezone.utc)
    message["Date"] = format_datetime(when)
    domain = sender.rsplit("@", 1)[-1] if "@" in sender else "localhost"
    message["Message-ID"] = message_id or make_msgid(domain=domain)
    message.set_content(body)
    return message


def _tls_context(settings: dict) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings["cafile"] or None)


class SmtpTransport:
    """The "email" channel's transport. `queued`: the notification service hands its messages to the
    durable queue instead of calling `deliver` inline."""

    queued = True
    timeout = 20

    def configured(self) -> bool:
        return config.smtp_settings() is not None

    def deliver(self, recipient: str, subject: str, body: str, created_at: datetime | None = None,
                message_id: str | None = None) -> None:
        settings = config.smtp_settings()
        if settings is None:
            raise RuntimeError("SMTP is not configured")
        message = build_message(settings["sender"], recipient, subject, body, created_at, message_id)
        if settings["ssl"]:
            smtp = smtplib.SMTP_SSL(settings["host"], settings["port"], timeout=self.timeout,
                                    context=_tls_context(settings))
        else:
            smtp = smtplib.SMTP(settings["host"], settings["port"], timeout=self.timeout)
        with smtp:
            if not settings["ssl"] and settings["starttls"]:
                smtp.starttls(context=_tls_context(settings))
            if settings["user"]:
                smtp.login(settings["user"], settings["password"])
            smtp.send_message(message)
