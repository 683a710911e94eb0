"""The home page, the public face: one search over the forum and the FAQ, the latest questions, the FAQ
sections, the directory, and the way in (log in, register, or one's own area)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forum import forum_styles, question_card, results, search_box
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.news import news_preview
from mrko_app.services.faq import SECTIONS
from mrko_app.state.base import AuthState
from mrko_app.state.home import HomeState
from mrko_app.state.news import NewsState


def _way_in() -> rx.Component:
    return rx.cond(
        AuthState.signed_in,
        rx.vstack(
            rx.text(T("home.signed_in_as"), " ", rx.text.strong(AuthState.user_name)),
            rx.link(rx.button(T("home.go_area"), size="3"), href=HomeState.area_route, id="go-area"),
            news_preview(),
            width="100%",
        ),
        rx.hstack(
            rx.link(rx.button(T("nav.login"), size="3"), href=routes.LOGIN, id="home-login"),
            rx.link(rx.button(T("nav.register"), size="3", variant="outline"), href=routes.REGISTER, id="home-register"),
            spacing="3",
        ),
    )


def _faq_sections() -> rx.Component:
    return rx.el.ul(rx.foreach(HomeState.faq_sections, lambda s: rx.el.li(rx.link(
        rx.match(s["code"], *[(c, T(f"faq.section.{c}")) for c in SECTIONS], s["code"]),
        href=routes.FAQ + "#faq-section-" + s["code"].to(str)), " (", s["count"], ")")), id="home-faq")


@page(routes.HOME, "home.title", on_load=[HomeState.load, NewsState.load_preview])
def home() -> rx.Component:
    return rx.vstack(
        forum_styles(),
        rx.text(T("home.lead"), size="4"),
        _way_in(),
        rx.heading(T("home.search_title"), size="4", as_="h2"),
        search_box(HomeState.search, HomeState.query, box_id="home-search"),
        results(HomeState.results, HomeState.searched, list_id="home-results"),
        rx.grid(
            rx.vstack(
                rx.heading(T("home.latest"), size="4", as_="h2"),
                rx.el.ul(rx.foreach(HomeState.latest, question_card), class_name="forum-list", id="home-latest"),
                rx.hstack(rx.link(T("home.all_questions"), href=routes.FORUM, id="home-forum"),
                          rx.link(T("forum.ask"), href=routes.FORUM_ASK), spacing="4"),
                width="100%",
            ),
            rx.vstack(
                rx.heading(T("faq.title"), size="4", as_="h2"),
                _faq_sections(),
                rx.heading(T("directory.title"), size="4", as_="h2"),
                rx.el.ul(rx.foreach(HomeState.units, lambda u: rx.el.li(u["name"])), id="home-directory"),
                rx.link(T("home.open_directory"), href=routes.DIRECTORY),
                rx.link(T("feedback.title"), href=routes.FEEDBACK, id="home-feedback"),
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="2"), spacing="5", width="100%",
        ),
        spacing="4",
        max_width="1000px",
        width="100%",
    )
