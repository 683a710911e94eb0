"""The layout's per-page work (roles, children, unread alerts, the survey badge) is not recomputed on
every navigation: a page whose header is cached costs the session check and one version statement,
and the header follows a change of what it shows at the next page."""

import reflex as rx
from sqlalchemy import event
from sqlmodel import select

from mrko_app import db as database
from mrko_app.models import ParentChildLink, User
from mrko_app.state.base import AuthState
from tests.async_run import run_async
from tests.state.test_handler_fuzz import set_route


def _statements(fn) -> tuple[int, object]:
    engine = database.engine()
    seen = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = run_async(fn())
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), result


def test_the_header_is_computed_once_and_follows_a_change(demo_app):  # noqa: F811
    async def page(route: str):
        set_route(root, route)
        await AuthState.event_handlers["load_page"].fn(auth)
        return list(auth.children), list(auth.roles), auth.page_allowed

    async def start():
        state = rx.State(_reflex_internal_init=True)
        set_route(state, "/")
        return state, await state.get_state(AuthState)

    root, auth = run_async(start())
    auth.token = demo_app["parent1"]
    first, (children, roles, allowed) = _statements(lambda: page("/diary"))
    again, (children_again, roles_again, allowed_again) = _statements(lambda: page("/diary/marks"))
    assert "parent" in roles and len(children) == 2 and allowed
    assert (children_again, roles_again, allowed_again) == (children, roles, allowed)
    assert again == 2 < first  # the session with its user, the header's version

    with database.session_scope() as db:  # the parent renames a child's page (e.g. in another tab)
        parent = db.exec(select(User).where(User.login == "parent1")).one()
        link = db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == parent.id)
                       .order_by(ParentChildLink.id)).first()
        old_name, link.page_name = link.page_name, "Машенька-солнышко"
        db.add(link)
    try:
        changed, (children_now, _roles, _allowed) = _statements(lambda: page("/diary"))
        assert changed > 2 and children_now[0]["name"] == "Машенька-солнышко"
    finally:
        with database.session_scope() as db:
            link = db.get(ParentChildLink, link.id)
            link.page_name = old_name
            db.add(link)

    auth.token = demo_app["teacher1"]  # another user in the tab: never the cached header
    _n, (children_t, roles_t, allowed_t) = _statements(lambda: page("/diary"))
    assert children_t == [] and "parent" not in roles_t and not allowed_t
