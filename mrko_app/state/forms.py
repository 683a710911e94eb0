"""The one gate every event handler's arguments pass before the handler runs.

A browser may call any public handler by name with any JSON in any argument (reflex-notes.md,
"Security"); Reflex's coercion by type hints is best effort and passes along what it cannot convert.
So each handler declares what it reads, and `accepts` checks types and sizes first:

    @rx.event
    @accepts(form=LoginForm)              # a typed form model (state/schemas.py)
    def submit(self, form: LoginForm): ...

    @rx.event
    @accepts(notice_id=Id)                # an id in the database's range, else refused
    def acknowledge(self, notice_id: int): ...

Bad input never reaches the handler: a form's bad fields get a message beside the field (the state's
`errors` dict, which components/forms.py shows) and anything unreadable (a form that is not a dict, an
argument of the wrong type) gets the general "could not read the form" in the state's `message`; the
handler then does nothing. `errors=` / `message=` name other vars (the journal's editors have their own).
"""

from __future__ import annotations

import functools
import inspect
import typing
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, TypeAdapter
from pydantic import ValidationError as SchemaError

from mrko_app.services.ids import parse_id

# Size caps against oversized payloads; the services keep their own, tighter domain limits and messages.
SHORT, LINE, LONG = 100, 1_000, 10_000
INDEX_MAX = 10_000  # a list on a page is far shorter; the handler checks the position exists
UNREADABLE = "form.unreadable"


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise ValueError("not text")


def _scalar(value):
    """What a control sends: text, a number or a checkbox's bool (kept as text, as str() did), or a
    one-item list (a segmented control)."""
    if value is None:
        return ""
    if isinstance(value, (str, bool, int, float)):
        return str(value)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    raise ValueError("not a value")


def _flag(value):
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and len(value) <= SHORT:
        return value.strip().lower() in ("on", "true", "1", "yes")
    raise ValueError("not a flag")


def _id(value):
    number = parse_id(value)
    if number is None:
        raise ValueError("not an id")
    return number


def _optional_id(value):
    return None if value is None or value == "" else _id(value)


def _index(value):
    """A position in a list the page shows (0, 1, ...): an int or its decimal text, never a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError("not an index")
    number = 0 if str(value).strip() == "0" else parse_id(value)
    if number is None or number >= INDEX_MAX:
        raise ValueError("not an index")
    return number


def _uploads(value):
    import reflex as rx

    if isinstance(value, list) and all(isinstance(f, rx.UploadFile) for f in value):
        return value
    raise ValueError("not uploaded files")


def text(limit: int = LINE):
    """Typed text of at most `limit` characters (None reads as "")."""
    return Annotated[str, BeforeValidator(_text), StringConstraints(max_length=limit)]


Line = text(LINE)
Long = text(LONG)
Short = text(SHORT)
Choice = Annotated[str, BeforeValidator(_scalar), StringConstraints(max_length=SHORT)]  # an option, a cell key
Flag = Annotated[bool, BeforeValidator(_flag)]
Id = Annotated[int, BeforeValidator(_id)]
OptionalId = Annotated[int | None, BeforeValidator(_optional_id)]  # "" or null: none chosen
Index = Annotated[int, BeforeValidator(_index)]  # a row of a list the page shows: 0 <= i < INDEX_MAX
Uploads = Annotated[list, BeforeValidator(_uploads)]


class Form(BaseModel):
    """A submitted form: missing fields are empty, fields the form does not have are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


def _field_errors(exc: SchemaError) -> dict[str, tuple[str, dict]] | None:
    """field -> (catalogue key, params) for a form's bad fields; None when the whole argument is unreadable."""
    fields: dict[str, tuple[str, dict]] = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        if not loc or not isinstance(loc[0], str):
            return None
        if error["type"] in ("string_too_long", "too_long"):
            fields.setdefault(loc[0], ("form.too_long", {"limit": error["ctx"]["max_length"]}))
        else:
            fields.setdefault(loc[0], ("form.field_unreadable", {}))
    return fields


def _refuse(state, errors_var: str, message_var: str, fields: dict, unreadable: bool) -> None:
    translate = getattr(state, "_t", None)
    if translate is None:  # a state without messages (e.g. the menu): refusing silently is all there is
        return
    if hasattr(state, errors_var):
        setattr(state, errors_var, {name: translate(key, **params) for name, (key, params) in fields.items()})
    if hasattr(state, message_var):
        setattr(state, message_var, translate(UNREADABLE if unreadable or not fields else "error.invalid"))


def accepts(*, errors: str = "errors", message: str = "message", **specs):
    """Validate every argument of the handler with its spec (a Form model or one of the types above)
    before it runs; see the module's docstring."""

    def decorate(fn):
        signature = inspect.signature(fn)
        names = [name for name in signature.parameters if name != "self"]
        if set(names) != set(specs):
            raise TypeError(f"{fn.__qualname__}: accepts() must name exactly its arguments {names}")
        adapters = {name: TypeAdapter(specs[name]) for name in names}
        defaults = {name: p.default for name, p in signature.parameters.items() if p.default is not p.empty}

        def read(state, args, kwargs) -> dict | None:
            raw = {**dict(zip(names, args)), **{k: v for k, v in kwargs.items() if k in adapters}}
            parsed, fields, unreadable = {}, {}, False
            for name in names:
                try:
                    parsed[name] = adapters[name].validate_python(raw.get(name, defaults.get(name)))
                except SchemaError as exc:
                    found = _field_errors(exc) if isinstance(specs[name], type) and issubclass(specs[name], Form) \
                        else None
                    unreadable = unreadable or found is None
                    fields.update(found or {})
            if unreadable or fields:
                _refuse(state, errors, message, fields, unreadable)
                return None
            return parsed

        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def handler(self, *args, **kwargs):
                parsed = read(self, args, kwargs)
                return None if parsed is None else await fn(self, **parsed)
        else:
            @functools.wraps(fn)
            def handler(self, *args, **kwargs):
                parsed = read(self, args, kwargs)
                return None if parsed is None else fn(self, **parsed)

        # Reflex reads the signature (to wire event triggers) and the hints (to coerce payloads): it sees
        # the same names with no types, so the raw JSON comes here untouched. Uploads keep theirs: Reflex's
        # upload endpoint finds the files' argument by its list[rx.UploadFile] hint.
        kept = {name: hint for name, hint in typing.get_type_hints(fn).items() if specs.get(name) is Uploads} \
            if any(spec is Uploads for spec in specs.values()) else {}
        handler.__signature__ = signature.replace(
            parameters=[p.replace(annotation=kept.get(p.name, inspect.Parameter.empty))
                        for p in signature.parameters.values()],
            return_annotation=inspect.Signature.empty)
        handler.__annotations__ = kept
        del handler.__wrapped__
        handler.accepted = dict(specs)
        return handler

    return decorate


__all__ = ["Choice", "Flag", "Form", "Id", "Index", "Line", "Long", "OptionalId", "Short", "Uploads", "accepts",
           "text"]
