"""One question with its answers and comments (routes.FORUM_QUESTION?id=…)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.forum import forum_styles, tag_badges
from mrko_app.components.forum_post import post
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.forum.rules import BODY_MAX
from mrko_app.state.base import AuthState
from mrko_app.state.forum import QuestionState


def _answer_form() -> rx.Component:
    return rx.cond(
        QuestionState.can_answer,
        rx.form(
            rx.vstack(
                rx.el.label(T("forum.your_answer"), html_for="field-answer", class_name="mrko-label"),
                rx.text_area(name="body", id="field-answer", max_length=BODY_MAX["answer"], rows="5", width="100%"),
                rx.text(T("forum.markdown_hint"), size="1", color_scheme="gray"),
                field_error(QuestionState.errors, "body"),
                rx.button(T("forum.answer_send"), type="submit", id="answer-submit"),
                spacing="2", width="100%",
            ),
            on_submit=QuestionState.post_answer, reset_on_submit=False, key=QuestionState.form_key.to(str),
            width="100%",
        ),
        rx.cond(AuthState.signed_in,
                rx.text(T("forum.closed"), color_scheme="gray", id="answers-closed"),
                rx.link(T("forum.login_to_answer"), href=routes.LOGIN, id="login-to-answer")),
    )


def _thread() -> rx.Component:
    q = QuestionState.question
    return rx.vstack(
        rx.heading(q["title"], size="5", as_="h2", id="question-title"),
        rx.hstack(tag_badges(q["tags"]),
                  rx.cond(q["locked"].to(bool), rx.badge(T("forum.locked"), color_scheme="amber", id="locked-badge")),
                  rx.cond(q["pinned"].to(bool), rx.badge(T("forum.pinned"), color_scheme="blue")),
                  spacing="2", wrap="wrap"),
        rx.cond(q["merged_into"].to(int) > 0,
                rx.callout(rx.link(T("forum.merged"), href=routes.FORUM_QUESTION + "?id=" + q["merged_into"].to(str)),
                           color_scheme="amber")),
        post(q, is_answer=False),
        rx.heading(T("forum.answers"), " (", QuestionState.answers.length(), ")", size="4", as_="h2"),
        rx.vstack(rx.foreach(QuestionState.answers, lambda a: post(a, is_answer=True)), spacing="3", width="100%",
                  id="answers"),
        _answer_form(),
        spacing="3", width="100%",
    )


@page(routes.FORUM_QUESTION, "forum.question", on_load=QuestionState.load)
def forum_question() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.link(T("forum.back"), href=routes.FORUM),
        form_message(QuestionState.message),
        # the fields of the small per-post forms (comment, report, staff's edit, merge) report here
        *[field_error(QuestionState.errors, name) for name in ("comment", "note", "reason", "title", "target",
                                                              "target_id")],
        rx.cond(QuestionState.notice != "", rx.callout(QuestionState.notice, color_scheme="green", id="notice",
                                                       role="status")),
        rx.cond(QuestionState.found, _thread(), rx.text(T("error.not_found"), id="not-found")),
        spacing="3", width="100%", max_width="900px",
    )
