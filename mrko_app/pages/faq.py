"""The FAQ in sections, searchable; /faq?entry=<slug> opens and highlights one entry."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forum import forum_styles, items, post_html, results, search_box
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.faq import SECTIONS
from mrko_app.state.public_info import FaqState


def _entry(e) -> rx.Component:
    return rx.el.details(
        rx.el.summary(e["question"], class_name="faq-question"),
        post_html(e["html"]),
        rx.link(T("faq.link"), href=e["href"], size="1", class_name="faq-link"),
        open=FaqState.entry == e["slug"],
        id="faq-" + e["slug"].to(str), class_name=rx.cond(FaqState.entry == e["slug"], "forum-card faq-entry current",
                                                            "forum-card faq-entry"),
    )


def _section(s) -> rx.Component:
    return rx.el.section(
        rx.heading(rx.match(s["code"], *[(c, T(f"faq.section.{c}")) for c in SECTIONS], s["code"]), size="4", as_="h2",
                   id="faq-section-" + s["code"].to(str)),
        rx.vstack(rx.foreach(items(s["entries"]), _entry), spacing="2", width="100%"),
        class_name="faq-section", width="100%",
    )


@page(routes.FAQ, "faq.title", on_load=FaqState.load)
def faq_page() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.el.style(".faq-entry.current{border-color:var(--accent-8)} .faq-question{cursor:pointer;font-weight:600}"),
        search_box(FaqState.search, FaqState.query, box_id="faq-search"),
        results(FaqState.results, FaqState.searched, list_id="faq-results"),
        rx.foreach(FaqState.sections, _section),
        rx.hstack(rx.link(T("faq.ask_forum"), href=routes.FORUM), rx.link(T("feedback.title"), href=routes.FEEDBACK),
                  spacing="4"),
        spacing="4", width="100%", max_width="900px",
    )
