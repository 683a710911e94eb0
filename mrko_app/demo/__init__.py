"""The demo school and the large-school generator (see `python -m mrko_app.demo --help`)."""

from mrko_app.demo.generator import generate_large_school
from mrko_app.demo.school import DEMO_LOGINS, DEMO_NAME, load_demo
from mrko_app.demo.summary import DemoLogin, DemoSummary, format_summary, print_summary

__all__ = [
    "DEMO_LOGINS",
    "DEMO_NAME",
    "DemoLogin",
    "DemoSummary",
    "format_summary",
    "generate_large_school",
    "load_demo",
    "print_summary",
]
