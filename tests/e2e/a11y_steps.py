"""What the accessibility tests walk and how they judge a page: every route of the route table (so a page
added later is checked without touching the test), the people who look at it, and axe-core's verdict.

A route with a dynamic segment (`/x/[id]`) takes its value from SEGMENTS; a page that needs query
arguments to show its real content takes them from QUERIES (a function of the app's database).
"""

import importlib
import pkgutil
import re
from collections.abc import Callable

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from sqlmodel import Session, select

from mrko_app import config, pages, routes
from mrko_app.state.base import PAGE_ROLES

for _info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda i: i.name):
    importlib.import_module(f"{pages.__name__}.{_info.name}")

# who looks: None signs nobody in; parent3 has no child yet (the "apply for access" side of the pages)
PEOPLE: dict[str, str | None] = {
    "anonymous": None,
    "parent1": "parent1pass",
    "parent3": "parent3pass",
    "teacher1": "teacher1pass",
    "staff1": "staff1pass",
    "psych1": "psych1pass",
    "dept1": "dept1pass",
}

# the roles each of them holds in the demo school (staff1 also teaches)
ROLES: dict[str, frozenset[str]] = {
    "anonymous": frozenset(), "parent1": frozenset({"parent"}), "parent3": frozenset({"parent"}),
    "teacher1": frozenset({"teacher"}), "staff1": frozenset({"staff", "teacher"}),
    "psych1": frozenset({"psychologist"}),
    "dept1": frozenset({"department"}),
}

# failing impacts, plus the landmark rules (axe calls them "moderate"): one main, everything in a landmark
FAILING_IMPACTS = {"serious", "critical"}
LANDMARK_RULES = {"region", "landmark-one-main", "landmark-no-duplicate-main", "landmark-main-is-top-level",
                  "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-unique", "bypass"}

SEGMENTS: dict[str, str] = {"conversation": "1"}  # dynamic segment name -> a demo value (the demo's first conversation)


_issued: dict[str, str] = {}


def _reset_link(db: Session) -> str:
    """A live password-reset link (the form shows only for one): psych1's, issued once (a second one so
    soon would be refused), never used here."""
    if "reset" not in _issued:
        from mrko_app.models import User
        from mrko_app.services.accounts import verification_codes as codes

        user = db.exec(select(User).where(User.login == "psych1")).one()
        _issued["reset"] = codes.issue_link_token(db, user, codes.RESET_LINK, user.email)
        db.commit()
    return f"?token={_issued['reset']}"


def _busiest_question(db: Session) -> str:
    """The demo question with the most answers (a thread with answers, comments, votes)."""
    from mrko_app.models.forum import ForumPost

    post = db.exec(select(ForumPost).where(ForumPost.kind == "question", ForumPost.hidden == False)  # noqa: E712
                   .order_by(ForumPost.answer_count.desc(), ForumPost.id)).first()
    return f"?id={post.id}" if post else ""


def _busiest_author(db: Session) -> str:
    from mrko_app.models.forum import ForumPost

    post = db.exec(select(ForumPost).where(ForumPost.hidden == False).order_by(ForumPost.id)).first()  # noqa: E712
    return f"?id={post.author_id}" if post else ""


def _survey(kind: str, anonymous: bool | None = None) -> Callable[[Session], str]:
    """A published demo survey (or test): its answer form, editor and results with charts."""

    def pick(db: Session) -> str:
        from mrko_app.models.surveys import Survey

        query = select(Survey).where(Survey.kind == kind, Survey.status == "published")
        if anonymous is not None:
            query = query.where(Survey.anonymous == anonymous)
        survey = db.exec(query.order_by(Survey.id)).first()
        return f"?id={survey.id}" if survey else ""

    return pick


def _psy_request(db: Session) -> str:
    """The desk opened on a demo request with a thread, slots and a share (the detail view, not the list)."""
    from mrko_app.models import PsychologistRequest

    found = db.exec(select(PsychologistRequest.id).where(PsychologistRequest.status == "meeting_booked")
                    .order_by(PsychologistRequest.id)).first()
    return f"?id={found}" if found else ""


QUERIES: dict[str, Callable[[Session], str]] = {
    routes.RESET: _reset_link,
    routes.FORUM_QUESTION: _busiest_question,
    routes.FORUM_USER: _busiest_author,
    routes.SURVEY_ANSWER: _survey("test"),
    routes.SURVEY_EDIT: _survey("survey", anonymous=True),
    routes.SURVEY_RESULTS: _survey("survey", anonymous=True),
    routes.PSY_DESK: _psy_request,
}


def route_table() -> list[str]:
    """Every registered page, checked against routes.py: a route named there but never registered (or the
    reverse) fails here rather than going unchecked."""
    named = {v for k, v in vars(routes).items() if k.isupper() and isinstance(v, str) and v.startswith("/")}
    registered = set(PAGE_ROLES)
    # the outbox is registered only on a development instance: the app under test is one (conftest),
    # this test process need not be
    if not config.dev_mode():
        registered.add(routes.OUTBOX)
    assert named == registered, f"routes.py and the registered pages differ: {named ^ registered}"
    return sorted(registered)


def _may_open(who: str, route: str) -> bool:
    roles = PAGE_ROLES.get(route)
    return roles is None or bool(set(roles) & ROLES[who])


def walk_for(who: str, viewport: str = "desktop") -> list[str]:
    """The routes `who` looks at on `viewport`.

    On the desktop, every page each person may open, and the first page they may not, whose "no access"
    notice is the same on every such page (checked once, not 20 times); signed out, that is the public
    pages and one notice. On the phone, whose layout is the same for everyone, every page once: the public
    ones signed out, each other one by the first person below who may open it (parent1 first), and one
    notice: every page on both viewports, at half the page loads (CI's time limit)."""
    routes_all = route_table()
    if viewport == "desktop":
        allowed = [r for r in routes_all if _may_open(who, r) and (who != "anonymous" or PAGE_ROLES.get(r) is None)]
        return allowed + [r for r in routes_all if r not in allowed][:1]
    signed_in = [w for w in PEOPLE if PEOPLE[w]]
    public = [r for r in routes_all if PAGE_ROLES.get(r) is None]
    if who == "anonymous":
        return public + [r for r in routes_all if r not in public][:1]
    return [r for r in routes_all if r not in public
            and next((w for w in signed_in if _may_open(w, r)), None) == who]


def concrete(route: str, db: Session) -> str:
    """The route with its dynamic segments filled in and its query arguments added."""
    def fill(match: re.Match) -> str:
        name = match.group(1).lstrip(".")
        assert name in SEGMENTS, f"{route}: give a demo value for [{name}] in a11y_steps.SEGMENTS"
        return SEGMENTS[name]

    path = re.sub(r"\[([^\]]+)\]", fill, route)
    return path + (QUERIES[route](db) if route in QUERIES else "")


_AXE = Axe()


def violations(page: Page, context: str | None = None) -> list[dict]:
    """axe-core's failing findings on what the page shows now."""
    found = _AXE.run(page, context=context).response["violations"]
    return [v for v in found if v["impact"] in FAILING_IMPACTS or v["id"] in LANDMARK_RULES]


def describe(found: list[dict]) -> str:
    """One line per rule (with its count), then its nodes grouped by what is wrong (for contrast: the
    colours), each group with its count and an example, for the failure message."""
    lines = [", ".join(f"{v['id']}({v['impact']}) x{len(v['nodes'])}" for v in found)]
    for v in found:
        groups: dict[str, list[str]] = {}
        for node in v["nodes"]:
            check = (node.get("any") or node.get("all") or node.get("none") or [{}])[0]
            data = check.get("data") if isinstance(check.get("data"), dict) else {}
            why = (f"{data.get('fgColor')} on {data.get('bgColor')} = {data.get('contrastRatio')}"
                   f" ({data.get('fontSize')}, {data.get('fontWeight')})" if "fgColor" in data
                   else check.get("message", "")[:120])
            groups.setdefault(why, []).append(" ".join(node["target"])[:100])
        for why, targets in list(groups.items())[:8]:
            lines.append(f"  {v['id']}: {why} x{len(targets)}, e.g. {targets[0]}")
    return "\n".join(lines)
