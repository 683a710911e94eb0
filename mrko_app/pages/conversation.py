"""One conversation: its messages (replies, edited, deleted, hidden, collapsed), who has read each of
mine ("read by ..."), the reply box, edit and delete within 10 minutes, report; for moderators hide and
mute; for parents in the group: write privately or block. Live through the push (state/messages.py)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, items
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.apply import DROPZONE_STYLE, _named_by
from mrko_app.services.messages import FILE_MAX, MAX_PER_MESSAGE
from mrko_app.state.messages import ConversationState as S

FILES_ACCEPT = {"image/png": [".png"], "image/jpeg": [".jpg", ".jpeg"], "application/pdf": [".pdf"]}


def _actions(m) -> rx.Component:
    mid = m["id"].to(str)
    return rx.hstack(
        rx.cond(S.can_post & ~m["deleted"].to(bool),
                rx.button(T("messages.reply"), size="1", variant="ghost", on_click=S.start_reply(mid), id="reply-" + mid)),
        rx.cond(m["editable"].to(bool), rx.fragment(
            rx.button(T("messages.edit"), size="1", variant="ghost", on_click=S.start_edit(mid), id="edit-" + mid),
            rx.button(T("messages.delete"), size="1", variant="ghost", color_scheme="red", on_click=S.delete(mid),
                      id="delete-" + mid))),
        rx.cond(~m["mine"].to(bool) & ~m["deleted"].to(bool) & ~S.read_only, rx.popover.root(
            rx.popover.trigger(rx.button(T("messages.report"), size="1", variant="ghost", id="report-open-" + mid)),
            rx.popover.content(rx.form(
                rx.el.input(type="hidden", name="message_id", value=mid),
                rx.el.label(T("messages.report_reason"), html_for="report-reason-" + mid, class_name="mrko-label"),
                rx.text_area(name="reason", id="report-reason-" + mid, max_length=500),
                rx.popover.close(rx.button(T("messages.report_send"), type="submit", size="1", id="report-send-" + mid)),
                on_submit=S.report, reset_on_submit=True)),
        )),
        rx.cond(S.moderator & ~m["deleted"].to(bool), rx.cond(
            m["hidden"].to(bool),
            rx.button(T("messages.unhide"), size="1", variant="ghost", on_click=S.unhide(mid), id="unhide-" + mid),
            rx.button(T("messages.hide"), size="1", variant="ghost", color_scheme="red", on_click=S.hide(mid),
                      id="hide-" + mid))),
        rx.cond(m["can_pair"].to(bool), rx.fragment(
            rx.button(T("messages.write_privately"), size="1", variant="ghost",
                      on_click=S.write_privately(m["author_id"].to(str)), id="pair-" + mid),
            rx.button(T("messages.block"), size="1", variant="ghost", color_scheme="red",
                      on_click=S.block(m["author_id"].to(str)), id="block-" + mid))),
        spacing="1", wrap="wrap",
    )


def _body(m) -> rx.Component:
    return rx.cond(
        m["deleted"].to(bool),
        rx.text(T("messages.deleted"), size="2", color_scheme="gray", class_name="message-deleted"),
        rx.cond(m["collapsed"].to(bool),
                rx.el.details(rx.el.summary(T("messages.collapsed")), rx.html(m["html"].to(str), class_name="message-body")),
                rx.html(m["html"].to(str), class_name="message-body")),
    )


def _editor(m) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="message_id", value=m["id"].to(str)),
        rx.el.label(T("messages.edit"), html_for="edit-body", class_name="mrko-label"),
        rx.text_area(name="body", id="edit-body", default_value=S.editing_body, max_length=4000),
        rx.button(T("messages.save"), type="submit", size="1", id="save-edit"),
        on_submit=S.save_edit,
    )


def _file(f) -> rx.Component:
    """A picture as a thumbnail linking to itself, a PDF as its name; both by the signed /media address."""
    url, name = f["url"].to(str), f["name"].to(str)
    return rx.cond(
        f["image"].to(bool),
        rx.link(rx.image(src=url, alt=name, max_height="8em", max_width="12em", class_name="message-picture",
                         loading="lazy"), href=url, is_external=True),
        rx.link(rx.icon("file-text", size=14), " ", name, href=url, is_external=True, size="1",
                class_name="message-pdf"),
    )


def _files_field() -> rx.Component:
    return rx.vstack(
        rx.text(T("messages.files_label"), class_name="mrko-label", id="label-message-files", size="1"),
        _named_by(rx.upload.root(
            rx.text(T("messages.files_hint"), size="1", color_scheme="gray"),
            id="message-files-upload", multiple=True, max_files=MAX_PER_MESSAGE, max_size=FILE_MAX,
            accept=FILES_ACCEPT, style={**DROPZONE_STYLE, "padding": "0.5em"},
            on_drop=S.upload_files(rx.upload_files(upload_id="message-files-upload")),
        ), "label-message-files"),
        rx.cond(S.attached_text != "", rx.hstack(
            rx.text(S.attached_text, size="1", color_scheme="green", id="message-files-attached"),
            rx.button(T("messages.files_clear"), size="1", variant="ghost", type="button", on_click=S.clear_files,
                      id="message-files-clear"), spacing="2", align="center")),
        spacing="1", width="100%",
    )


def _message(m) -> rx.Component:
    return rx.el.article(
        rx.hstack(rx.text(m["author"].to(str), weight="bold", size="2"),
                  rx.text(m["when"].to(str), size="1", color_scheme="gray"),
                  rx.cond(m["edited"].to(bool) & ~m["deleted"].to(bool),
                          rx.badge(T("messages.edited"), color_scheme="gray", class_name="message-edited")),
                  rx.cond(m["hidden"].to(bool), rx.badge(T("messages.hidden"), color_scheme="orange",
                                                         class_name="message-hidden")),
                  spacing="2", align="center", wrap="wrap"),
        rx.cond(m["reply_excerpt"].to(str) != "",
                rx.text("↳ ", m["reply_excerpt"].to(str), size="1", color_scheme="gray", class_name="message-quote")),
        rx.cond(S.editing == m["id"].to(str), _editor(m), _body(m)),
        rx.cond(items(m["files"]).length() > 0, rx.hstack(rx.foreach(items(m["files"]), _file), spacing="2",
                                                          wrap="wrap", class_name="message-files")),
        rx.cond(m["mine"].to(bool) & (m["read_by"].to(str) != ""),
                rx.text(T("messages.read_by"), " ", m["read_by"].to(str), size="1", color_scheme="green",
                        class_name="message-read-by")),
        _actions(m),
        class_name=rx.cond(m["mine"].to(bool), "diary-card message message-mine", "diary-card message"),
        id="message-" + m["id"].to(str),
    )


def _composer() -> rx.Component:
    return rx.cond(S.can_post, rx.form(
        rx.cond(S.reply_to != "", rx.hstack(
            rx.text(T("messages.replying_to"), " ", S.reply_excerpt, size="1"),
            rx.button(T("messages.cancel"), size="1", variant="ghost", on_click=S.cancel_reply, type="button",
                      id="cancel-reply"), align="center")),
        rx.el.label(T("messages.your_message"), html_for="message-body", class_name="mrko-label"),
        rx.text_area(name="body", id="message-body", max_length=4000, rows="3", width="100%"),
        _files_field(),
        rx.button(T("messages.send"), type="submit", id="send-message"),
        on_submit=S.send, reset_on_submit=True, key=S.form_key, width="100%",
    ), rx.callout(rx.cond(S.read_only, T("messages.read_only"),
                          rx.cond(S.replies_off, T("messages.error.no_replies"), T("messages.cannot_post"))),
                  color_scheme="gray", id="cannot-post"))


def _moderation() -> rx.Component:
    """For a moderator: mute a member for a time, and lift the mutes in force."""
    return rx.cond(S.moderator & ~S.read_only, rx.el.section(
        rx.form(
            rx.el.label(T("messages.mute"), html_for="mute-member", class_name="mrko-label"),
            rx.el.select(rx.foreach(S.members, lambda p: rx.el.option(p["name"], value=p["id"])), name="user_id",
                         id="mute-member", class_name="mrko-select"),
            rx.el.select(rx.el.option(T("messages.mute_hour"), value="60"), rx.el.option(T("messages.mute_day"), value="1440"),
                         rx.el.option(T("messages.mute_week"), value="10080"), name="minutes", id="mute-minutes",
                         class_name="mrko-select", aria_label=T("messages.mute")),
            rx.button(T("messages.mute"), type="submit", size="1", color_scheme="red", variant="soft", id="mute-send"),
            on_submit=S.mute, display="flex", gap="0.5em", flex_wrap="wrap", align_items="center"),
        rx.cond(S.muted.length() > 0, rx.vstack(
            rx.text(T("messages.muted_title"), size="2", weight="bold"),
            rx.foreach(S.muted, lambda p: rx.hstack(
                rx.text(p["name"], " · ", T("messages.muted_until"), " ", p["until"], size="2"),
                rx.button(T("messages.unmute"), size="1", variant="outline", on_click=S.unmute(p["id"]),
                          id="unmute-" + p["id"]), align="center", spacing="2")),
            spacing="1", id="muted-members")),
        class_name="diary-card", id="conversation-moderation", width="100%",
    ))


def _channel_settings() -> rx.Component:
    return rx.cond(S.channel_owner, rx.el.details(
        rx.el.summary(T("messages.channel_settings")),
        rx.form(
            rx.el.label(T("messages.channel_title"), html_for="channel-title", class_name="mrko-label"),
            rx.input(name="title", id="channel-title", default_value=S.channel_title, max_length=120),
            rx.el.label(rx.el.input(type="checkbox", name="replies_allowed", id="channel-replies",
                                    default_checked=~S.replies_off), " ", T("messages.channel_replies"),
                        html_for="channel-replies"),
            rx.button(T("messages.channel_save"), type="submit", size="1", id="channel-save"),
            on_submit=S.save_channel, key=S.channel_title, display="flex", flex_direction="column", gap="0.5em"),
        class_name="diary-card", id="channel-settings",
    ))


@page(routes.CONVERSATION, "nav.messages", roles=("parent", "teacher", "staff"), on_load=S.load)
def conversation_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.link(T("messages.back"), href=routes.MESSAGES, id="back-to-messages", size="2"),
        form_message(S.message),
        rx.cond(S.found, rx.vstack(
            rx.heading(S.title, size="4", as_="h2", id="conversation-title"),
            rx.text(T("messages.members"), " ", rx.foreach(S.members, lambda p: rx.text.span(p["name"], " · ")),
                    size="1", color_scheme="gray", id="conversation-members"),
            rx.cond(S.answer_after != "", rx.callout(S.answer_after, color_scheme="amber", id="answer-after")),
            rx.cond(S.other_parents.length() > 0, rx.hstack(rx.foreach(S.other_parents, lambda p: rx.button(
                T("messages.add_parent"), " ", p["name"], size="1", variant="outline", on_click=S.add_parent(p["id"]),
                id="add-parent-" + p["id"])), wrap="wrap")),
            _channel_settings(),
            _moderation(),
            rx.vstack(rx.foreach(S.items, _message), spacing="2", width="100%", id="messages"),
            _composer(),
            spacing="3", width="100%",
        )),
        spacing="3", width="100%",
    )
