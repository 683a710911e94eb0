"""One post of a thread with its controls: votes, accept, official, flag, staff moderation, comments."""

import reflex as rx

from mrko_app.components.forum import author_line, items, post_html
from mrko_app.components.i18n import T
from mrko_app.services.faq import SECTIONS
from mrko_app.services.forum import FLAG_REASONS
from mrko_app.state.forum import QuestionState


def _votes(p) -> rx.Component:
    return rx.hstack(
        rx.cond(p["can_vote"], rx.icon_button(rx.icon("thumbs-up", size=14), on_click=QuestionState.vote(p["id"], 1),
                                              size="1", aria_label=T("forum.vote_up"), class_name="vote-up",
                                              variant=rx.cond(p["my_vote"] == 1, "solid", "soft"))),
        rx.text(p["score"], class_name="post-score", aria_label=T("forum.votes")),
        rx.cond(p["can_vote"], rx.icon_button(rx.icon("thumbs-down", size=14), on_click=QuestionState.vote(p["id"], -1),
                                              size="1", aria_label=T("forum.vote_down"), class_name="vote-down",
                                              variant=rx.cond(p["my_vote"] == -1, "solid", "soft"))),
        spacing="1", align="center",
    )


def _flag_form(p) -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("forum.flag")),
        rx.form(
            rx.el.input(type="hidden", name="post_id", value=p["id"].to(str)),
            rx.el.label(T("forum.flag_reason"), html_for="flag-reason-" + p["id"].to(str), class_name="mrko-label"),
            rx.el.select(*[rx.el.option(T(f"forum.reason.{r}"), value=r) for r in FLAG_REASONS], name="reason",
                         id="flag-reason-" + p["id"].to(str), class_name="mrko-select"),
            rx.button(T("forum.flag_send"), type="submit", size="1", color_scheme="red", class_name="flag-send"),
            on_submit=QuestionState.flag, reset_on_submit=True, class_name="flag-form",
        ),
        class_name="flag-box",
    )


def _moderate_form(p) -> rx.Component:
    actions = rx.cond(p["kind"] == "question",
                      rx.fragment(*[rx.el.option(T(f"forum.action.{a}"), value=a)
                                    for a in ("hide", "restore", "lock", "unlock", "pin", "unpin")]),
                      rx.fragment(*[rx.el.option(T(f"forum.action.{a}"), value=a) for a in ("hide", "restore")]))
    return rx.el.details(
        rx.el.summary(T("forum.moderate")),
        rx.form(
            rx.el.input(type="hidden", name="post_id", value=p["id"].to(str)),
            rx.el.label(T("forum.action"), html_for="mod-action-" + p["id"].to(str), class_name="mrko-label"),
            rx.el.select(actions, name="action", id="mod-action-" + p["id"].to(str), class_name="mrko-select"),
            rx.el.label(T("forum.mod_reason"), html_for="mod-reason-" + p["id"].to(str), class_name="mrko-label"),
            rx.input(name="reason", id="mod-reason-" + p["id"].to(str), max_length=300),
            rx.button(T("forum.apply"), type="submit", size="1", class_name="mod-apply"),
            on_submit=QuestionState.moderate, reset_on_submit=True, class_name="mod-form",
        ),
        class_name="mod-box",
    )


def _edit_form(p) -> rx.Component:
    pid = p["id"].to(str)
    return rx.el.details(
        rx.el.summary(T("forum.action.edit")),
        rx.form(
            rx.el.input(type="hidden", name="post_id", value=pid),
            rx.cond(p["kind"] == "question", rx.fragment(
                rx.el.label(T("forum.field.title"), html_for="edit-title-" + pid, class_name="mrko-label"),
                rx.input(name="title", id="edit-title-" + pid, default_value=p["title_source"].to(str), max_length=150))),
            rx.el.label(T("forum.field.body"), html_for="edit-body-" + pid, class_name="mrko-label"),
            rx.text_area(name="body", id="edit-body-" + pid, default_value=p["body"].to(str), rows="4", width="100%"),
            rx.el.label(T("forum.mod_reason"), html_for="edit-reason-" + pid, class_name="mrko-label"),
            rx.input(name="reason", id="edit-reason-" + pid, max_length=300),
            rx.button(T("common.save"), type="submit", size="1", class_name="edit-save"),
            on_submit=QuestionState.staff_edit, reset_on_submit=False,
        ),
    )


def _merge_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("forum.action.merge")),
        rx.form(
            rx.el.label(T("forum.merge_target"), html_for="merge-target", class_name="mrko-label"),
            rx.input(name="target_id", id="merge-target", type="number", min=1),
            rx.el.label(T("forum.mod_reason"), html_for="merge-reason", class_name="mrko-label"),
            rx.input(name="reason", id="merge-reason", max_length=300),
            rx.button(T("forum.apply"), type="submit", size="1"),
            on_submit=QuestionState.merge_into, reset_on_submit=True,
        ),
    )


def _to_faq_form(p) -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("forum.to_faq")),
        rx.form(
            rx.el.input(type="hidden", name="post_id", value=p["id"].to(str)),
            rx.el.label(T("faq.field.section"), html_for="faq-section-" + p["id"].to(str), class_name="mrko-label"),
            rx.el.select(*[rx.el.option(T(f"faq.section.{s}"), value=s) for s in SECTIONS], name="section",
                         id="faq-section-" + p["id"].to(str), class_name="mrko-select"),
            rx.el.label(T("faq.field.slug"), html_for="faq-slug-" + p["id"].to(str), class_name="mrko-label"),
            rx.input(name="slug", id="faq-slug-" + p["id"].to(str), max_length=80),
            rx.button(T("forum.apply"), type="submit", size="1"),
            on_submit=QuestionState.to_faq, reset_on_submit=True,
        ),
    )


def _comment(c) -> rx.Component:
    return rx.box(post_html(c["html"]), author_line(c),
                  rx.cond(c["hidden"], rx.badge(T("forum.hidden"), color_scheme="red")),
                  rx.cond(c["can_flag"], _flag_form(c)),
                  rx.cond(QuestionState.moderator, _moderate_form(c)),
                  class_name="forum-comment", id="post-" + c["id"].to(str))


def _comments(p) -> rx.Component:
    return rx.vstack(
        rx.foreach(items(p["comments"]), _comment),
        rx.cond(QuestionState.can_answer, rx.el.details(
            rx.el.summary(T("forum.add_comment")),
            rx.form(
                rx.el.input(type="hidden", name="post_id", value=p["id"].to(str)),
                rx.el.label(T("forum.field.comment"), html_for="comment-" + p["id"].to(str), class_name="mrko-label"),
                rx.text_area(name="comment", id="comment-" + p["id"].to(str), max_length=600, rows="2", width="100%"),
                rx.button(T("forum.comment_send"), type="submit", size="1", class_name="comment-send"),
                on_submit=QuestionState.post_comment, reset_on_submit=True,
            ),
        )),
        spacing="1", width="100%",
    )


def post(p, *, is_answer: bool) -> rx.Component:
    classes = "forum-card forum-answer" if is_answer else "forum-card forum-question"
    badges = rx.hstack(
        rx.cond(p["hidden"], rx.badge(T("forum.hidden"), color_scheme="red", class_name="hidden-badge")),
        rx.cond(p["edited"], rx.badge(T("forum.edited"), " ", p["edited_at"], color_scheme="gray", class_name="edited")),
        *([rx.cond(p["accepted"], rx.badge(rx.icon("check", size=12), T("forum.accepted"), color_scheme="green",
                                           class_name="accepted-badge")),
           rx.cond(p["official"], rx.badge(T("forum.official"), color_scheme="purple", class_name="official-badge"))]
          if is_answer else []),
        spacing="2", wrap="wrap",
    )
    controls = rx.hstack(
        _votes(p),
        *([rx.cond(QuestionState.can_accept,
                   rx.button(rx.cond(p["accepted"], T("forum.unaccept"), T("forum.accept")), size="1", variant="soft",
                             color_scheme="green", on_click=QuestionState.accept(p["id"]), class_name="accept")),
           rx.cond(QuestionState.moderator,
                   rx.button(T("forum.official_toggle"), size="1", variant="soft", color_scheme="purple",
                             on_click=QuestionState.mark_official(p["id"]), class_name="official-toggle"))]
          if is_answer else []),
        rx.cond(p["can_flag"], _flag_form(p)),
        rx.cond(QuestionState.moderator, _moderate_form(p)),
        rx.cond(QuestionState.moderator, _edit_form(p)),
        *([rx.cond(QuestionState.moderator, _to_faq_form(p))] if is_answer else
          [rx.cond(QuestionState.moderator, _merge_form())]),
        spacing="3", wrap="wrap", align="center",
    )
    return rx.box(
        badges, post_html(p["html"]), author_line(p), controls, _comments(p),
        class_name=rx.cond(p["hidden"], classes + " post-hidden",
                           rx.cond(is_answer & p["accepted"].to(bool), classes + " accepted", classes)),
        id="post-" + p["id"].to(str), data_post_id=p["id"].to(str), width="100%",
    )
