"""Staff edit the directory: a unit's fields with their "public" switches, and its contacts."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.forum import forum_styles, items
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.directory import FIELDS
from mrko_app.state.public_info import DirectoryEditState


def _unit_form(u=None) -> rx.Component:
    uid = u["id"].to(str) if u is not None else "new"

    def value(name):
        return u[name] if u is not None else ""

    def labelled(name: str, key: str, **props) -> rx.Component:
        return rx.vstack(
            rx.el.label(T(key), html_for=f"unit-{name}-{uid}" if u is None else "unit-" + name + "-" + uid,
                        class_name="mrko-label"),
            rx.input(name=name, id="unit-" + name + "-" + uid, default_value=value(name), width="100%", **props),
            spacing="1", width="100%")

    return rx.form(
        rx.el.input(type="hidden", name="id", value="" if u is None else uid),
        labelled("name", "directory.name", max_length=120),
        labelled("description", "directory.description", max_length=1000),
        *[rx.hstack(labelled(f, f"directory.{f}", max_length=200),
                    rx.el.label(rx.el.input(type="checkbox", name=f"show_{f}",
                                            default_checked=u[f"show_{f}"].to(bool) if u is not None else True),
                                " ", T("directory.public")), align="end", width="100%") for f in FIELDS],
        rx.button(T("common.save"), type="submit", size="2", class_name="unit-save"),
        on_submit=DirectoryEditState.save_unit, reset_on_submit=u is None, width="100%",
    )


def _unit(u) -> rx.Component:
    uid = u["id"].to(str)
    return rx.el.details(
        rx.el.summary(u["name"]),
        _unit_form(u),
        rx.el.ul(rx.foreach(items(u["contacts"]), lambda c: rx.el.li(
            c["name"], " · ", c["post"], " ", rx.cond(c["public"], "", rx.badge(T("directory.private"))),
            rx.button(T("faq.delete"), size="1", variant="soft", color_scheme="red",
                      on_click=DirectoryEditState.delete_contact(c["id"]))))),
        rx.form(
            rx.el.input(type="hidden", name="unit_id", value=uid),
            rx.el.label(T("directory.contact_name"), html_for="contact-name-" + uid, class_name="mrko-label"),
            rx.input(name="name", id="contact-name-" + uid, max_length=120),
            rx.el.label(T("directory.post"), html_for="contact-post-" + uid, class_name="mrko-label"),
            rx.input(name="post", id="contact-post-" + uid, max_length=120),
            rx.el.label(rx.el.input(type="checkbox", name="public", default_checked=True), " ", T("directory.public")),
            rx.button(T("directory.add_contact"), type="submit", size="1"),
            on_submit=DirectoryEditState.save_contact, reset_on_submit=True,
        ),
        class_name="forum-card",
    )


@page(routes.STAFF_DIRECTORY, "nav.staff_directory", roles=("staff",), on_load=DirectoryEditState.load)
def directory_edit() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        form_message(DirectoryEditState.message),
        *[field_error(DirectoryEditState.errors, name) for name in ("name", "description", "address", "hours", "phone",
                                                                    "email", "contact_name", "post")],
        rx.cond(DirectoryEditState.notice != "", rx.callout(DirectoryEditState.notice, color_scheme="green",
                                                            role="status")),
        rx.foreach(DirectoryEditState.units, _unit),
        rx.heading(T("directory.new_unit"), size="4", as_="h2"),
        _unit_form(),
        rx.link(T("directory.title"), href=routes.DIRECTORY),
        spacing="3", width="100%", max_width="900px",
    )
