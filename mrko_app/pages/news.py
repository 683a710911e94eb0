"""News: the feed (unread marked, class news labelled with the class and the children) and, for staff
and class teachers, the publish form."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.news import NewsState

ALL = ("parent", "teacher", "staff", "psychologist")


def _item(item) -> rx.Component:
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
        rx.cond(item["unread"], rx.button(T("news.mark_read"), size="1", variant="soft",
                                          on_click=NewsState.mark_read(item["id"].to(str)), id="read-" + item["id"].to(str))),
        class_name="diary-card news-item",
        id="news-" + item["id"].to(str),
        data_kind=item["kind"],
    )


def _publish_form() -> rx.Component:
    return rx.el.section(
        rx.heading(T("news.publish"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                rx.cond(NewsState.sent != "", rx.callout(NewsState.sent, color_scheme="green", id="news-sent")),
                rx.vstack(
                    rx.el.label(T("news.target"), html_for="field-target", class_name="mrko-label"),
                    rx.el.select(rx.foreach(NewsState.targets, lambda t: rx.el.option(t["text"], value=t["value"])),
                                 name="target", id="field-target", class_name="mrko-select"),
                    field_error(NewsState.errors, "target"),
                    spacing="1", width="100%",
                ),
                field("news.title", "title", NewsState.errors, max_length=200),
                rx.vstack(
                    rx.el.label(T("news.body"), html_for="field-body", class_name="mrko-label"),
                    rx.text_area(name="body", id="field-body", max_length=10000, width="100%", rows="5"),
                    field_error(NewsState.errors, "body"),
                    spacing="1", width="100%",
                ),
                rx.hstack(rx.el.input(type="checkbox", name="pinned", id="field-pinned"),
                          rx.el.label(T("news.pinned"), html_for="field-pinned"), align="center", spacing="2"),
                field("news.publish_at", "publish_at", NewsState.errors, type="datetime-local", step="1"),
                field("news.expires_at", "expires_at", NewsState.errors, type="datetime-local"),
                submit_button("news.publish", id="news-submit"),
                spacing="3", width="100%",
            ),
            on_submit=NewsState.publish,
            reset_on_submit=False,
            key=NewsState.form_key.to(str),
            class_name="mrko-form",
        ),
        width="100%",
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
        rx.heading(T("news.feed"), size="4", as_="h2"),
        rx.cond(NewsState.items.length() > 0,
                rx.box(rx.foreach(NewsState.items, _item), class_name="diary-cards", id="news-feed"),
                empty_note("news.none", id="news-empty")),
        spacing="4",
        width="100%",
    )
