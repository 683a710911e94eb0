"""Errors raised by services. Messages are translation-catalogue keys, never final text:
the state layer renders them in the user's language (see mrko_app.i18n.tr)."""


class ServiceError(Exception):
    """Base class. `key` names a catalogue entry; `params` fill its placeholders.

    `persist` is True on an error raised after the service recorded a failed try (a wrong password
    or code, counted towards a lock): the caller commits the session instead of rolling it back, so
    that the count survives (db.session_scope does this)."""

    persist = False

    def __init__(self, key: str = "error.generic", **params):
        super().__init__(key)
        self.key = key
        self.params = params


class ValidationError(ServiceError):
    """Bad input: `fields` maps a form field name to a catalogue key for the message shown beside it."""

    def __init__(self, fields: dict[str, str], **params):
        super().__init__("error.invalid", **params)
        self.fields = dict(fields)


class PermissionDenied(ServiceError):
    def __init__(self, key: str = "error.no_access", **params):
        super().__init__(key, **params)


class NotFound(ServiceError):
    def __init__(self, key: str = "error.not_found", **params):
        super().__init__(key, **params)


class Locked(ServiceError):
    """Too many failed tries: `until` is when the lock ends (naive UTC)."""

    def __init__(self, key: str, until, **params):
        super().__init__(key, until=until, **params)
        self.until = until


class Conflict(ServiceError):
    """Someone else changed the record since it was read: `current` describes what is there now."""

    def __init__(self, key: str = "error.conflict", current: dict | None = None, **params):
        super().__init__(key, **params)
        self.current = current or {}
