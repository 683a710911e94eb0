"""Asking a question: while the title is typed, similar questions and FAQ entries are shown."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message, submit_button
from mrko_app.components.forum import forum_styles, kind_badge, marked
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.forum import TAGS
from mrko_app.services.forum.rules import BODY_MAX, TITLE_MAX
from mrko_app.state.forum import AskState


def _similar() -> rx.Component:
    return rx.cond(
        AskState.similar.length() > 0,
        rx.box(
            rx.heading(T("forum.similar"), size="3", as_="h2"),
            rx.el.ul(rx.foreach(AskState.similar, lambda r: rx.el.li(
                kind_badge(r["kind"]), " ", rx.link(marked(r["title_marks"]), href=r["href"], target="_blank")),
            ), class_name="similar-list"),
            id="similar", role="status", class_name="forum-card",
        ),
    )


@page(routes.FORUM_ASK, "forum.ask", roles=("parent", "teacher", "staff", "psychologist"), on_load=AskState.load)
def forum_ask() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.text(T("forum.ask_lead"), size="2"),
        rx.form(
            rx.vstack(
                form_message(AskState.message),
                rx.el.label(T("forum.field.title"), html_for="field-title", class_name="mrko-label"),
                rx.input(name="title", id="field-title", max_length=TITLE_MAX, width="100%", size="3",
                         on_change=AskState.type_title.debounce(400), auto_complete="off"),
                field_error(AskState.errors, "title"),
                _similar(),
                rx.el.label(T("forum.field.body"), html_for="field-body", class_name="mrko-label"),
                rx.text_area(name="body", id="field-body", max_length=BODY_MAX["question"], rows="6", width="100%"),
                rx.text(T("forum.markdown_hint"), size="1", color_scheme="gray"),
                field_error(AskState.errors, "body"),
                rx.el.fieldset(
                    rx.el.legend(T("forum.field.tags"), class_name="mrko-label"),
                    rx.hstack(*[rx.el.label(rx.el.input(type="checkbox", name=f"tag_{t}", id=f"tag-{t}"), " ",
                                            T(f"forum.tag.{t}"), class_name="tag-choice") for t in TAGS],
                              spacing="3", wrap="wrap"),
                    class_name="tag-fieldset",
                ),
                submit_button("forum.ask_submit", id="ask-submit"),
                spacing="2", width="100%",
            ),
            on_submit=AskState.submit, reset_on_submit=False, class_name="mrko-form",
        ),
        spacing="3", width="100%", max_width="720px",
    )
