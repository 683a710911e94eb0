"""Attacks on the parent and staff areas, not through the UI: every event handler called directly over
the websocket against the running app, as a parent not linked to the child (and whose other child has
left the school), as an anonymous visitor and as a teacher, with other students' ids and malformed arguments (see attack_table.py). Every call must
change nothing that is not the caller's own, and no update sent to the browser may carry another
child's data. Also: the uploaded scans cannot be fetched by any URL, and the upload endpoint refuses
anyone but a parent.
"""

import asyncio
import base64
import concurrent.futures
import hashlib
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlmodel import select

from mrko_app.models import (
    AbsenceNotice,
    AccessApplication,
    AccessCode,
    ApplicationDocument,
    Attendance,
    FinalMark,
    Mark,
    ParentChildLink,
    PsychologistOffer,
    PsychologistReply,
    PsychologistRequest,
    PsychologistShare,
    Student,
)
from mrko_app.services.access import applications, documents, roster
from mrko_app.services.accounts import core as accounts
from mrko_app.state.base import AuthState
from tests.e2e import attack_table as table
from tests.e2e.access_steps import (
    free_student,
    fresh_family,
    issue_code,
    link_free_child,
    pdf_bytes,
    png_bytes,
    sign_in,
    user,
)
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def private_dir(app_url, app_private_dir) -> Path:
    """The running app's private folder (tests/e2e/conftest.py)."""
    return app_private_dir


@pytest.fixture(scope="session")
def world(app_url, app_engine, private_dir):
    """An application with scans for another child, an unused code for another child, and a parent
    linked to one child only (the attacker)."""
    from sqlmodel import Session

    with Session(app_engine, expire_on_commit=False) as db, pytest.MonkeyPatch.context() as mp:
        mp.setenv("MRKO_PRIVATE_DIR", str(private_dir))
        attacker, own = fresh_family(db, "attacker_parent", page_name="Мой")
        own_id = own.id
        gone_id = link_free_child(db, attacker, page_name="Ушёл").id  # linked once, then left the school
        roster.set_student_status(db, user(db, "staff1"), gone_id, "left")
        db.commit()
        target, target_class = free_student(db)
        parent1 = user(db, "parent1")
        scans = [{"kind": "application", "content": pdf_bytes("secret"), "name": "a.pdf"},
                 {"kind": "birth_certificate", "content": png_bytes(), "name": "b.png"},
                 {"kind": "identity", "content": png_bytes(b"\x01\x02\x03"), "name": "c.png"}]
        files = {s["kind"]: documents.store(s["content"], s["name"]).as_dict() for s in scans}
        form = {"school_id": str(target.school_id), "surname": target.surname, "first_name": target.first_name,
                "patronymic": target.patronymic, "birth_date": target.birth_date.isoformat(),
                "class_name": target_class.name, "relation": "parent"}
        application = applications.submit(db, parent1, form, files)
        db.commit()
        issue_code(db, target.id)
        code_id = db.exec(select(AccessCode.id).where(AccessCode.student_id == target.id)
                          .order_by(AccessCode.id.desc())).first()
        p1_kids = [link.student_id for link in db.exec(select(ParentChildLink).where(
            ParentChildLink.parent_id == parent1.id)).all()]
        tokens = {"parent": accounts.create_session(db, attacker), "teacher": accounts.create_session(
            db, user(db, "teacher1")), "anonymous": ""}
        db.commit()
        docs = [ApplicationDocument(**d.model_dump()) for d in db.exec(
            select(ApplicationDocument).where(ApplicationDocument.application_id == application.id)).all()]
        students = [Student(**s.model_dump()) for s in db.exec(select(Student)).all()]
        return {"own": own_id, "others": [target.id, gone_id, *p1_kids[:1]], "application": application.id,
                "documents": docs, "code": code_id, "students": students, "tokens": tokens, "scans": scans}


def run_async(coroutine):
    """asyncio.run in a thread of its own (Playwright's sync API may hold this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def snapshot(engine, own_id: int) -> dict:
    """Everything an attack might change that is not the attacker's own."""
    from sqlmodel import Session

    with Session(engine) as db:
        return {
            "links": sorted((r.id, r.parent_id, r.student_id, r.page_name, r.end_date)
                            for r in db.exec(select(ParentChildLink)).all()),
            "codes": sorted((r.id, r.used_at, r.revoked) for r in db.exec(select(AccessCode)).all()),
            "applications": sorted((r.id, r.status, r.student_id, r.reject_reason)
                                   for r in db.exec(select(AccessApplication)).all()),
            "documents": len(db.exec(select(ApplicationDocument.id)).all()),
            "students": sorted((r.id, r.status, r.class_id) for r in db.exec(select(Student)).all()),
            "marks": sorted((r.id, r.value, r.version, r.deleted) for r in db.exec(select(Mark)).all()),
            "attendance": len(db.exec(select(Attendance.id)).all()),
            "finals": len(db.exec(select(FinalMark.id)).all()),
            "notices": sorted((r.id, r.student_id, r.acknowledged_by) for r in db.exec(
                select(AbsenceNotice).where(AbsenceNotice.student_id != own_id)).all()),
            "psychologist": (sorted((r.id, r.status) for r in db.exec(select(PsychologistRequest)).all()),
                             len(db.exec(select(PsychologistReply.id)).all()),
                             len(db.exec(select(PsychologistShare.id)).all()),
                             len(db.exec(select(PsychologistOffer.id)).all())),  # (a shared read is logged)
        }


def forbidden_strings(engine, students: list[Student], allowed_ids: set[int]) -> set[str]:
    """Names of every student the caller may not see (both orders), and their marks' comments."""
    from sqlmodel import Session

    allowed = {f"{s.surname} {s.first_name}" for s in students if s.id in allowed_ids}
    allowed |= {f"{s.first_name} {s.surname}" for s in students if s.id in allowed_ids}
    names = set()
    for s in students:
        if s.id not in allowed_ids:
            names |= {f"{s.surname} {s.first_name}", f"{s.first_name} {s.surname}"}
    with Session(engine) as db:
        comments = db.exec(select(Mark.comment).where(Mark.student_id.not_in(allowed_ids or {0}))).all()
        own_comments = set(db.exec(select(Mark.comment).where(Mark.student_id.in_(allowed_ids or {0}))).all())
    # a whole-class work's comment is its lesson topic, which the own child's debt for it quotes
    # ("Не написана работа: Контрольная работа №6: ..."): text inside an own comment tells nothing
    names |= {c for c in set(comments) if len(c) >= 12 and not any(c in own for own in own_comments)}
    return {n for n in names if not any(n in a or a in n for a in allowed)}


async def attack(app_url: str, token: str, calls: list[tuple[str, type, str, dict]], poison: list[tuple]):
    """Run every call in one tab; then poison the tab's state with setvar and reload every page."""
    async with EventClient(app_url, token, "/children") as client:
        calls_done = 0
        for route, state, handler, payload in calls:
            await client.call(state, handler, payload, pathname=route)
            calls_done += 1
        before_poison = len(client.updates)
        for route, state, var, value in poison:
            await client.call(state, "setvar", {"var_name": var, "value": value}, pathname=route)
        for route, state in table.route_states():
            for name, params in table.own_handlers(state):
                if not params:
                    await client.call(state, name, {}, pathname=route)
        await client.settle()
        return client.updates, before_poison, calls_done


@pytest.mark.postgres
@pytest.mark.parametrize("actor", ["parent", "anonymous", "teacher"])
def test_direct_calls_are_refused_and_leak_nothing(actor, app_url, app_engine, world):
    others = world["others"]
    calls = []
    for route, state in [("/children", AuthState), *table.route_states()]:
        handlers = [("select_child", ["student_id"])] if state is AuthState else table.own_handlers(state)
        for name, params in handlers:
            for payload in table.payloads(params, others):
                calls.append((route, state, name, payload))
    for state, name, payload in table.explicit_calls(others, [world["application"]],
                                                     [d.id for d in world["documents"]], [world["code"]]):
        calls.append(("/children", state, name, payload))
    poison = [(route, state, var, value)
              for route, state in [("/children", AuthState), *table.route_states()]
              for var in table.public_vars(state)
              for value in (str(others[0]), {"id": others[0], "student_id": others[0]})]

    before = snapshot(app_engine, world["own"])
    updates, before_poison, done = run_async(attack(app_url, world["tokens"][actor], calls, poison))
    print(f"{actor}: {len(calls)} calls, {len(updates)} updates")
    assert done == len(calls) and len(calls) > 200
    after = snapshot(app_engine, world["own"])
    assert after == before, "a direct call changed another child's data"

    allowed = {world["own"]} if actor == "parent" else set()
    forbidden = forbidden_strings(app_engine, world["students"], allowed)
    assert len(forbidden) > 2 * len(others)
    leaks = []
    for number, update in enumerate(updates):
        text = json.dumps(update, ensure_ascii=False)
        found = [name for name in forbidden if name in text]
        if found:
            at = text.index(found[0])  # where it is: the state and var around it
            leaks.append((number, found[:3], text[max(0, at - 700):at + 200]))
    assert leaks == [], f"another child's data reached the browser: {leaks[:5]}"
    # the calls did reach the app signed in: a parent's own child shows up in their own page data
    own = next(s for s in world["students"] if s.id == world["own"])
    seen_own = any(f"{own.surname} {own.first_name}" in json.dumps(u, ensure_ascii=False) for u in updates)
    assert seen_own == (actor == "parent")
    # outside the poisoning (where the tab set its own var), the chosen child is only ever an own child
    key, allowed_ids = AuthState.get_full_name(), {str(i) for i in allowed} | {""}
    for update in updates[:before_poison]:
        delta = (update.get("delta") or {}).get(key) or {}
        for var in ("child_id_rx_state_", "child_choice_rx_state_"):
            if var in delta:
                assert delta[var] in allowed_ids, f"{var} became {delta[var]!r}"
        if "children_rx_state_" in delta:
            assert {c["id"] for c in delta["children_rx_state_"]} <= allowed_ids
    # the scans were never sent: no document's bytes (as a download's data URL) in any update
    scans = [base64.b64encode(d["content"]).decode() for d in world["scans"]]
    assert not any(scan in json.dumps(u) for u in updates for scan in scans)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _paths(doc: ApplicationDocument) -> list[str]:
    return [f"/_upload/{doc.storage_name}", f"/_upload/{doc.filename}", f"/_upload/documents/{doc.storage_name}",
            f"/_upload/..%2Fprivate%2Fdocuments%2F{doc.storage_name}", f"/{doc.storage_name}",
            f"/documents/{doc.storage_name}", f"/private/documents/{doc.storage_name}",
            f"/var/private/documents/{doc.storage_name}", f"/assets/{doc.storage_name}", f"/{doc.filename}"]


def test_scans_are_not_served_by_url(page: Page, app_url, app_db, world, private_dir):
    docs = world["documents"]
    contents = {d.id: (private_dir / "documents" / d.storage_name).read_bytes() for d in docs}
    assert all(hashlib.sha256(data).hexdigest() == d.sha256 for d, data in zip(docs, contents.values()))
    for doc in docs:
        for path in _paths(doc):
            status, body = _get(app_url + path)
            assert status in (403, 404), (path, status)
            assert contents[doc.id] not in body
    # as a signed-in parent (the session lives in the page's storage: URLs get nothing more)
    sign_in(page, app_url, "parent1", "parent1pass", "/children")
    for doc in docs:
        for path in _paths(doc):
            response = page.request.get(app_url + path)
            assert response.status in (403, 404), (path, response.status)
            assert contents[doc.id] not in response.body()
    # the private folder is outside everything served, and no served folder holds a copy
    served = [ROOT / "assets", ROOT / ".web" / "build", ROOT / ".web" / "public", ROOT / "uploaded_files"]
    assert not any(private_dir.resolve().is_relative_to(s.resolve()) for s in served)
    digests = {d.sha256 for d in docs}
    for folder in served:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file() and path.stat().st_size < documents.MAX_SIZE:
                assert hashlib.sha256(path.read_bytes()).hexdigest() not in digests, path


@pytest.mark.parametrize("actor", ["anonymous", "teacher"])
def test_upload_endpoint_refuses_everyone_but_parents(actor, app_url, world, private_dir):
    from mrko_app.state.apply import ApplyState

    async def hydrated_token() -> str:
        async with EventClient(app_url, world["tokens"][actor], "/children/apply") as client:
            return client.client_token

    client_token = run_async(hydrated_token())
    before = sorted(p.name for p in (private_dir / "documents").iterdir())
    boundary = "----mrkoattack"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + png_bytes(b"\x09\x09\x09") + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{app_url}/_upload", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Reflex-Client-Token": client_token,
        "Reflex-Event-Handler": f"{ApplyState.get_full_name()}.upload_identity",
    })
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = response.read().decode()
    except urllib.error.HTTPError as error:
        answer = error.read().decode()
    assert sorted(p.name for p in (private_dir / "documents").iterdir()) == before
    assert '"attached_rx_state_": {"identity"' not in answer
