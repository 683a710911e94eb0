"""Messages: the user's conversations with what is unread, starting one with a teacher of one's child,
the class groups and a teacher's channels; for a teacher their working hours; for the group's class
teacher and staff the open reports."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.messages import MessagesState

DAYS = ("messages.day0", "messages.day1", "messages.day2", "messages.day3", "messages.day4", "messages.day5",
        "messages.day6")


def _conversation(row) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.vstack(
                rx.hstack(rx.text(row["title"], weight="bold"),
                          rx.cond(row["child"] != "", rx.badge(row["child"], color_scheme="gray")),
                          rx.badge(rx.match(row["kind"], ("direct", T("messages.kind.direct")), ("channel", T("messages.kind.channel")),
                                   ("group", T("messages.kind.group")), T("messages.kind.pair")),
                          color_scheme="blue", variant="soft"),
                          rx.cond(row["read_only"] != "", rx.badge(T("messages.read_only_badge"), color_scheme="gray")),
                          spacing="2", wrap="wrap", align="center"),
                rx.text(row["text"], size="2", color_scheme="gray", class_name="conversation-last"),
                spacing="1", align="start",
            ),
            rx.spacer(),
            rx.vstack(
                rx.text(row["when"], size="1"),
                rx.cond(row["unread"] != "0", rx.badge(row["unread"], color_scheme="red", class_name="conversation-unread",
                                                        aria_label=T("messages.unread"))),
                align="end", spacing="1",
            ),
            width="100%", align="center",
        ),
        href=row["href"], underline="none", color="inherit", class_name="diary-card conversation-row",
        id="conversation-" + row["id"], data_kind=row["kind"],
    )


def _start() -> rx.Component:
    return rx.cond(MessagesState.teachers.length() > 0, rx.form(
        rx.hstack(
            rx.el.label(T("messages.start_label"), html_for="start-teacher", class_name="mrko-label"),
            rx.el.select(rx.foreach(MessagesState.teachers, lambda t: rx.el.option(t["label"], value=t["value"])),
                         name="teacher", id="start-teacher", class_name="mrko-select"),
            rx.button(T("messages.start"), type="submit", id="start-conversation"),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=MessagesState.start,
    ))


def _group(row) -> rx.Component:
    return rx.button(
        rx.cond(row["kind"] == "group", T("messages.open_group"), T("messages.open_channel")), " ", row["name"],
        variant="outline", size="2",
        on_click=rx.cond(row["kind"] == "group", MessagesState.open_group(row["class_id"]),
                         MessagesState.open_channel(row["class_id"])),
        id="open-" + row["kind"] + "-" + row["class_id"],
    )


def _hours() -> rx.Component:
    return rx.cond(MessagesState.is_teacher, rx.el.section(
        rx.heading(T("messages.hours_title"), size="3", as_="h2"),
        rx.text(T("messages.hours_lead"), size="2"),
        rx.form(
            rx.grid(*[rx.fragment(
                rx.text(T(key), size="2", id=f"hours-day{d}"),
                rx.input(name=f"start{d}", default_value=MessagesState.hours[f"start{d}"], placeholder="09:00",
                         aria_labelledby=f"hours-day{d} hours-start", id=f"hours-start{d}", size="1"),
                rx.input(name=f"end{d}", default_value=MessagesState.hours[f"end{d}"], placeholder="17:00",
                         aria_labelledby=f"hours-day{d} hours-end", id=f"hours-end{d}", size="1"),
            ) for d, key in enumerate(DAYS)],
                columns="3", spacing="2", align="center"),
            rx.text(T("messages.hours_start"), id="hours-start", hidden=True),
            rx.text(T("messages.hours_end"), id="hours-end", hidden=True),
            rx.button(T("messages.hours_save"), type="submit", id="save-hours", margin_top="0.5em"),
            on_submit=MessagesState.save_hours, key=MessagesState.form_key,
        ),
        class_name="diary-card", id="working-hours",
    ))


def _report(row) -> rx.Component:
    return rx.hstack(
        rx.vstack(rx.text(row["author"], ": ", row["text"], size="2"),
                  rx.text(T("messages.report_reason"), " ", row["reason"], " · ", row["reporter"], " · ", row["when"],
                          size="1", color_scheme="gray"), spacing="1", align="start"),
        rx.spacer(),
        rx.button(T("messages.hide"), size="1", color_scheme="red", variant="soft",
                  on_click=MessagesState.hide(row["message_id"]), id="hide-report-" + row["id"]),
        rx.button(T("messages.dismiss"), size="1", variant="outline",
                  on_click=MessagesState.dismiss(row["id"]), id="dismiss-report-" + row["id"]),
        class_name="message-report", id="report-" + row["id"], width="100%", align="center", wrap="wrap",
    )


def _blocked() -> rx.Component:
    return rx.cond(MessagesState.blocked.length() > 0, rx.el.section(
        rx.heading(T("messages.blocked_title"), size="3", as_="h2"),
        rx.foreach(MessagesState.blocked, lambda p: rx.hstack(
            rx.text(p["name"], size="2"),
            rx.button(T("messages.unblock"), size="1", variant="outline", on_click=MessagesState.unblock(p["id"]),
                      id="unblock-" + p["id"]), align="center", spacing="2")),
        class_name="diary-card", id="blocked"))


def _log_row(row) -> rx.Component:
    return rx.hstack(
        rx.text(row["when"], size="1", color_scheme="gray"),
        rx.text(row["actor"], " ", row["action"], " ", row["target"], size="2"),
        rx.cond(row["reason"] != "", rx.text("«", row["reason"], "»", size="1", color_scheme="gray")),
        rx.cond(row["href"] != "", rx.link("→", href=row["href"], size="1", aria_label=T("messages.log_open"))),
        spacing="2", wrap="wrap", align="center", class_name="moderation-entry",
    )


def _log() -> rx.Component:
    return rx.cond(MessagesState.log.length() > 0, rx.el.details(
        rx.el.summary(T("messages.log_title")),
        rx.vstack(rx.foreach(MessagesState.log, _log_row), spacing="1"),
        class_name="diary-card", id="moderation-log"))


@page(routes.MESSAGES, "nav.messages", roles=("parent", "teacher", "staff"), on_load=MessagesState.load)
def messages_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(MessagesState.message),
        rx.cond(MessagesState.sent != "", rx.callout(MessagesState.sent, color_scheme="green", id="messages-sent")),
        _start(),
        rx.cond(MessagesState.groups.length() > 0,
                rx.hstack(rx.foreach(MessagesState.groups, _group), spacing="2", wrap="wrap", id="groups")),
        rx.cond(MessagesState.reports.length() > 0, rx.el.section(
            rx.heading(T("messages.reports_title"), size="3", as_="h2"),
            rx.foreach(MessagesState.reports, _report), class_name="diary-card", id="reports")),
        rx.heading(T("messages.list_title"), size="3", as_="h2"),
        rx.cond(MessagesState.conversations.length() > 0,
                rx.vstack(rx.foreach(MessagesState.conversations, _conversation), spacing="2", width="100%",
                          id="conversations"),
                empty_note("messages.none", id="conversations-empty")),
        _blocked(),
        _log(),
        _hours(),
        spacing="4", width="100%",
    )
