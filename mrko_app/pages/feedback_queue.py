"""Staff's queue of feedback messages: filter by status, take one, answer it (sent to the contact)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.feedback import MESSAGE_MAX, STATUSES, TOPICS
from mrko_app.state.public_info import FeedbackQueueState


def _ticket(t) -> rx.Component:
    tid = t["id"].to(str)
    return rx.el.li(
        rx.hstack(rx.text.strong(t["number"]),
                  rx.badge(rx.match(t["status"], *[(s, T(f"feedback.status.{s}")) for s in STATUSES], t["status"])),
                  rx.badge(rx.match(t["topic"], *[(s, T(f"feedback.topic.{s}")) for s in TOPICS], t["topic"]),
                           variant="soft"),
                  rx.text(t["created"], size="1", color_scheme="gray"), spacing="2", wrap="wrap", align="center"),
        rx.text(t["name"], " · ", t["contact"], size="2"),
        rx.text(t["message"], size="2", white_space="pre-wrap"),
        rx.cond(t["assignee"] != "", rx.text(T("feedback.assignee"), ": ", t["assignee"], size="1")),
        rx.cond(t["answer"] != "", rx.text(T("feedback.answer"), ": ", t["answer"], size="2", color_scheme="green")),
        rx.hstack(
            rx.cond(~t["mine"].to(bool), rx.button(T("feedback.take"), size="1", variant="soft",
                                                   on_click=FeedbackQueueState.assign(t["id"]), class_name="take")),
            rx.button(T("feedback.close"), size="1", variant="soft", color_scheme="gray",
                      on_click=FeedbackQueueState.close(t["id"])),
            spacing="2"),
        rx.form(
            rx.el.input(type="hidden", name="ticket_id", value=tid),
            rx.el.label(T("feedback.answer"), html_for="answer-" + tid, class_name="mrko-label"),
            rx.text_area(name="answer", id="answer-" + tid, max_length=MESSAGE_MAX, rows="3", width="100%"),
            rx.button(T("feedback.answer_send"), type="submit", size="2", class_name="answer-send"),
            on_submit=FeedbackQueueState.answer, reset_on_submit=True,
        ),
        class_name="forum-card ticket", data_number=t["number"],
    )


@page(routes.STAFF_FEEDBACK, "nav.staff_feedback", roles=("staff",), on_load=FeedbackQueueState.load)
def feedback_queue() -> rx.Component:
    return rx.vstack(
        form_message(FeedbackQueueState.message),
        field_error(FeedbackQueueState.errors, "answer"),
        rx.cond(FeedbackQueueState.notice != "", rx.callout(FeedbackQueueState.notice, color_scheme="green",
                                                            role="status", id="feedback-notice")),
        rx.hstack(
            rx.el.label(T("feedback.filter"), html_for="status-filter", class_name="mrko-label"),
            rx.el.select(rx.el.option(T("feedback.all"), value=""),
                         *[rx.el.option(T(f"feedback.status.{s}"), value=s) for s in STATUSES],
                         id="status-filter", value=FeedbackQueueState.status, on_change=FeedbackQueueState.set_filter,
                         class_name="mrko-select"),
            spacing="2", align="center"),
        rx.cond(FeedbackQueueState.tickets.length() > 0,
                rx.el.ul(rx.foreach(FeedbackQueueState.tickets, _ticket), class_name="forum-list", id="tickets"),
                rx.text(T("common.none"), color_scheme="gray")),
        rx.link(T("feedback.title"), href=routes.FEEDBACK),
        spacing="3", width="100%", max_width="900px",
    )
