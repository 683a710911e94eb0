"""The Reflex app: importing every module under mrko_app.pages registers its page."""

import gc
import importlib
import os
import pkgutil

import reflex as rx

from mrko_app import pages, wire_json
from mrko_app.api import calendar_feed, media
from mrko_app.api import oidc as oidc_api
from mrko_app.security_headers import SecurityHeaders
from mrko_app.services.alerts import runner as alerts_runner
from mrko_app.services.meetings import runner as meeting_reminders
from mrko_app.services.notify import mail_runner
from mrko_app.state import push

for _info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda i: i.name):
    importlib.import_module(f"{pages.__name__}.{_info.name}")
if os.environ.get("MRKO_BENCH_FLOOR") == "1":  # bench/load_bench.py's floor event; never in production
    importlib.import_module("mrko_app.state.bench_floor")

app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
    # the OpenID Connect redirect endpoints (api/oidc.py) and the calendar feed (GET /calendar/<token>.ics,
    # api/calendar_feed.py) and the private pictures (GET /media/<signed token>, api/media.py) beside
    # Reflex's own, and around everything the CSP, frame, sniffing, referrer
    # and permissions headers on every HTTP response (pages and feeds included)
    api_transformer=[oidc_api.api(), calendar_feed.mount, media.mount, SecurityHeaders],
)
wire_json.use_for(app.sio)  # the deltas' JSON by orjson (wire_json.py)
# deliver the parents' queued alerts every minute (services/alerts/runner.py)
app.register_lifespan_task(alerts_runner.deliver_alerts_periodically)
# drain the durable e-mail queue every few seconds (services/notify/mail_runner.py)
app.register_lifespan_task(mail_runner.drain_mail_periodically)
# the day-before meeting reminders (services/meetings/runner.py)
app.register_lifespan_task(meeting_reminders.send_reminders_periodically)
# push committed changes (services/changes) to the open tabs of this worker (state/push.py)
app.register_lifespan_task(push.deliver_changes)

# The worker's heap: what is imported by now (pages, states, catalogues) lives as long as the process, so
# the collector need not scan it again (gc.freeze), and a larger first generation runs it less often under
# the many short-lived objects of every event. In the load bench: a quarter more events/s, floor included.
gc.freeze()
gc.set_threshold(50_000, 50, 100)
