"""Staff's review queue of flagged posts and the moderation log."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.forum import forum_styles, kind_badge, post_html
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.moderation import ModerationState


def _queued(p) -> rx.Component:
    pid = p["id"].to(str)
    return rx.el.li(
        rx.hstack(kind_badge(p["kind"]), rx.link(rx.cond(p["title"] != "", p["title"], "#" + pid), href=p["href"]),
                  rx.badge(T("forum.flags"), " ", p["flags"], color_scheme="red"),
                  rx.cond(p["hidden"], rx.badge(T("forum.hidden"), color_scheme="red")),
                  rx.text(p["reasons"], size="1", color_scheme="gray"), spacing="2", wrap="wrap", align="center"),
        post_html(p["html"]),
        rx.form(
            rx.el.input(type="hidden", name="post_id", value=pid),
            rx.el.label(T("forum.action"), html_for="queue-action-" + pid, class_name="mrko-label"),
            rx.el.select(*[rx.el.option(T(f"forum.action.{a}"), value=a) for a in ("restore", "hide", "dismiss")],
                         name="action", id="queue-action-" + pid, class_name="mrko-select"),
            rx.el.label(T("forum.mod_reason"), html_for="queue-reason-" + pid, class_name="mrko-label"),
            rx.input(name="reason", id="queue-reason-" + pid, max_length=300),
            rx.button(T("forum.apply"), type="submit", size="2", class_name="queue-apply"),
            on_submit=ModerationState.act, reset_on_submit=True,
        ),
        class_name="forum-card queue-item", data_post_id=pid,
    )


@page(routes.MODERATION, "nav.moderation", roles=("staff",), on_load=ModerationState.load)
def moderation() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        form_message(ModerationState.message),
        field_error(ModerationState.errors, "reason"),  # the queue forms' reason (required to hide)
        rx.cond(ModerationState.notice != "", rx.callout(ModerationState.notice, color_scheme="green", role="status")),
        rx.heading(T("forum.queue"), size="4", as_="h2"),
        rx.cond(ModerationState.queue.length() > 0,
                rx.el.ul(rx.foreach(ModerationState.queue, _queued), class_name="forum-list", id="queue"),
                rx.text(T("forum.queue_empty"), id="queue-empty", color_scheme="gray")),
        rx.heading(T("forum.log"), size="4", as_="h2"),
        rx.box(rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in
                                   ("forum.log.when", "forum.log.who", "forum.action", "forum.log.post",
                                    "forum.mod_reason")])),
            rx.el.tbody(rx.foreach(ModerationState.log, lambda e: rx.el.tr(
                rx.el.td(e["when"]), rx.el.td(e["who"]),
                rx.el.td(rx.match(e["action"], *[(a, T(f"forum.action.{a}")) for a in (
                    "hide", "restore", "lock", "unlock", "pin", "unpin", "edit", "merge", "dismiss", "official",
                    "unofficial", "to_faq")], e["action"])),
                rx.el.td("#" + e["post_id"].to(str)),
                rx.el.td(e["reason"]), class_name="log-row"))),
            id="moderation-log", class_name="mrko-table"), class_name="mrko-table-wrap"),
        spacing="3", width="100%",
    )
