import os

import reflex as rx

config = rx.Config(
    app_name="mrko_app",
    db_url=os.environ.get("DATABASE_URL", "sqlite:///mrko.db"),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.SitemapPlugin()],
)
