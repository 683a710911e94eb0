"""A person's public forum profile: display name, teacher/staff badge, posts. Nothing else about them."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forum import forum_styles, kind_badge
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.moderation import ForumUserState


@page(routes.FORUM_USER, "forum.profile", on_load=ForumUserState.load)
def forum_user() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.cond(ForumUserState.name != "", rx.hstack(
            rx.heading(ForumUserState.name, size="5", as_="h2", id="profile-name"),
            rx.cond(ForumUserState.badge == "teacher", rx.badge(T("role.teacher"), color_scheme="blue")),
            rx.cond(ForumUserState.badge == "staff", rx.badge(T("role.staff"), color_scheme="purple")),
            spacing="2", align="center"),
            rx.text(T("error.not_found"), id="not-found")),
        rx.el.ul(rx.foreach(ForumUserState.posts, lambda p: rx.el.li(
            kind_badge(p["kind"]), " ", rx.link(p["title"], href=p["href"]), " ",
            rx.cond(p["hidden"], rx.badge(T("forum.hidden"), color_scheme="red")),
            rx.text(p["created"], size="1", color_scheme="gray"), class_name="forum-card")),
            class_name="forum-list", id="profile-posts"),
        rx.link(T("forum.back"), href=routes.FORUM),
        spacing="3", width="100%", max_width="900px",
    )
