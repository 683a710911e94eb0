"""Small pieces shared by the access pages: status badges and reasons that follow the language switch."""

import reflex as rx

from mrko_app.components.i18n import T
from mrko_app.models.access import REJECT_REASONS

STATUS_COLORS = {"submitted": "amber", "approved": "green", "rejected": "red"}


def status_badge(status: rx.Var, **props) -> rx.Component:
    return rx.match(
        status,
        *[(s, rx.badge(T(f"access.status.{s}"), color_scheme=c, **props)) for s, c in STATUS_COLORS.items()],
        rx.badge(status, **props),
    )


def reason_text(reason: rx.Var) -> rx.Component:
    return rx.match(reason, *[(r, T(f"access.reason.{r}")) for r in REJECT_REASONS], "")


def labelled(label_key: str, value, **props) -> rx.Component:
    return rx.hstack(rx.text(T(label_key), ":", color_scheme="gray", size="2"), rx.text(value, size="2", **props),
                     spacing="1", wrap="wrap")
