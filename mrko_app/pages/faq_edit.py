"""Staff edit the FAQ: one form for a new or a chosen entry, the list of entries per section."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message, select_field, submit_button
from mrko_app.components.forum import forum_styles, items
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.faq import ANSWER_MAX, QUESTION_MAX, SECTIONS
from mrko_app.state.public_info import FaqEditState


def _input(label_key: str, name: str, **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label"),
        rx.input(name=name, id=f"field-{name}", default_value=FaqEditState.draft.get(name, ""), width="100%", **props),
        field_error(FaqEditState.errors, name), spacing="1", width="100%")


@page(routes.STAFF_FAQ, "nav.staff_faq", roles=("staff",), on_load=FaqEditState.load)
def faq_edit() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        form_message(FaqEditState.message),
        rx.cond(FaqEditState.notice != "", rx.callout(FaqEditState.notice, color_scheme="green", role="status",
                                                      id="faq-saved")),
        rx.form(
            rx.vstack(
                select_field("faq.field.section", "section", FaqEditState.errors,
                             [(s, f"faq.section.{s}") for s in SECTIONS],
                             default_value=FaqEditState.draft.get("section", "access")),
                _input("faq.field.slug", "slug", max_length=80),
                _input("faq.field.question", "question", max_length=QUESTION_MAX),
                rx.el.label(T("faq.field.answer"), html_for="field-answer", class_name="mrko-label"),
                rx.text_area(name="answer", id="field-answer", default_value=FaqEditState.draft.get("answer", ""),
                             max_length=ANSWER_MAX, rows="6", width="100%"),
                field_error(FaqEditState.errors, "answer"),
                _input("faq.field.position", "position", type="number", min=0, max=1000),
                submit_button("common.save", id="faq-save"),
                rx.button(T("faq.new"), type="button", variant="soft", on_click=FaqEditState.new),
                spacing="2", width="100%",
            ),
            on_submit=FaqEditState.save, reset_on_submit=False, key=FaqEditState.form_key.to(str),
            class_name="mrko-form",
        ),
        rx.foreach(FaqEditState.sections, lambda s: rx.vstack(
            rx.heading(rx.match(s["code"], *[(c, T(f"faq.section.{c}")) for c in SECTIONS], s["code"]), size="3",
                       as_="h2"),
            rx.foreach(items(s["entries"]), lambda e: rx.hstack(
                rx.link(e["question"], href=e["href"]), rx.spacer(),
                rx.button(T("faq.edit"), size="1", variant="soft", on_click=FaqEditState.edit(e["id"])),
                rx.button(T("faq.delete"), size="1", variant="soft", color_scheme="red",
                          on_click=FaqEditState.delete(e["id"])),
                width="100%", class_name="forum-card")),
            width="100%")),
        rx.link(T("faq.title"), href=routes.FAQ),
        spacing="3", width="100%", max_width="900px",
    )
