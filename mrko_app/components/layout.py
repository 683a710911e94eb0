"""The one layout: header (brand, language, child switcher, account), navigation per role, content.

Landmarks: a skip link first (to `#main-content`), then `<header>` (banner), `<nav>` (the menu of the
signed-in user), `<main>` (the page title and the page's content); nothing is rendered outside them.

Page modules hold only their content:

    @page(routes.DIARY, "nav.diary", roles=("parent",), on_load=DiaryState.load)
    def diary() -> rx.Component: ...
"""

from collections.abc import Callable

import reflex as rx

from mrko_app import routes
from mrko_app.components.i18n import T, Tn, pick
from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, texts
from mrko_app.i18n.formats import language_name
from mrko_app.state.base import PAGE_LOADERS, PAGE_ROLES, AuthState, next_language


def _switch_label() -> rx.Var:
    """The language switch names, in its own words, the language it switches to (Babel's CLDR names)."""
    return pick({lang: language_name(next_language(lang)) for lang in LANGUAGES})


class MenuState(rx.State):
    """Whether the phone menu is open (pure UI)."""

    open: bool = False

    @rx.event
    def toggle(self):
        self.open = not self.open

    @rx.event
    def close(self):
        self.open = False


def _badge(route: str) -> rx.Component:
    """The count beside a menu entry that waits for the user (open surveys)."""
    if route != routes.SURVEYS:
        return rx.fragment()
    return rx.cond(AuthState.open_surveys > 0,
                   rx.badge(AuthState.open_surveys, color_scheme="red", class_name="nav-surveys-badge"))


def _nav_link(route: str, key: str, icon: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=18), rx.text(T(key)), _badge(route), spacing="2", align="center"),
        href=route,
        class_name="mrko-nav-link",
        on_click=MenuState.close,
        underline="none",
    )


def navigation() -> rx.Component:
    groups = []
    for role, items in routes.NAV.items():
        if not items:
            continue
        groups.append(
            rx.cond(
                AuthState.roles.contains(role),
                rx.vstack(
                    rx.text(T(f"role.{role}"), class_name="mrko-nav-group"),
                    *[_nav_link(*item) for item in items],
                    spacing="1",
                    width="100%",
                ),
            )
        )
    return rx.vstack(
        *groups,
        rx.cond(AuthState.signed_in, _nav_link(routes.PROFILE, "nav.profile", "user")),
        spacing="4",
        width="100%",
        id="main-nav",
    )


def child_switcher() -> rx.Component:
    return rx.cond(
        AuthState.children.length() > 0,
        rx.hstack(
            rx.el.label(T("switcher.label"), html_for="child-switcher", class_name="mrko-switcher-label"),
            rx.el.select(
                rx.foreach(AuthState.children, lambda c: rx.el.option(c["name"], value=c["id"])),
                id="child-switcher",
                value=AuthState.child_id,
                on_change=AuthState.select_child,
                class_name="mrko-select",
            ),
            align="center",
            spacing="2",
        ),
    )


def header() -> rx.Component:
    return rx.el.header(rx.hstack(
        rx.hstack(
            rx.cond(
                AuthState.signed_in,
                rx.icon_button(rx.icon("menu"), on_click=MenuState.toggle, variant="ghost",
                               class_name="mrko-menu-button", aria_label=T("nav.menu"), id="menu-button",
                               aria_controls="main-nav", aria_expanded=rx.cond(MenuState.open, "true", "false")),
            ),
            rx.link(rx.heading(T("app.name"), size="5"), href=routes.HOME, underline="none", color="inherit"),
            align="center",
            spacing="3",
        ),
        rx.hstack(
            *[rx.link(T(key), href=route, id=f"public-{name}", size="2") for name, route, key in (
                ("forum", routes.FORUM, "nav.forum"), ("faq", routes.FAQ, "nav.faq"),
                ("directory", routes.DIRECTORY, "nav.directory"))],
            spacing="3", id="public-nav", wrap="wrap", align="center",
        ),
        rx.spacer(),
        rx.cond(  # the notification centre's bell, on every page, updated live (state/push.py)
            AuthState.signed_in,
            rx.link(rx.badge(rx.icon("bell", size=14),
                             rx.cond(AuthState.unread_notifications > 0,
                                     rx.el.span(AuthState.unread_notifications, id="bell-count")),
                             color_scheme=rx.cond(AuthState.unread_notifications > 0, "red", "gray"), size="2"),
                    href=routes.NOTIFICATIONS, id="notifications-bell", underline="none",
                    aria_label=Tn("inbox.unread", AuthState.unread_notifications),
                    title=Tn("inbox.unread", AuthState.unread_notifications)),
        ),
        rx.cond(
            AuthState.unread_messages > 0,
            rx.link(rx.badge(rx.icon("messages-square", size=14), rx.text.span(AuthState.unread_messages, id="messages-count"),
                             color_scheme="blue", size="2"),
                    href=routes.MESSAGES, id="messages-counter", title=T("messages.unread_title"), underline="none",
                    aria_label=T("messages.unread_title")),
        ),
        child_switcher(),
        rx.button(_switch_label(), on_click=AuthState.toggle_language, variant="soft", size="2", id="lang-switch"),
        rx.cond(
            AuthState.signed_in,
            rx.hstack(
                rx.text(AuthState.user_name, class_name="mrko-user-name", id="user-name"),
                rx.button(T("nav.logout"), on_click=AuthState.logout, variant="outline", size="2", id="logout"),
                align="center",
                spacing="2",
            ),
            rx.hstack(
                rx.link(T("nav.login"), href=routes.LOGIN, id="nav-login"),
                rx.link(T("nav.register"), href=routes.REGISTER, id="nav-register"),
                spacing="3",
            ),
        ),
        align="center",
        spacing="3",
        wrap="wrap",
        width="100%",
    ), class_name="mrko-header")


def _guarded(content: rx.Component, roles: tuple[str, ...] | None) -> rx.Component:
    if roles is None:
        return content
    return rx.cond(
        AuthState.page_checked,
        rx.cond(
            AuthState.page_allowed,
            content,
            rx.cond(
                AuthState.signed_in,
                rx.callout(T("error.no_access_text"), title=T("error.no_access"), color_scheme="red",
                           id="no-access", icon="shield-alert"),
                rx.callout(rx.link(T("error.login_required"), href=routes.LOGIN), color_scheme="amber",
                           id="login-required", icon="log-in"),
            ),
        ),
        rx.center(rx.spinner(size="3"), padding="2em"),
    )


def ready_marker() -> rx.Component:
    """An invisible `#page-ready` once the page is live: hydrated and its on_load handlers done.
    Before that a click may land on the pre-rendered HTML and do nothing; the browser tests wait for it."""
    return rx.cond(rx.State.is_hydrated, rx.el.span(id="page-ready", hidden=True))


# the skip link moves the focus itself: a plain "#main-content" jump would go through the client router
# (run_script compiles to a function in the page; call_script would eval a string, which the CSP forbids)
SKIP_TO_MAIN = [rx.prevent_default,
                rx.run_script("(m => (m.focus(), m.scrollIntoView()))(document.getElementById('main-content'))")]


def skip_link() -> rx.Component:
    """The first thing the keyboard reaches: off screen until focused (styles.css)."""
    return rx.el.a(T("a11y.skip"), href="#main-content", class_name="mrko-skip", id="skip-link",
                   on_click=SKIP_TO_MAIN)


def shell(content: rx.Component, title_key: str, roles: tuple[str, ...] | None) -> rx.Component:
    return rx.box(
        ready_marker(),
        skip_link(),
        header(),
        rx.flex(
            rx.cond(
                AuthState.signed_in,
                rx.el.nav(navigation(), aria_label=T("nav.main"),
                          class_name=rx.cond(MenuState.open, "mrko-sidebar open", "mrko-sidebar")),
            ),
            rx.el.main(
                rx.heading(T(title_key), size="6", class_name="mrko-page-title", id="page-title"),
                _guarded(content, roles),
                class_name="mrko-content",
                id="main-content",
                tab_index=-1,  # the skip link focuses it
            ),
            class_name="mrko-body",
        ),
        class_name="mrko-app",
    )


def page(
    route: str,
    title_key: str,
    *,
    roles: tuple[str, ...] | None = None,
    on_load=None,
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Register a page at `route` inside the layout. `roles`: who may use it (None: everyone).
    `on_load`: the page's own loaders, run after the user is resolved (and again when the child changes)."""
    loaders = list(on_load) if isinstance(on_load, (list, tuple)) else ([on_load] if on_load else [])
    PAGE_LOADERS[route] = loaders
    PAGE_ROLES[route] = tuple(roles) if roles else None
    titles = texts(title_key)  # the pre-rendered title, before the browser knows the language: all of them
    title = " · ".join([titles[DEFAULT_LANGUAGE], *(t for lang, t in titles.items() if lang != DEFAULT_LANGUAGE)])

    def decorator(content_fn: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def wrapped() -> rx.Component:
            return shell(content_fn(), title_key, PAGE_ROLES[route])

        wrapped.__name__ = content_fn.__name__
        wrapped.__qualname__ = content_fn.__qualname__
        rx.page(route=route, title=f"{title} — MRKO", on_load=[AuthState.load_page, *loaders])(wrapped)
        return wrapped

    return decorator
