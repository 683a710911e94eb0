"""The directory of departments and services: public fields only, searchable."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forum import forum_styles, items, search_box
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.public_info import DirectoryState


def _line(key: str, value) -> rx.Component:
    return rx.cond(value != "", rx.text(rx.text.strong(T(key)), ": ", value, size="2"))


def unit_card(u) -> rx.Component:
    return rx.el.article(
        rx.heading(u["name"], size="4", as_="h2"),
        rx.cond(u["department"], rx.badge(T("directory.department"), color_scheme="blue")),
        rx.text(u["description"], size="2"),
        _line("directory.address", u["address"]), _line("directory.hours", u["hours"]),
        _line("directory.phone", u["phone"]), _line("directory.email", u["email"]),
        rx.cond(items(u["contacts"]).length() > 0, rx.el.ul(rx.foreach(items(u["contacts"]), lambda c: rx.el.li(
            rx.text.strong(c["name"]), rx.cond(c["post"] != "", rx.text.span(", ", c["post"])),
            rx.cond(c["phone"] != "", rx.text.span(" · ", c["phone"])),
            rx.cond(c["email"] != "", rx.text.span(" · ", c["email"])))), class_name="unit-contacts")),
        class_name="forum-card unit-card", data_unit_id=u["id"].to(str),
    )


@page(routes.DIRECTORY, "directory.title", on_load=DirectoryState.load)
def directory_page() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.text(T("directory.lead"), size="2"),
        search_box(DirectoryState.search, DirectoryState.query, label_key="directory.search_label",
                   box_id="directory-search"),
        rx.cond(DirectoryState.units.length() > 0,
                rx.vstack(rx.foreach(DirectoryState.units, unit_card), spacing="3", width="100%", id="units"),
                rx.text(T("forum.no_results"), id="units-empty", color_scheme="gray")),
        rx.link(T("feedback.title"), href=routes.FEEDBACK),
        spacing="3", width="100%", max_width="900px",
    )
