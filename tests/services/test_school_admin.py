"""School administration services: the department creates a school and its first staff member, set-up
links, the rules with their preview computed by the gradebook, and the audit log of every change."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import select

from mrko_app.models import AuditEntry, FinalMark, Mark, OutboxMessage, StudyPeriod, UserRole, WorkKind
from mrko_app.models.base import utcnow
from mrko_app.services import school_admin as sa
from mrko_app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from tests.services.access_world import make_user, make_world

PERSON = {"surname": "Орлова", "first_name": "Наталья", "patronymic": "", "contact": "orlova@example.org"}
ACCOUNT = {"login": "orlova", "password": "secret123", "password_confirm": "secret123", "phone": "+79161234567",
           "security_question": "first_teacher", "security_answer": "Мария"}


def _token(db, recipient: str) -> str:
    body = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == recipient)
                   .order_by(OutboxMessage.id.desc())).first().body
    url = next(word for word in body.split() if "/setup?token=" in word)
    return parse_qs(urlparse(url).query)["token"][0]


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def dept(db):
    return make_user(db, "dept", ("department", None))


def test_department_creates_a_school_whose_first_staff_member_sets_up_the_account(db, world, dept):
    school, invite = sa.create_school(db, dept, {"name": "Школа № 7", "short_name": "Ш7", **PERSON})
    assert [k.code for k in db.exec(select(WorkKind).where(WorkKind.school_id == school.id))][:2] == \
        ["answer", "homework"]
    token = _token(db, "orlova@example.org")
    assert sa.find_invite(db, token).id == invite.id
    user = sa.accept_new(db, token, ACCOUNT)
    assert user.is_active and user.email == "orlova@example.org" and user.surname == "Орлова"
    assert sa.school_for_staff(db, user, school.id).id == school.id
    assert sa.find_invite(db, token) is None  # once only
    with pytest.raises(ServiceError, match="school_admin.link_invalid"):
        sa.accept_new(db, token, {**ACCOUNT, "login": "other"})
    actions = [e.action for e, _ in sa.search(db, user, school.id)]
    assert actions == ["invite.accept", "invite.create", "school.create"]
    # the new staff member sees only their school
    with pytest.raises(PermissionDenied):
        sa.read_rules(db, user, world.school.id)


def test_only_the_department_creates_schools_and_bad_input_writes_nothing(db, world, dept):
    for who in (world.staff, world.teacher, world.parent, None):
        with pytest.raises(PermissionDenied):
            sa.create_school(db, who, {"name": "X", **PERSON})
    with pytest.raises(ValidationError) as exc:
        sa.create_school(db, dept, {"name": "School 1", "surname": "", "first_name": "A", "contact": "nope"})
    assert exc.value.fields == {"name": "school_admin.name_taken", "surname": "error.required",
                                "contact": "school_admin.contact_invalid"}
    assert db.exec(select(AuditEntry)).all() == []


def test_a_teacher_of_another_school_accepts_with_the_account_they_have(db, world):
    sa.invite(db, world.other_staff, world.other_school.id, {**PERSON, "contact": world.teacher.email}, ["teacher"])
    token = _token(db, world.teacher.email)
    sa.accept_signed_in(db, world.teacher, token)
    schools = {r.school_id for r in db.exec(select(UserRole).where(UserRole.user_id == world.teacher.id,
                                                                   UserRole.role == "teacher"))}
    assert schools == {world.school.id, world.other_school.id}


def test_invites_by_phone_need_roles_and_stay_in_their_school(db, world):
    with pytest.raises(ValidationError) as exc:
        sa.invite(db, world.staff, world.school.id, {**PERSON, "contact": "8 916 765-43-21"}, [])
    assert exc.value.fields == {"roles": "school_admin.roles_required"}
    invite = sa.invite(db, world.staff, world.school.id, {**PERSON, "contact": "8 916 765-43-21"},
                       ["teacher", "psychologist"])
    assert invite.channel == "sms" and invite.contact == "+79167654321"
    for who in (world.other_staff, world.teacher, world.parent):
        with pytest.raises(PermissionDenied):
            sa.invite(db, who, world.school.id, PERSON, ["teacher"])
        with pytest.raises(PermissionDenied):
            sa.school_invites(db, who, world.school.id)
    with pytest.raises(NotFound):
        sa.revoke_invite(db, world.other_staff, world.other_school.id, invite.id)
    sa.revoke_invite(db, world.staff, world.school.id, invite.id)
    assert sa.invite_status(invite) == "revoked"
    invite.expires_at = utcnow() - timedelta(seconds=1)
    assert sa.find_invite(db, "x" * 300) is None


def _rules_form(**changes):
    form = {"mark_min": "2", "mark_max": "5", "thresholds": "5: 4.60; 4: 3.60; 3: 2.60",
            "period_system": "quarters", "year_rule": "thresholds", "timezone": "", "bells": ""}
    return {**form, **changes}


def _marks(db, world, values, day=date(2025, 10, 1)):
    kind = WorkKind(school_id=world.school.id, code="answer", name_en="Answer", name_ru="Ответ", weight=1)
    db.add(kind)
    period = StudyPeriod(year_id=world.class_5a.year_id, number=1, start_date=date(2025, 9, 1),
                         end_date=date(2025, 10, 24))
    db.add(period)
    from mrko_app.models import Subject

    subject = Subject(school_id=world.school.id, name_en="Maths", name_ru="Математика")
    db.add(subject)
    db.flush()
    for value in values:
        db.add(Mark(student_id=world.masha.id, subject_id=subject.id, date=day, value=value, work_kind_id=kind.id,
                    weight=1, teacher_id=world.teacher.id))
    db.flush()
    return subject, period


def test_the_preview_says_which_classes_proposals_change_and_saving_records_before_and_after(db, world):
    _marks(db, world, [5, 4, 5, 4, 5])  # average 4.60: proposes 5 at 4.60, 4 at 4.65
    same = sa.preview(db, world.staff, world.school.id, _rules_form())
    assert same.classes == [] and same.before == {} and same.after == {}
    impact = sa.preview(db, world.staff, world.school.id, _rules_form(thresholds="5: 4.65; 4: 3.60; 3: 2.60"))
    assert impact.classes == ["5А"] and impact.proposals == 1
    assert impact.before == {"thresholds": {"5": 4.6, "4": 3.6, "3": 2.6}}
    assert world.school.thresholds["5"] == 4.6  # a preview writes nothing
    sa.save_rules(db, world.staff, world.school.id, _rules_form(thresholds="5: 4.65; 4: 3.60; 3: 2.60",
                                                                 bells="1. 08:30-09:15\n2) 9:25-10:10"))
    assert world.school.thresholds["5"] == 4.65 and world.school.bells == {"1": ["08:30", "09:15"],
                                                                           "2": ["09:25", "10:10"]}
    [(entry, actor)] = sa.search(db, world.staff, world.school.id, "4.65")
    assert entry.action == "rules.save" and actor.id == world.staff.id
    assert entry.after["thresholds"]["5"] == 4.65 and entry.before["bells"] == {}
    assert sa.search(db, world.staff, world.school.id, "nothing like it") == []
    with pytest.raises(PermissionDenied):
        sa.search(db, world.other_staff, world.school.id)


def test_year_rule_changes_are_counted_from_the_confirmed_period_marks(db, world):
    subject, period = _marks(db, world, [])
    for number, value in ((1, 5), (2, 5), (3, 4), (4, 4)):
        p = period if number == 1 else StudyPeriod(year_id=world.class_5a.year_id, number=number,
                                                    start_date=date(2026, number, 1), end_date=date(2026, number, 20))
        db.add(p)
        db.flush()
        db.add(FinalMark(student_id=world.masha.id, subject_id=subject.id, year_id=world.class_5a.year_id,
                         period_id=p.id, value=value, proposed=value, confirmed_by=world.teacher.id))
    db.flush()
    impact = sa.preview(db, world.staff, world.school.id, _rules_form(year_rule="round"))  # 4.5: 4 -> 5
    assert impact.year_proposals == 1 and impact.classes == ["5А"]


def test_bad_rules_are_refused_beside_each_field(db, world):
    _marks(db, world, [2, 3])
    with pytest.raises(ValidationError) as exc:
        sa.save_rules(db, world.staff, world.school.id, _rules_form(
            mark_min="x", period_system="decades", year_rule="?", timezone="Mars/Olympus", bells="9:00-8:00"))
    assert exc.value.fields == {"mark_min": "school_admin.whole_number", "period_system": "error.invalid",
                                "year_rule": "error.invalid", "timezone": "school_admin.timezone_unknown",
                                "bells": "school_admin.bells_order"}
    with pytest.raises(ValidationError) as exc:
        sa.preview(db, world.staff, world.school.id, _rules_form(thresholds="5: 4.6; 4: 4.8; 3: 2.6"))
    assert exc.value.fields == {"thresholds": "grading.thresholds_order"}
    with pytest.raises(ValidationError) as exc:  # the 2s of this year would fall off a 3..5 scale
        sa.preview(db, world.staff, world.school.id, _rules_form(mark_min="3", thresholds="5: 4.6; 4: 3.6"))
    assert exc.value.fields == {"mark_min": "school_admin.marks_outside_scale"} and exc.value.params == {"count": 1}
    assert db.exec(select(AuditEntry)).all() == []


def test_kinds_of_work_change_with_an_audit_entry(db, world):
    kind = sa.save_kind(db, world.staff, world.school.id, None, {"name_en": "Project", "name_ru": "Проект",
                                                                 "weight": "3"})
    sa.save_kind(db, world.staff, world.school.id, kind.id, {"name_en": "Project", "name_ru": "Проект",
                                                             "weight": "4"})
    assert kind.weight == 4
    entry, _ = sa.search(db, world.staff, world.school.id, "kind")[0]
    assert (entry.before, entry.after) == ({"weight": 3}, {"weight": 4})
    with pytest.raises(ValidationError) as exc:
        sa.save_kind(db, world.staff, world.school.id, kind.id, {"name_en": "", "name_ru": "П", "weight": "0"})
    assert exc.value.fields == {"name_en": "error.required", "weight": "school_admin.weight_range"}
    with pytest.raises(NotFound):
        sa.save_kind(db, world.other_staff, world.other_school.id, kind.id, {"name_en": "a", "name_ru": "б",
                                                                             "weight": "1"})
