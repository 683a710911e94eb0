"""News: the feed (unread marked, class news labelled with the class and the children, pictures through
signed addresses) and, for staff and class teachers, the publish form, which also edits a post of
theirs; the posts they may edit carry Edit and Withdraw buttons, their scheduled ones are listed."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.apply import DROPZONE_STYLE, _named_by
from mrko_app.services.uploads import PICTURE_MAX_BYTES
from mrko_app.state.news import NewsState

ALL = ("parent", "teacher", "staff", "psychologist")
PICTURES_ACCEPT = {"image/png": [".png"], "image/jpeg": [".jpg", ".jpeg"]}


def _editor_buttons(post_id) -> rx.Component:
    return rx.hstack(
        rx.button(T("news.edit"), size="1", variant="outline", on_click=NewsState.edit(post_id),
                  id="edit-" + post_id),
        rx.button(T("news.withdraw"), size="1", variant="soft", color_scheme="red",
                  on_click=NewsState.withdraw(post_id), id="withdraw-" + post_id),
        spacing="2",
    )


def _item(item) -> rx.Component:
    post_id = item["id"].to(str)
    return rx.el.article(
        rx.hstack(
            rx.heading(item["title"], size="4", as_="h3"),
            rx.badge(item["label"], color_scheme=rx.cond(item["kind"] == "school", "blue", "violet")),
            rx.cond(item["pinned"], rx.badge(T("news.pinned_badge"), color_scheme="orange")),
            rx.cond(item["unread"], rx.badge(T("news.unread"), color_scheme="red", class_name="news-unread")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.text(item["when"], size="1", color_scheme="gray"),
        # body_html is sanitised on the server (services/markdown.py) before it is stored
        rx.html(item["html"], class_name="news-body"),
        rx.cond(items(item["pictures"]).length() > 0, rx.flex(
            rx.foreach(items(item["pictures"]), lambda p: rx.image(
                src=p["src"].to(str), alt=p["alt"].to(str), loading="lazy", class_name="news-picture",
                style={"max_width": "100%", "max_height": "22rem", "border_radius": "6px", "object_fit": "contain"})),
            gap="2", wrap="wrap", class_name="news-pictures")),
        rx.hstack(
            rx.cond(item["unread"], rx.button(T("news.mark_read"), size="1", variant="soft",
                                              on_click=NewsState.mark_read(post_id), id="read-" + post_id)),
            rx.cond(item["editable"], _editor_buttons(post_id)),
            spacing="2", wrap="wrap",
        ),
        class_name="diary-card news-item",
        id="news-" + post_id,
        data_kind=item["kind"],
    )


def _pictures_field() -> rx.Component:
    return rx.vstack(
        rx.text(T("news.pictures"), class_name="mrko-label", id="label-news-pictures"),
        rx.box(
            _named_by(rx.upload.root(
                rx.vstack(rx.icon("image-plus", size=20), rx.text(T("news.pictures_hint"), size="2", color_scheme="gray"),
                          align="center", spacing="1"),
                id="news-pictures-upload", multiple=True, max_files=4, max_size=PICTURE_MAX_BYTES,
                accept=PICTURES_ACCEPT, style=DROPZONE_STYLE,
                on_drop=NewsState.upload_pictures(rx.upload_files(upload_id="news-pictures-upload")),
            ), "label-news-pictures"),
            id="news-pictures", width="100%",
        ),
        rx.cond(NewsState.attached > 0, rx.hstack(
            rx.text(NewsState.attached_text, size="2", color_scheme="green",
                    id="news-pictures-attached"),
            rx.button(T("news.pictures_clear"), size="1", variant="ghost", type="button",
                      on_click=NewsState.clear_pictures, id="news-pictures-clear"),
            spacing="2", align="center")),
        field_error(NewsState.errors, "pictures"),
        spacing="1", width="100%",
    )


def _publish_form() -> rx.Component:
    editing = NewsState.editing_title != ""
    return rx.el.section(
        rx.heading(rx.cond(editing, NewsState.editing_title, T("news.publish")),
                   size="4", as_="h2", id="news-form-heading"),
        rx.cond(NewsState.sent != "", rx.callout(NewsState.sent, color_scheme="green", id="news-sent")),
        rx.form(
            rx.vstack(
                rx.vstack(
                    rx.el.label(T("news.target"), html_for="field-target", class_name="mrko-label"),
                    rx.el.select(rx.foreach(NewsState.targets, lambda t: rx.el.option(t["text"], value=t["value"])),
                                 name="target", id="field-target", class_name="mrko-select",
                                 default_value=NewsState.prefill["target"]),
                    field_error(NewsState.errors, "target"),
                    spacing="1", width="100%",
                ),
                field("news.title", "title", NewsState.errors, max_length=200, default_value=NewsState.prefill["title"]),
                rx.vstack(
                    rx.el.label(T("news.body"), html_for="field-body", class_name="mrko-label"),
                    rx.text_area(name="body", id="field-body", max_length=10000, width="100%", rows="5",
                                 default_value=NewsState.prefill["body"]),
                    field_error(NewsState.errors, "body"),
                    spacing="1", width="100%",
                ),
                _pictures_field(),
                rx.cond(editing, rx.hstack(
                    rx.el.input(type="checkbox", name="drop_pictures", id="field-drop_pictures"),
                    rx.el.label(T("news.drop_pictures"), html_for="field-drop_pictures"), align="center", spacing="2")),
                rx.hstack(rx.el.input(type="checkbox", name="pinned", id="field-pinned",
                                      default_checked=NewsState.prefill["pinned"] == "on"),
                          rx.el.label(T("news.pinned"), html_for="field-pinned"), align="center", spacing="2"),
                field("news.publish_at", "publish_at", NewsState.errors, type="datetime-local", step="1",
                      default_value=NewsState.prefill["publish_at"]),
                field("news.expires_at", "expires_at", NewsState.errors, type="datetime-local",
                      default_value=NewsState.prefill["expires_at"]),
                rx.hstack(
                    rx.cond(editing, submit_button("news.save", id="news-submit"),
                            submit_button("news.publish", id="news-submit")),
                    rx.cond(editing, rx.button(T("news.cancel_edit"), type="button", variant="soft",
                                               on_click=NewsState.stop_editing, id="news-stop-editing")),
                    spacing="2", wrap="wrap",
                ),
                spacing="3", width="100%",
            ),
            on_submit=NewsState.publish,
            reset_on_submit=False,
            key=NewsState.form_key.to(str),
            class_name="mrko-form",
        ),
        width="100%", id="news-form",
    )


def _scheduled(post) -> rx.Component:
    return rx.hstack(
        rx.text(post["title"], weight="bold", size="2"),
        rx.text(post["when"], size="1", color_scheme="gray"),
        _editor_buttons(post["id"].to(str)),
        spacing="2", wrap="wrap", align="center", class_name="news-scheduled", id="scheduled-" + post["id"].to(str),
    )


def news_preview() -> rx.Component:
    """The newest posts on the home page of a signed-in parent or teacher, unread ones marked."""
    return rx.cond(
        NewsState.items.length() > 0,
        rx.el.section(
            rx.heading(T("news.feed"), size="4", as_="h2"),
            rx.box(rx.foreach(NewsState.items[:3], _item), class_name="diary-cards", id="home-news"),
            rx.link(T("news.all"), href=routes.NEWS, id="home-news-all"),
            width="100%",
        ),
    )


@page(routes.NEWS, "nav.news", roles=ALL, on_load=NewsState.load)
def news_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(NewsState.message),
        rx.cond(NewsState.targets.length() > 0, _publish_form()),
        rx.cond(NewsState.scheduled.length() > 0, rx.el.section(
            rx.heading(T("news.scheduled"), size="4", as_="h2"),
            rx.vstack(rx.foreach(NewsState.scheduled, _scheduled), spacing="2", id="news-scheduled"),
            width="100%")),
        rx.heading(T("news.feed"), size="4", as_="h2"),
        rx.cond(NewsState.items.length() > 0,
                rx.box(rx.foreach(NewsState.items, _item), class_name="diary-cards", id="news-feed"),
                empty_note("news.none", id="news-empty")),
        spacing="4",
        width="100%",
    )
