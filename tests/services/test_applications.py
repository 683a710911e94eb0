"""Applications: validation, documents, due dates over weekends, overdue, approve/reject rules."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from mrko_app.i18n import has
from mrko_app.models import AccessApplication, AccessCode, ApplicationDocument, OutboxMessage
from mrko_app.services.access import applications, documents, roster
from mrko_app.services.access import codes as access_codes
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services.access_world import make_world
from tests.services.test_documents import JPEG, PDF, PNG

MONDAY = datetime(2026, 2, 2, 9, 30)
THURSDAY = datetime(2026, 2, 5, 18, 0)
FRIDAY = datetime(2026, 2, 6, 12, 0)
SATURDAY = datetime(2026, 2, 7, 12, 0)


@pytest.fixture
def world(db, tmp_path, monkeypatch):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path / "private"))
    return make_world(db)


def form(world, **changes) -> dict:
    values = {"school_id": str(world.school.id), "surname": "Иванова", "first_name": "Мария",
              "patronymic": "Петровна", "birth_date": "2014-03-08", "class_name": "5 а", "relation": "parent"}
    values.update(changes)
    return values


def files() -> dict:
    return {
        "application": documents.store(PDF, "заявление.pdf").as_dict(),
        "birth_certificate": documents.store(JPEG, "birth.jpg").as_dict(),
        "identity": documents.store(PNG, "passport.png").as_dict(),
    }


def keys(exc: ValidationError) -> dict[str, str]:
    assert all(has(k) for k in exc.fields.values()), exc.fields
    return exc.fields


@pytest.mark.parametrize("start, due", [
    (date(2026, 2, 2), date(2026, 2, 5)),   # Monday -> Thursday
    (date(2026, 2, 5), date(2026, 2, 10)),  # Thursday -> Tuesday, over the weekend
    (date(2026, 2, 6), date(2026, 2, 11)),  # Friday -> Wednesday
    (date(2026, 2, 7), date(2026, 2, 11)),  # Saturday -> Wednesday
    (date(2026, 2, 8), date(2026, 2, 11)),  # Sunday -> Wednesday
])
def test_due_date_counts_working_days(start, due):
    assert applications.add_working_days(start) == due


def test_submit_stores_the_application_and_its_documents(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=THURSDAY)
    stored = db.get(AccessApplication, app.id)
    assert (stored.child_surname, stored.child_first_name, stored.child_patronymic) == ("Иванова", "Мария", "Петровна")
    assert stored.child_birth_date == date(2014, 3, 8) and stored.class_name == "5А"
    assert stored.status == "submitted" and stored.due_date == date(2026, 2, 10)
    docs = db.exec(select(ApplicationDocument).where(ApplicationDocument.application_id == app.id)).all()
    assert sorted(d.kind for d in docs) == ["application", "birth_certificate", "identity"]
    by_kind = {d.kind: d for d in docs}
    assert by_kind["identity"].content_type == "image/png"
    assert documents.read(by_kind["application"].storage_name) == PDF
    assert [a.id for a in applications.parent_applications(db, world.parent)] == [app.id]
    assert applications.parent_applications(db, world.parent2) == []


@pytest.mark.parametrize("changes, field, key", [
    ({"surname": ""}, "surname", "error.required"),
    ({"first_name": "Мария1"}, "first_name", "access.app_name_invalid"),
    ({"surname": "<script>"}, "surname", "access.app_name_invalid"),
    ({"birth_date": ""}, "birth_date", "error.required"),
    ({"birth_date": "08.03.2014"}, "birth_date", "access.app_birth_invalid"),
    ({"birth_date": "2030-01-01"}, "birth_date", "access.app_birth_invalid"),
    ({"birth_date": "1950-01-01"}, "birth_date", "access.app_birth_invalid"),
    ({"class_name": "42Z"}, "class_name", "access.app_class_invalid"),
    ({"class_name": ""}, "class_name", "error.required"),
    ({"relation": "uncle"}, "relation", "error.required"),
    ({"school_id": "999999"}, "school_id", "access.app_school_unknown"),
    ({"school_id": {"id": 1}}, "school_id", "error.required"),
    ({"surname": ["Иванова"]}, "surname", "error.required"),
])
def test_submit_validation(db, world, changes, field, key):
    with pytest.raises(ValidationError) as exc:
        applications.submit(db, world.parent, form(world, **changes), files(), now=MONDAY)
    assert keys(exc.value)[field] == key
    assert db.exec(select(AccessApplication)).all() == []


def test_every_document_is_required(db, world):
    given = files()
    del given["identity"]
    given["application"] = {"storage_name": "../../etc/passwd"}
    with pytest.raises(ValidationError) as exc:
        applications.submit(db, world.parent, form(world), given, now=MONDAY)
    assert keys(exc.value) == {"doc_identity": "access.doc_missing", "doc_application": "access.doc_missing"}


def test_only_parents_apply_and_duplicates_are_refused(db, world):
    for outsider in (world.teacher, world.staff, None):
        with pytest.raises(PermissionDenied):
            applications.submit(db, outsider, form(world), files(), now=MONDAY)
    applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    with pytest.raises(ValidationError) as exc:
        applications.submit(db, world.parent, form(world, surname="ИВАНОВА"), files(), now=MONDAY)
    assert keys(exc.value) == {"form": "access.app_duplicate"}
    # another parent may apply for the same child
    applications.submit(db, world.parent2, form(world), files(), now=MONDAY)


def test_overdue_flag(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=FRIDAY)
    assert app.due_date == date(2026, 2, 11)
    assert not applications.is_overdue(app, date(2026, 2, 11))
    assert applications.is_overdue(app, date(2026, 2, 12))
    applications.reject(db, world.staff, app.id, "documents", now=MONDAY)
    assert not applications.is_overdue(app, date(2026, 2, 12))


def test_queue_shows_only_own_school_most_urgent_first(db, world):
    late = applications.submit(db, world.parent, form(world), files(), now=FRIDAY)
    early = applications.submit(db, world.parent2, form(world), files(), now=MONDAY)
    elsewhere = applications.submit(db, world.parent, form(world, school_id=str(world.other_school.id),
                                                           surname="Сидоров", first_name="Олег"), files(), now=MONDAY)
    assert [a.id for a in applications.queue(db, world.staff)] == [early.id, late.id]
    assert [a.id for a in applications.queue(db, world.other_staff)] == [elsewhere.id]
    for outsider in (world.parent, world.teacher, None):
        with pytest.raises(PermissionDenied):
            applications.queue(db, outsider)
    docs = applications.documents_of(db, [early.id, late.id])
    assert {len(v) for v in docs.values()} == {3}


def test_documents_only_for_the_staff_of_that_school(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    doc = db.exec(select(ApplicationDocument).where(ApplicationDocument.application_id == app.id,
                                                    ApplicationDocument.kind == "identity")).one()
    got, data = applications.document_for_staff(db, world.staff, doc.id)
    assert got.id == doc.id and data == PNG
    with pytest.raises(PermissionDenied):
        applications.document_for_staff(db, world.other_staff, doc.id)
    for outsider in (world.parent, world.teacher, None):
        with pytest.raises(PermissionDenied):
            applications.document_for_staff(db, outsider, doc.id)
    for bad in ("../x", -5, 2**70, {"id": doc.id}, None):
        with pytest.raises(NotFound):
            applications.document_for_staff(db, world.staff, bad)


def test_suggestions_rank_name_birth_date_and_class(db, world):
    app = applications.submit(db, world.parent, form(world, class_name="5A"), files(), now=MONDAY)  # Latin A
    found = applications.suggest_students(db, world.staff, app.id)
    assert found[0].student.id == world.masha.id and found[0].score == 4
    assert world.stranger.id not in [c.student.id for c in found]
    with pytest.raises(PermissionDenied):
        applications.suggest_students(db, world.other_staff, app.id)


def test_approve_issues_a_code_for_the_picked_student(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    with pytest.raises(ValidationError) as exc:
        applications.approve(db, world.staff, app.id, world.stranger.id, now=MONDAY)
    assert keys(exc.value) == {"student": "access.app_pick_student"}
    for bad in ("", None, "abc", {"x": 1}, -1, 10**20):
        with pytest.raises(ValidationError):
            applications.approve(db, world.staff, app.id, bad, now=MONDAY)
    with pytest.raises(PermissionDenied):
        applications.approve(db, world.other_staff, app.id, world.masha.id, now=MONDAY)
    for outsider in (world.parent, world.teacher):
        with pytest.raises(PermissionDenied):
            applications.approve(db, outsider, app.id, world.masha.id, now=MONDAY)
    assert db.get(AccessApplication, app.id).status == "submitted"
    approved, code, plain = applications.approve(db, world.staff, app.id, world.masha.id, now=MONDAY)
    assert (approved.status, approved.student_id, approved.decided_by) == ("approved", world.masha.id, world.staff.id)
    assert code.application_id == app.id and code.student_id == world.masha.id
    assert access_codes.check_code(db, world.parent, plain, now=MONDAY)["student_name"] == world.masha.full_name
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == world.parent.email)).one()
    assert mail.subject == "Доступ к дневнику одобрен" and "Иванова Мария" in mail.body and "School 1" in mail.body
    assert plain not in mail.body  # the code is handed over in person only
    # the code from an application is for its applicant
    with pytest.raises(ValidationError) as other:
        access_codes.check_code(db, world.parent2, plain, now=MONDAY)
    assert keys(other.value) == {"code": "access.code_other_parent"}
    # decided once
    with pytest.raises(ValidationError) as again:
        applications.reject(db, world.staff, app.id, "documents", now=MONDAY)
    assert keys(again.value) == {"form": "access.app_already_decided"}


def test_reissue_revokes_the_old_code(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    _a, first, first_plain = applications.approve(db, world.staff, app.id, world.masha.id, now=MONDAY)
    second, second_plain = applications.reissue(db, world.staff, app.id, now=MONDAY)
    assert db.get(AccessCode, first.id).revoked is True and second.revoked is False
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent, first_plain, "Маша", now=MONDAY)
    assert keys(exc.value) == {"code": "access.code_revoked"}
    assert access_codes.redeem_code(db, world.parent, second_plain, "Маша", now=MONDAY).student_id == world.masha.id
    with pytest.raises(PermissionDenied):
        applications.reissue(db, world.other_staff, app.id, now=MONDAY)


def test_approving_a_student_who_left_is_refused(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    roster.set_student_status(db, world.staff, world.masha.id, "left", MONDAY.date())
    with pytest.raises(ValidationError) as exc:
        applications.approve(db, world.staff, app.id, world.masha.id, now=MONDAY)
    assert keys(exc.value) == {"student": "access.student_not_studying"}


def test_reject_needs_a_listed_reason_and_text_for_other(db, world):
    app = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    for reason in ("", "because", None, {"r": 1}):
        with pytest.raises(ValidationError) as exc:
            applications.reject(db, world.staff, app.id, reason, now=MONDAY)
        assert keys(exc.value) == {"reason": "access.app_pick_reason"}
    with pytest.raises(ValidationError) as exc:
        applications.reject(db, world.staff, app.id, "other", "   ", now=MONDAY)
    assert keys(exc.value) == {"reject_text": "error.required"}
    with pytest.raises(ValidationError):
        applications.reject(db, world.staff, app.id, "other", "x" * 501, now=MONDAY)
    with pytest.raises(PermissionDenied):
        applications.reject(db, world.other_staff, app.id, "other_school", now=MONDAY)
    rejected = applications.reject(db, world.staff, app.id, "other", "  Нет   подписи ", now=MONDAY)
    assert (rejected.status, rejected.reject_reason, rejected.reject_text) == ("rejected", "other", "Нет подписи")
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == world.parent.email)).one()
    assert mail.subject == "Заявка на доступ отклонена" and "Причина: Другое. Нет подписи" in mail.body
    assert db.exec(select(AccessCode)).all() == []
    # the parent sees it and may apply again
    assert applications.parent_applications(db, world.parent)[0].reject_reason == "other"
    again = applications.submit(db, world.parent, form(world), files(), now=MONDAY)
    assert again.id != app.id and again.status == "submitted"
    assert has(f"access.reason.{rejected.reject_reason}")


def test_applying_again_starts_from_the_parent_s_own_earlier_details(db, world):
    app = applications.submit(db, world.parent, form(world, relation="representative"), files(), now=MONDAY)
    applications.reject(db, world.staff, app.id, "documents", now=MONDAY)
    details = applications.details_to_apply_again(db, world.parent, app.id)
    assert details == {"school_id": str(world.school.id), "surname": "Иванова", "first_name": "Мария",
                       "patronymic": "Петровна", "birth_date": "2014-03-08", "class_name": "5А",
                       "relation": "representative"}
    assert set(details) == set(applications.APPLICATION_FIELDS)
    again = applications.submit(db, world.parent, details, files(), now=MONDAY)  # the details submit as they are
    assert again.id != app.id
    for who, app_id in ((world.parent2, app.id), (world.parent, "x"), (world.parent, -1), (world.parent, None)):
        with pytest.raises(NotFound):
            applications.details_to_apply_again(db, who, app_id)
    with pytest.raises(PermissionDenied):
        applications.details_to_apply_again(db, world.staff, app.id)
