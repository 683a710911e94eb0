"""The forum: search, then the questions (newest, most voted, unanswered; by tag)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forum import forum_styles, question_card, results, search_box
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.forum import SORTS, TAGS
from mrko_app.state.base import AuthState
from mrko_app.state.forum import ForumState


def _sorts() -> rx.Component:
    return rx.hstack(
        *[rx.button(T(f"forum.sort.{s}"), on_click=ForumState.set_sort(s), size="2", id=f"sort-{s}",
                    variant=rx.cond(ForumState.sort == s, "solid", "soft")) for s in SORTS],
        rx.el.label(T("forum.tag_filter"), html_for="tag-filter", class_name="mrko-label"),
        rx.el.select(rx.el.option(T("forum.all_tags"), value=""),
                     *[rx.el.option(T(f"forum.tag.{t}"), value=t) for t in TAGS],
                     id="tag-filter", value=ForumState.tag, on_change=ForumState.set_tag, class_name="mrko-select"),
        spacing="2", wrap="wrap", align="center",
    )


@page(routes.FORUM, "forum.title", on_load=ForumState.load)
def forum_page() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.text(T("forum.lead"), size="3"),
        search_box(ForumState.search, ForumState.query),
        results(ForumState.results, ForumState.searched),
        rx.hstack(
            rx.heading(T("forum.questions"), size="4", as_="h2"),
            rx.spacer(),
            rx.cond(AuthState.signed_in,
                    rx.link(rx.button(rx.icon("plus", size=16), T("forum.ask")), href=routes.FORUM_ASK, id="ask-link"),
                    rx.link(T("forum.login_to_ask"), href=routes.LOGIN, id="login-to-ask")),
            width="100%", align="center",
        ),
        _sorts(),
        rx.cond(ForumState.questions.length() > 0,
                rx.el.ul(rx.foreach(ForumState.questions, question_card), class_name="forum-list", id="questions"),
                rx.text(T("forum.no_questions"), color_scheme="gray", id="questions-empty")),
        spacing="4", width="100%", max_width="900px",
    )
