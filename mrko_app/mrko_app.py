"""The Reflex app: importing every module under mrko_app.pages registers its page."""

import importlib
import pkgutil

import reflex as rx

from mrko_app import pages
from mrko_app.api import calendar_feed
from mrko_app.services import alerts_runner
from mrko_app.services.meetings import runner as meeting_reminders

for _info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda i: i.name):
    importlib.import_module(f"{pages.__name__}.{_info.name}")

app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
    api_transformer=[calendar_feed.mount],  # GET /calendar/<token>.ics (mrko_app/api/calendar_feed.py)
)
# deliver the parents' queued alerts every minute (services/alerts_runner.py)
app.register_lifespan_task(alerts_runner.deliver_alerts_periodically)
# the day-before meeting reminders (services/meetings/runner.py)
app.register_lifespan_task(meeting_reminders.send_reminders_periodically)
