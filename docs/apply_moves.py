"""Rewrite a tree written against the old flat service modules to the packages (issue 10).

    python docs/apply_moves.py [FILES or folders...]   # default: mrko_app tests bench alembic *.md

Same rules as the move itself (docs/moves.md): `from mrko_app.services import X` becomes
`from mrko_app.services.<package> import <submodule> as X` (code bodies keep their names),
`mrko_app.services.X` becomes the new dotted path, `services/X.py` the new file path. Idempotent.
"""
import re
import sys
from pathlib import Path

MOVES = {  # old flat module -> new dotted (under mrko_app.services)
    "alerts": "alerts.hooks", "alerts_delivery": "alerts.delivery", "alerts_runner": "alerts.runner",
    "alerts_settings": "alerts.settings",
    "journal": "journal.read", "journal_checks": "journal.checks", "journal_entry": "journal.entry",
    "journal_save": "journal.save", "final_marks": "journal.finals",
    "diary_context": "diary.context", "diary_homework": "diary.homework", "diary_marks": "diary.marks",
    "diary_week": "diary.week_view", "diary_year": "diary.year", "finals": "diary.finals",
    "report_card": "diary.report_card", "timetable": "diary.timetable",
    "stats": "stats.child", "stats_class": "stats.classmates", "stats_charts": "stats.charts", "stats_plan": "stats.plan",
    "gradebook": "gradebook.rules", "forecast": "gradebook.forecast",
    "access": "access.rules", "access_codes": "access.codes", "applications": "access.applications",
    "roster": "access.roster", "documents": "access.documents",
    "accounts": "accounts.core", "identity": "accounts.identity", "passwords": "accounts.passwords",
    "sessions": "accounts.sessions", "recovery": "accounts.recovery", "lockout": "accounts.lockout",
    "oidc": "accounts.oidc", "oidc_accounts": "accounts.oidc_accounts", "codes": "accounts.verification_codes",
    "validation": "accounts.validation",
    "notifications": "notify.messages", "mail_queue": "notify.mail_queue", "mail_runner": "notify.mail_runner",
    "smtp": "notify.smtp", "dev_outbox": "notify.dev_outbox",
}
FACADES = {"diary": "diary"}  # old module that became the package's __init__ as it was
names_alt = "|".join(sorted(list(MOVES) + list(FACADES), key=len, reverse=True))

def new_of(old):
    return MOVES.get(old) or FACADES[old]

def rewrite_from_services(m):
    indent, names = m.group(1), m.group(2)
    keep, extra = [], []
    for part in [p.strip() for p in names.split(",") if p.strip()]:
        name, _, alias = part.partition(" as ")
        name, alias = name.strip(), (alias.strip() or name.strip())
        if name in MOVES:
            pkg, sub = MOVES[name].rsplit(".", 1)
            extra.append(f"{indent}from mrko_app.services.{pkg} import {sub}" + (f" as {alias}" if alias != sub else ""))
        else:
            keep.append(part)
    out = []
    if keep:
        out.append(f"{indent}from mrko_app.services import {', '.join(keep)}")
    out += extra
    return "\n".join(out)

SUBMODULES = {}
for _new in MOVES.values():
    SUBMODULES.setdefault(_new.split(".")[0], set()).add(_new.split(".")[1])


def dotted(m):
    """An old dotted path -> the new one; a path that already is a new package importing one of its
    submodules (`from mrko_app.services.alerts import runner`) stays as it is (idempotent)."""
    old, tail, first = m.group(1), m.group(2) or "", m.group(3)
    if old in SUBMODULES and first in SUBMODULES[old]:
        return m.group(0)
    return "mrko_app.services." + new_of(old) + tail


def rewrite(text):
    text = re.sub(rf"mrko_app\.services\.({names_alt})\b(?![\w.])( import \(?\s*(\w+))?", dotted, text)
    text = re.sub(r"^([ \t]*)from mrko_app\.services import ([^(\n]+?)(?=\s*(?:#.*)?$)", rewrite_from_services, text, flags=re.M)
    def path(m):
        new = new_of(m.group(1))
        return "services/" + (new + "/__init__" if m.group(1) in FACADES else new.replace(".", "/")) + ".py"
    text = re.sub(rf"(?<!was )services/({names_alt})\.py\b", path, text)  # "was services/x.py" is history
    return text


def main(args):
    roots = [Path(a) for a in args] or [Path(p) for p in ("mrko_app", "tests", "bench", "alembic", "HACKING.md", "README.md")]
    for root in roots:
        for p in ([root] if root.is_file() else [*root.rglob("*.py"), *root.rglob("*.md")]):
            if "node_modules" in str(p) or p.name == "moves.md":
                continue
            text = p.read_text()
            new = rewrite(text)
            if new != text:
                p.write_text(new)
                print("rewrote", p)


if __name__ == "__main__":
    main(sys.argv[1:])
