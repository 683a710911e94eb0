import os

import reflex as rx

config = rx.Config(
    app_name="mrko_app",
    db_url=os.environ.get("DATABASE_URL", "sqlite:///mrko.db"),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        # gray "slate" named, not "auto": assets/styles.css darkens the slate steps that carry text (WCAG AA)
        rx.plugins.RadixThemesPlugin(theme=rx.theme(appearance="light", accent_color="indigo", gray_color="slate",
                                                    radius="medium")),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
    # one worker without Redis keeps the tabs' states in memory, not pickled to disk after each event
    # (a tab's state is rebuilt from its sign-in token on reconnect); with REFLEX_REDIS_URL Reflex
    # keeps them in Redis, shared by the workers
    **({} if os.environ.get("REFLEX_REDIS_URL") else {"state_manager_mode": "memory"}),
    # the deployment's own origin(s); "*" would let any site open a socket to the app
    cors_allowed_origins=os.environ.get("MRKO_CORS_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000").split(","),
)
