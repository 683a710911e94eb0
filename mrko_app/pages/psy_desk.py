"""The psychologist's desk: the school's requests by status (live), one request with its thread, the
triage, the answer, the slots offered from it, sharing with a named person, and its access log; and
the school's promise and notice the parents read before they write."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.psychologist import status_badge, thread
from mrko_app.services.psychologist import STATUSES
from mrko_app.state.psychologist import PsyDeskState as S


def _row(item) -> rx.Component:
    return rx.el.li(
        rx.button(
            rx.hstack(status_badge(item), rx.text(item["topic"], weight="bold"),
                      rx.text(item["child"], " · ", item["parent"], " · ", item["created"], size="1"),
                      rx.cond(item["anonymous"], rx.badge(T("psy.anonymous_badge"), color_scheme="violet")),
                      spacing="2", align="center", wrap="wrap"),
            variant="ghost", on_click=S.open(item["id"].to(str)), id="psy-open-" + item["id"].to(str),
            class_name="psy-row", height="auto", white_space="normal", text_align="left"),
        class_name="psy-item",
    )


def _list() -> rx.Component:
    return rx.vstack(
        rx.el.nav(
            rx.hstack(rx.foreach(S.tabs, lambda t: rx.button(
                t["text"], size="1", on_click=S.show(t["value"]),
                variant=rx.cond(S.status_filter == t["value"], "solid", "soft"), id="psy-tab-" + t["value"])),
                spacing="2", wrap="wrap"),
            aria_label=T("psy.filter")),
        rx.cond(S.items.length() > 0,
                rx.el.ul(rx.foreach(S.items, _row), id="psy-desk-list", class_name="psy-list"),
                empty_note("psy.desk_empty", id="psy-desk-empty")),
        spacing="3", width="100%",
    )


def _triage() -> rx.Component:
    return rx.hstack(
        rx.text(T("psy.set_status"), size="2"),
        *[rx.button(T(f"psy.status.{s}"), size="1", variant="outline", on_click=S.set_status(s),
                    id=f"psy-status-{s}") for s in STATUSES],
        spacing="2", align="center", wrap="wrap",
    )


def _reply() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(T("psy.answer"), html_for="field-body", class_name="mrko-label"),
            rx.text_area(name="body", id="field-body", max_length=4000, rows="4", width="100%"),
            rx.text(T("psy.text_hint"), size="1", color_scheme="gray"),
            field_error(S.errors, "body"),
            rx.button(T("psy.send_reply"), type="submit", id="psy-reply-send"),
            spacing="2", width="100%"),
        on_submit=S.reply, reset_on_submit=True, key=S.form_key.to(str), class_name="mrko-form",
    )


def _slots() -> rx.Component:
    return rx.vstack(
        rx.heading(T("psy.offer_slots"), size="3", as_="h3"),
        rx.cond(S.current["offers"].to(list).length() > 0,
                rx.text(T("psy.offered_already"), " ",
                        rx.foreach(S.current["offers"].to(list[dict[str, str]]), lambda o: rx.text.span(o["when"], "; ")),
                        size="2")),
        rx.cond(S.current["booked"].to(list).length() > 0,
                rx.text(T("psy.meeting_booked"), ": ",
                        rx.foreach(S.current["booked"].to(list[dict[str, str]]), lambda o: rx.text.span(o["when"])),
                        size="2", weight="bold", id="psy-desk-booked")),
        rx.cond(S.free.length() > 0,
                rx.hstack(rx.foreach(S.free, lambda o: rx.button(
                    o["when"], " · ", o["place"], size="1", variant="soft", on_click=S.offer(o["id"]),
                    id="psy-offer-" + o["id"].to(str))), spacing="2", wrap="wrap"),
                rx.text(T("psy.no_free_slots"), " ", rx.link(T("nav.host_meetings"), href=routes.HOST_MEETINGS),
                        size="2")),
        spacing="2", width="100%",
    )


def _share() -> rx.Component:
    return rx.vstack(
        rx.heading(T("psy.share"), size="3", as_="h3"),
        rx.text(T("psy.share_hint"), size="2", color_scheme="gray"),
        rx.cond(S.shares.length() > 0, rx.el.ul(rx.foreach(S.shares, lambda x: rx.el.li(
            rx.text(x["person"], " · ", x["relation"], " · ", x["when"], size="2"))), id="psy-shares")),
        rx.hstack(rx.foreach(S.candidates, lambda c: rx.button(
            c["text"], size="1", variant="outline", on_click=S.share(c["id"]), id="psy-share-" + c["id"].to(str))),
            spacing="2", wrap="wrap"),
        spacing="2", width="100%",
    )


def _log() -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("psy.access_log")),
        rx.el.ul(rx.foreach(S.log, lambda x: rx.el.li(rx.text(x["when"], " · ", x["person"], " · ", x["action"],
                                                               size="2"))), id="psy-log"),
    )


def _current() -> rx.Component:
    c = S.current
    return rx.el.article(
        rx.hstack(rx.heading(c["topic"].to(str), size="4", as_="h2"), status_badge(c),
                  rx.cond(c["anonymous"].to(bool), rx.badge(T("psy.anonymous_badge"), color_scheme="violet")),
                  rx.button(T("psy.back"), size="1", variant="soft", on_click=S.close_view, id="psy-back"),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(c["kind"].to(str), " · ", c["child"].to(str), " · ", c["parent"].to(str), " · ", c["created"].to(str),
                size="2"),
        rx.cond(c["anonymous"].to(bool), rx.callout(T("psy.anonymous_desk"), color_scheme="violet", size="1")),
        rx.cond(c["answered"].to(str) == "", rx.text(T("psy.answer_by"), " ", c["due"].to(str), size="2",
                                                     color_scheme="gray")),
        thread(c),
        _triage(),
        _reply(),
        _slots(),
        _share(),
        _log(),
        class_name="diary-card psy-current", id="psy-current", width="100%",
    )


def _settings() -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("psy.settings")),
        rx.form(
            rx.vstack(
                field("psy.answer_days", "answer_days", S.errors, type="number", min="1", max="30",
                      default_value=S.answer_days, key=S.answer_days),
                rx.el.label(T("psy.notice_own"), html_for="field-notice", class_name="mrko-label"),
                rx.text_area(name="notice", id="field-notice", max_length=2000, rows="4", width="100%",
                             default_value=S.notice_text, key=S.notice_text),
                rx.text(T("psy.notice_own_hint"), size="1", color_scheme="gray"),
                field_error(S.errors, "notice"),
                submit_button("psy.save_settings", id="psy-settings-save"),
                spacing="2", width="100%"),
            on_submit=S.save_settings, reset_on_submit=False, class_name="mrko-form"),
    )


@page(routes.PSY_DESK, "nav.psy_desk", roles=("psychologist",), on_load=S.load)
def psy_desk_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.el.style(".psy-list{list-style:none;padding:0;margin:0;width:100%}.psy-item{margin:.25rem 0}"
                    ".psy-reply{border-left:3px solid var(--gray-a6);padding-left:.5rem}"
                    ".psy-reply-psy{border-left-color:var(--accent-9)}"),
        form_message(S.message),
        rx.cond(S.sent != "", rx.callout(S.sent, color_scheme="green", id="psy-sent", role="status")),
        rx.cond(S.current.contains("id"), _current(), _list()),
        _settings(),
        spacing="4", width="100%",
    )
