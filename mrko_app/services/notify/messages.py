"""Sending e-mail and SMS through pluggable channels, with a development outbox.

Every message is stored as an `OutboxMessage` (the outbox page and the tests read it) and logged
(with its text in development mode only, so that codes never reach production logs).
Then the channel's transport, when one is registered and configured, delivers it:

- "email": `smtp.SmtpTransport`, active when `config.smtp_settings()` is set (MRKO_SMTP_HOST). It is a
  queued transport: the message goes to the durable queue (services/notify/mail_queue.py) that a background
  task drains with retries (services/notify/mail_runner.py), so sending never waits for the server.
- "sms": no transport yet; plug a gateway in with `register_channel("sms", MyGateway())`.

A delivery error is recorded in `OutboxMessage.error` and never raised: a failed e-mail must not
undo the action that sent it. `delivered` is True only when a transport accepted the message.

`secrets` (codes, link tokens) are replaced by REDACTED in the stored copy, so that the table
holds nothing usable, except on a development/demo instance when no transport delivers the
message: there the dev outbox is the delivery, and it needs the text (services/notify/dev_outbox.py).
A queued e-mail's text lives in its queue row only until the server accepted it.
"""

import logging
from datetime import datetime
from typing import Protocol, runtime_checkable

from sqlmodel import Session, col, select

from mrko_app import config
from mrko_app.models import OutboxMessage
from mrko_app.models.base import utcnow
from mrko_app.services.notify import mail_queue
from mrko_app.services.notify.smtp import SmtpTransport

log = logging.getLogger(__name__)

SUBJECT_MAX = 200
ERROR_MAX = 500
REDACTED = "[hidden]"


@runtime_checkable
class Transport(Protocol):
    """Delivers one message for a channel. Raise any exception to report a failure."""

    def configured(self) -> bool:
        """False when the transport has no settings: the message then stays in the outbox only."""
        ...

    def deliver(self, recipient: str, subject: str, body: str) -> None: ...



# channel name -> transport (None: outbox only)
_CHANNELS: dict[str, Transport | None] = {"email": SmtpTransport(), "sms": None}


def register_channel(name: str, transport: Transport | None) -> None:
    """Add a channel or replace its transport (None keeps messages in the outbox only)."""
    if transport is not None and not isinstance(transport, Transport):
        raise TypeError("a transport needs configured() and deliver(recipient, subject, body)")
    _CHANNELS[name] = transport


def transport(channel: str) -> Transport | None:
    return _CHANNELS.get(channel)


def channels() -> tuple[str, ...]:
    return tuple(_CHANNELS)


def send(
    session: Session,
    *,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str,
    user_id: int | None = None,
    now: datetime | None = None,
    secrets: tuple[str, ...] = (),
) -> OutboxMessage:
    """Store the message in the outbox, log it and deliver it through the channel's transport.
    `secrets`: substrings of the text that are redacted in the stored copy (see the module doc)."""
    if channel not in _CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    message = OutboxMessage(
        channel=channel,
        recipient=recipient,
        user_id=user_id,
        subject=subject[:SUBJECT_MAX],
        body=body,
        created_at=now or utcnow(),
    )
    transport = _CHANNELS[channel]
    queued = transport is not None and getattr(transport, "queued", False) and transport.configured()
    if transport is not None and not queued and transport.configured():
        try:
            transport.deliver(recipient, subject, body)
            message.delivered = True
        except Exception as exc:  # any delivery failure is recorded, never raised
            message.error = f"{exc.__class__.__name__}: {exc}"[:ERROR_MAX]
            log.warning("delivery by %s to %s failed: %s", channel, recipient, message.error)
    # a queued e-mail keeps its text in the queue row until sent (then dropped there too)
    if secrets and (message.delivered or queued or not config.dev_mode()):
        message.subject, message.body = redact(message.subject, secrets), redact(body, secrets)
    session.add(message)
    session.flush()
    if queued:
        mail_queue.enqueue(session, message, subject, body)
    if config.dev_mode():  # developers read codes from the console; production logs never hold them
        log.info("outbox #%s %s to %s: %s\n%s", message.id, channel, recipient, subject, body)
    else:
        log.info("outbox #%s %s to %s (delivered: %s, queued: %s)", message.id, channel, recipient,
                 message.delivered, queued)
    return message


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with each secret replaced by REDACTED (a delivery queue calls it once it delivered)."""
    for secret in sorted(filter(None, secrets), key=len, reverse=True):  # a URL before the token in it
        text = text.replace(secret, REDACTED)
    return text


def outbox(session: Session, recipient: str | None = None, limit: int = 50) -> list[OutboxMessage]:
    """Stored messages, newest first, optionally for one recipient."""
    query = select(OutboxMessage)
    if recipient is not None:
        query = query.where(OutboxMessage.recipient == recipient)
    query = query.order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc()).limit(limit)
    return list(session.exec(query))
