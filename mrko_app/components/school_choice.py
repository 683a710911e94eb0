"""The school picker of the staff administration pages (shown only to staff of several schools)."""

import reflex as rx

from mrko_app.components.i18n import T


def school_picker(state) -> rx.Component:
    return rx.cond(
        state.schools.length() > 1,
        rx.hstack(
            rx.el.label(T("school_admin.pick_school"), html_for="admin-school", class_name="mrko-label"),
            rx.el.select(rx.foreach(state.schools, lambda s: rx.el.option(s["name"], value=s["id"])),
                         id="admin-school", class_name="mrko-select", value=state.school_id,
                         on_change=state.pick_school),
            spacing="2", align="center",
        ),
    )
