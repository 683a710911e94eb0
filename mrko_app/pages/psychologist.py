"""The parent asks the school psychologist: first the confidentiality notice and the promised answer
time, then the form (for the child chosen in the header), then the parent's requests with the answers
and any slots offered. Teachers, staff and the other parent see here only what was shared with them."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.psychologist import PsychologistState as S


def thread(request) -> rx.Component:
    """The request's text and its replies, oldest first (shared with the desk)."""
    return rx.vstack(
        rx.html(request["html"], class_name="psy-text"),
        rx.foreach(items(request["replies"]), lambda r: rx.box(
            rx.text(r["author"], " · ", r["when"], size="1", color_scheme="gray"),
            rx.html(r["html"]),
            class_name="psy-reply psy-reply-" + r["mine"].to(str), width="100%")),
        spacing="2", width="100%", class_name="psy-thread",
    )


def status_badge(request) -> rx.Component:
    return rx.badge(request["status_text"], color_scheme=request["colour"].to(str), class_name="psy-status")


def _offers(request) -> rx.Component:
    rid = request["id"].to(str)
    return rx.fragment(
        rx.cond(items(request["booked"]).length() > 0, rx.vstack(
            rx.text(T("psy.meeting_booked"), weight="bold", size="2"),
            rx.foreach(items(request["booked"]), lambda o: rx.text(o["when"], " · ", o["place"], size="2",
                                                                    class_name="psy-booked")),
            spacing="1")),
        rx.cond(items(request["offers"]).length() > 0, rx.vstack(
            rx.text(T("psy.offers"), weight="bold", size="2"),
            rx.foreach(items(request["offers"]), lambda o: rx.hstack(
                rx.text(o["when"], " · ", o["length"], " · ", o["place"], size="2"),
                rx.button(T("meetings.book"), size="1", on_click=S.book(rid, o["id"].to(str)),
                          id="psy-book-" + o["id"].to(str)),
                spacing="2", align="center", wrap="wrap")),
            spacing="1")),
    )


def _reply_form(request) -> rx.Component:
    rid = request["id"].to(str)
    return rx.cond(request["open"], rx.form(
        rx.el.input(type="hidden", name="request_id", value=rid),
        rx.el.label(T("psy.reply"), html_for="psy-parent-reply-" + rid, class_name="mrko-label"),
        rx.text_area(name="body", id="psy-parent-reply-" + rid, max_length=4000, rows="2", width="100%"),
        rx.button(T("psy.send_reply"), type="submit", size="2", id="psy-parent-reply-send-" + rid),
        on_submit=S.reply, reset_on_submit=True, class_name="mrko-form",
    ))


def _mine(request) -> rx.Component:
    return rx.el.article(
        rx.hstack(rx.heading(request["topic"], size="3", as_="h3"), status_badge(request),
                  rx.cond(request["anonymous"], rx.badge(T("psy.anonymous_badge"), color_scheme="violet")),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(request["kind"], " · ", request["child"], " · ", request["created"], size="1", color_scheme="gray"),
        rx.cond(request["answered"] == "",
                rx.text(T("psy.answer_by"), " ", request["due"], size="1", color_scheme="gray")),
        thread(request),
        _offers(request),
        _reply_form(request),
        class_name="diary-card psy-request", id="psy-request-" + request["id"].to(str),
    )


def _shared(request) -> rx.Component:
    return rx.el.article(
        rx.hstack(rx.heading(request["topic"], size="3", as_="h3"), status_badge(request), spacing="2", wrap="wrap"),
        rx.text(request["child"], " · ", request["parent"], " · ", request["created"], size="1", color_scheme="gray"),
        thread(request),
        class_name="diary-card psy-shared", id="psy-shared-" + request["id"].to(str),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.fieldset(
                rx.el.legend(T("psy.kind"), class_name="mrko-label"),
                rx.hstack(
                    rx.el.input(type="radio", name="kind", value="consultation", id="psy-kind-consultation",
                                default_checked=True),
                    rx.el.label(T("psy.kind.consultation"), html_for="psy-kind-consultation"),
                    rx.el.input(type="radio", name="kind", value="question", id="psy-kind-question"),
                    rx.el.label(T("psy.kind.question"), html_for="psy-kind-question"),
                    spacing="2", align="center", wrap="wrap"),
                field_error(S.errors, "kind"),
                class_name="psy-fieldset",
            ),
            field("psy.topic", "topic", S.errors, max_length=120),
            rx.vstack(
                rx.el.label(T("psy.text"), html_for="field-text", class_name="mrko-label"),
                rx.text_area(name="text", id="field-text", max_length=4000, rows="5", width="100%"),
                rx.text(T("psy.text_hint"), size="1", color_scheme="gray"),
                field_error(S.errors, "text"),
                spacing="1", width="100%"),
            rx.hstack(rx.el.input(type="checkbox", name="anonymous", id="field-anonymous"),
                      rx.el.label(T("psy.anonymous"), html_for="field-anonymous"), align="center", spacing="2"),
            rx.text(T("psy.anonymous_hint"), size="1", color_scheme="gray"),
            submit_button("psy.send", id="psy-send"),
            spacing="3", width="100%",
        ),
        on_submit=S.send, reset_on_submit=True, key=S.form_key.to(str), class_name="mrko-form", id="psy-form",
    )


def _ask() -> rx.Component:
    return rx.cond(
        S.has_psychologist,
        rx.vstack(
            rx.el.section(
                rx.heading(T("psy.notice_title"), size="4", as_="h2", id="psy-notice-title"),
                rx.foreach(S.notice, lambda p: rx.text(p, size="2")),
                rx.text(S.answer_time, weight="bold", size="2", id="psy-answer-time"),
                class_name="diary-card psy-notice", id="psy-notice", aria_labelledby="psy-notice-title",
            ),
            rx.heading(T("psy.new_request"), size="4", as_="h2"),
            _form(),
            spacing="3", width="100%"),
        rx.cond(S.children.length() > 0, empty_note("psy.error.no_psychologist", id="psy-none")),
    )


@page(routes.PSYCHOLOGIST, "nav.psychologist", roles=("parent", "teacher", "staff"), on_load=S.load)
def psychologist_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.el.style(".psy-reply{border-left:3px solid var(--gray-a6);padding-left:.5rem}"
                    ".psy-reply-psy{border-left-color:var(--accent-9)}.psy-fieldset{border:0;padding:0;margin:0}"),
        form_message(S.message),
        rx.cond(S.sent != "", rx.callout(S.sent, color_scheme="green", id="psy-sent", role="status")),
        rx.cond(S.roles.contains("parent"), rx.vstack(
            rx.text(T("psy.lead"), size="2"),
            _ask(),
            rx.heading(T("psy.my_requests"), size="4", as_="h2"),
            rx.cond(S.requests.length() > 0,
                    rx.vstack(rx.foreach(S.requests, _mine), spacing="3", width="100%", id="psy-mine"),
                    empty_note("psy.no_requests", id="psy-mine-empty")),
            spacing="3", width="100%")),
        rx.heading(T("psy.shared_with_me"), size="4", as_="h2"),
        rx.cond(S.shared.length() > 0,
                rx.vstack(rx.foreach(S.shared, _shared), spacing="3", width="100%", id="psy-shared"),
                empty_note("psy.none_shared", id="psy-shared-empty")),
        spacing="4", width="100%",
    )
