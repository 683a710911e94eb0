import reflex as rx

from mrko_app import routes
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.base import AuthState
from mrko_app.pages.news import news_preview
from mrko_app.state.home import HomeState
from mrko_app.state.news import NewsState


@page(routes.HOME, "home.title", on_load=NewsState.load_preview)
def home() -> rx.Component:
    return rx.vstack(
        rx.text(T("home.lead"), size="4"),
        rx.cond(
            AuthState.signed_in,
            rx.vstack(
                rx.text(T("home.signed_in_as"), " ", rx.text.strong(AuthState.user_name)),
                rx.link(rx.button(T("home.go_area"), size="3"), href=HomeState.area_route, id="go-area"),
                news_preview(),
                width="100%",
            ),
            rx.hstack(
                rx.link(rx.button(T("nav.login"), size="3"), href=routes.LOGIN),
                rx.link(rx.button(T("nav.register"), size="3", variant="outline"), href=routes.REGISTER),
                spacing="3",
            ),
        ),
        spacing="4",
        max_width="720px",
    )
