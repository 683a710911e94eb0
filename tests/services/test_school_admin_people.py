"""School administration: the year and its periods, subjects, classes, teaching assignments, students
with their dated history, the timetable (double bookings refused) and a lesson cancelled for a date."""

from datetime import date

import pytest
from sqlmodel import select

from mrko_app.models import AccessCode, AuditEntry, Lesson, StudentMove, TeachingAssignment
from mrko_app.services import school_admin as sa
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services.access_world import make_user, make_world


@pytest.fixture
def world(db):
    w = make_world(db)
    w.school.bells = {"1": ["08:30", "09:15"], "2": ["09:25", "10:10"]}
    db.add(w.school)
    db.flush()
    return w


def _year(db, world):
    year = sa.create_year(db, world.staff, world.school.id, {"name": "2026/2027", "start_date": "01.09.2026",
                                                              "end_date": "2027-05-31"})
    sa.save_periods(db, world.staff, world.school.id, year.id, "01.09.2026-24.10.2026\n05.11.2026-27.12.2026\n"
                    "12.01.2027-20.03.2027\n30.03.2027-31.05.2027")
    return year


def test_the_year_its_periods_and_holidays(db, world):
    year = _year(db, world)
    view = sa.year_view(db, world.staff, world.school.id, year.id)
    assert [p.number for p in view["periods"]] == [1, 2, 3, 4] and view["count"] == 4
    with pytest.raises(ValidationError) as exc:
        sa.save_periods(db, world.staff, world.school.id, year.id, "01.09.2026-24.10.2026")
    assert exc.value.fields == {"periods": "school_admin.periods_count"} and exc.value.params == {"count": 4}
    with pytest.raises(ValidationError) as exc:
        sa.save_periods(db, world.staff, world.school.id, year.id, "01.09.2026-24.10.2026\n01.10.2026-27.12.2026\n"
                        "12.01.2027-20.03.2027\n30.03.2027-31.05.2027")
    assert exc.value.fields == {"periods": "school_admin.periods_order"}
    holiday = sa.add_holiday(db, world.staff, world.school.id, year.id,
                             {"start_date": "23.02.2027", "end_date": "23.02.2027", "name_ru": "23 февраля"})
    with pytest.raises(ValidationError):
        sa.add_holiday(db, world.staff, world.school.id, year.id, {"start_date": "01.06.2027", "end_date": "x"})
    with pytest.raises(ValidationError) as exc:
        sa.create_year(db, world.staff, world.school.id, {"name": "2026/2027", "start_date": "01.09.2026",
                                                          "end_date": "01.01.2026"})
    assert exc.value.fields == {"name": "school_admin.year_taken", "end_date": "school_admin.dates_order"}
    for who in (world.other_staff, world.teacher, world.parent):
        with pytest.raises((PermissionDenied, NotFound)):
            sa.remove_holiday(db, who, world.school.id, holiday.id)
        with pytest.raises(NotFound):
            sa.remove_holiday(db, world.other_staff, world.other_school.id, holiday.id)
    sa.remove_holiday(db, world.staff, world.school.id, holiday.id)
    actions = [e.action for e, _ in sa.search(db, world.staff, world.school.id)]
    assert actions[:3] == ["year.holiday_remove", "year.holiday_add", "year.periods"]


def test_classes_students_and_their_history(db, world):
    year = _year(db, world)
    maths = sa.add_subject(db, world.staff, world.school.id, {"name_en": "Maths", "name_ru": "Математика"})
    with pytest.raises(ValidationError) as exc:
        sa.add_subject(db, world.staff, world.school.id, {"name_en": "maths", "name_ru": ""})
    assert exc.value.fields == {"name_en": "school_admin.subject_taken", "name_ru": "error.required"}
    c5 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "5 а", "class_teacher_id": world.teacher.id})
    assert (c5.name, c5.grade, c5.letter, c5.class_teacher_id) == ("5А", 5, "А", world.teacher.id)
    c6 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "6А"})
    with pytest.raises(ValidationError) as exc:
        sa.add_class(db, world.staff, world.school.id, year.id, {"name": "5А", "class_teacher_id": world.parent.id})
    assert exc.value.fields == {"class_teacher_id": "school_admin.teacher_unknown", "name": "school_admin.class_taken"}
    sa.assign(db, world.staff, world.school.id, c5.id, {"subject_id": maths.id, "teacher_id": world.teacher.id,
                                                       "start_date": "01.09.2026"})
    assert access.require_journal_access(db, world.teacher, c5.id, maths.id).id == c5.id
    kid = sa.enrol(db, world.staff, world.school.id, c5.id, {"surname": "Котова", "first_name": "Вера",
                                                            "birth_date": "12.03.2015", "on": "01.09.2026"})
    with pytest.raises(ValidationError) as exc:
        sa.enrol(db, world.staff, world.school.id, c5.id, {"surname": "К0това", "first_name": "",
                                                          "birth_date": "31.02.2015"})
    assert set(exc.value.fields) == {"surname", "first_name", "birth_date"}
    sa.transfer(db, world.staff, world.school.id, kid.id, c6.id, "10.11.2026")
    code, _plain = access_codes.issue_code(db, world.staff, kid.id)
    sa.set_status(db, world.staff, world.school.id, kid.id, "left", "20.12.2026")
    assert kid.status == "left" and kid.left_on == date(2026, 12, 20)
    assert db.get(AccessCode, code.id).revoked  # the parents' access ends as the roster rules say
    assert [(m["kind"], m["on"], m["from"], m["to"]) for m in sa.history(db, world.staff, world.school.id, kid.id)] \
        == [("enrol", "01.09.2026", "", "5А"), ("transfer", "10.11.2026", "5А", "6А"),
            ("leave", "20.12.2026", "6А", "")]
    with pytest.raises(ValidationError):
        sa.transfer(db, world.staff, world.school.id, kid.id, c5.id)
    for who in (world.other_staff, world.teacher, world.parent):
        with pytest.raises(PermissionDenied):
            sa.enrol(db, who, world.school.id, c5.id, {"surname": "Икс", "first_name": "Ы", "birth_date": "01.01.2015"})
    with pytest.raises(NotFound):  # another school's class through one's own school
        sa.enrol(db, world.other_staff, world.other_school.id, c5.id,
                 {"surname": "Икс", "first_name": "Ы", "birth_date": "01.01.2015"})
    with pytest.raises(NotFound):
        sa.set_status(db, world.other_staff, world.other_school.id, world.masha.id, "left")
    assert db.exec(select(StudentMove).where(StudentMove.student_id == world.masha.id)).all() == []


def test_the_timetable_refuses_double_bookings_and_writes_the_lessons(db, world):
    year = _year(db, world)
    maths = sa.add_subject(db, world.staff, world.school.id, {"name_en": "Maths", "name_ru": "Математика"})
    c5 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "5А"})
    c6 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "6А"})
    slot = {"weekday": "0", "lesson_number": "1", "subject_id": str(maths.id), "teacher_id": str(world.teacher.id),
            "room": "204", "valid_from": "", "valid_to": ""}
    made = sa.save_slot(db, world.staff, world.school.id, c5.id, slot)
    lessons = db.exec(select(Lesson).where(Lesson.slot_id == made.id)).all()
    assert lessons and all(x.date.weekday() == 0 for x in lessons)
    assert date(2026, 10, 26) not in {x.date for x in lessons}  # autumn holidays: between periods
    assert db.exec(select(TeachingAssignment).where(TeachingAssignment.class_id == c5.id)).first() is not None
    with pytest.raises(ValidationError) as exc:  # the same teacher at the same time in another class
        sa.save_slot(db, world.staff, world.school.id, c6.id, {**slot, "room": "301"})
    assert exc.value.fields == {"teacher_id": "school_admin.teacher_busy"}
    assert exc.value.params["class_name"] == "5А" and exc.value.params["lesson"] == 1
    other_teacher = make_user(db, "teacher_c", ("teacher", world.school.id))
    with pytest.raises(ValidationError) as exc:  # the same room
        sa.save_slot(db, world.staff, world.school.id, c6.id, {**slot, "teacher_id": str(other_teacher.id)})
    assert exc.value.fields == {"room": "school_admin.room_busy"}
    with pytest.raises(ValidationError) as exc:
        sa.save_slot(db, world.staff, world.school.id, c6.id, {**slot, "lesson_number": "7"})
    assert exc.value.fields == {"lesson_number": "school_admin.no_bell"}
    # a later slot of the same teacher that does not overlap in dates is fine
    sa.save_slot(db, world.staff, world.school.id, c6.id, {**slot, "lesson_number": "2", "room": ""})
    monday = lessons[3]
    changed = sa.change_lesson(db, world.staff, world.school.id, c5.id, {
        "date": monday.date.isoformat(), "lesson_number": "1", "action": "cancel"})
    assert changed.cancelled
    sa.change_lesson(db, world.staff, world.school.id, c5.id, {"date": monday.date.isoformat(), "lesson_number": "1",
                                                               "action": "substitute",
                                                               "substitute_teacher_id": str(other_teacher.id)})
    assert (changed.cancelled, changed.substitute_teacher_id) == (False, other_teacher.id)
    with pytest.raises(ValidationError) as exc:
        sa.change_lesson(db, world.staff, world.school.id, c5.id, {"date": "2026-09-02", "lesson_number": "1",
                                                                   "action": "cancel"})
    assert exc.value.fields == {"lesson": "school_admin.no_lesson"}
    with pytest.raises(PermissionDenied):
        sa.change_lesson(db, world.other_staff, world.school.id, c5.id, {"date": monday.date.isoformat(),
                                                                         "lesson_number": "1", "action": "cancel"})
    sa.end_slot(db, world.staff, world.school.id, made.id)
    assert db.exec(select(Lesson).where(Lesson.class_id == c5.id)).all() == []
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "lesson.cancel")).first() is not None


def _xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_roster_imports_all_rows_or_none_and_exports_the_same_columns(db, world):
    _year(db, world)
    rows = [["Класс", "Фамилия", "Имя", "Отчество", "Дата рождения"]]
    rows += [["5А" if i % 2 else "5Б", f"Ученик{chr(0x430 + i % 30)}{chr(0x430 + i // 30)}", "Иван", "", "01.02.2015"]
             for i in range(50)]
    rows[7][4] = "31.02.2015"  # one bad row: row 8 of the file
    table = sa.read_table("roster.xlsx", _xlsx(rows))
    checked = sa.check_roster(db, world.staff, world.school.id, table)
    assert [r["row"] for r in checked if r["errors"]] == [8] and checked[6]["errors"] == {
        "birth_date": "school_admin.date_invalid"}
    with pytest.raises(ValidationError) as exc:
        sa.import_roster(db, world.staff, world.school.id, table)
    assert exc.value.params == {"rows": "8"}
    rows[7][4] = "28.02.2015"
    assert sa.import_roster(db, world.staff, world.school.id, sa.read_table("r.xlsx", _xlsx(rows))) == 50
    exported = sa.roster_rows(db, world.staff, world.school.id)
    assert len(exported) == 51 and exported[0] == ["class", "surname", "first_name", "patronymic", "birth_date"]
    csv_bytes = sa.export(exported, "csv", "roster")
    assert csv_bytes.startswith("\ufeff".encode()) and len(sa.read_table("x.csv", csv_bytes)) == 51
    with pytest.raises(ValidationError) as exc:
        sa.check_roster(db, world.staff, world.school.id, sa.read_table("x.csv", "surname;first_name\nА;Б\n".encode()))
    assert exc.value.fields == {"file": "school_admin.file_columns"}
    with pytest.raises(ValidationError):
        sa.read_table("x.xlsx", b"PK not a zip")
    with pytest.raises(PermissionDenied):
        sa.import_roster(db, world.other_staff, world.school.id, table)


def test_teachers_import_sends_every_link_or_none(db, world):
    rows = [["surname", "first_name", "patronymic", "contact", "roles"],
            ["Громов", "Пётр", "", "gromov@example.org", "teacher"],
            ["Лис", "Анна", "", "+7 916 000-11-22", "учитель, психолог"]]
    assert len(sa.check_teachers(db, world.staff, world.school.id, rows)) == 2
    bad = rows + [["Икс", "", "", "nope", "king"]]
    checked = sa.check_teachers(db, world.staff, world.school.id, bad)
    assert set(checked[2]["errors"]) == {"first_name", "contact", "roles"}
    with pytest.raises(ValidationError):
        sa.import_teachers(db, world.staff, world.school.id, bad)
    assert sa.school_invites(db, world.staff, world.school.id) == []
    assert sa.import_teachers(db, world.staff, world.school.id, rows) == 2
    assert sorted(i.roles for i in sa.school_invites(db, world.staff, world.school.id)) == [
        ["teacher"], ["teacher", "psychologist"]]


def test_year_end_promotion_moves_classes_and_graduates_the_last_grade(db, world):
    year = _year(db, world)
    c5 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "5А", "class_teacher_id": world.teacher.id})
    c9 = sa.add_class(db, world.staff, world.school.id, year.id, {"name": "9А"})
    kid = sa.enrol(db, world.staff, world.school.id, c5.id, {"surname": "Котова", "first_name": "Вера",
                                                            "birth_date": "12.03.2015"})
    old = sa.enrol(db, world.staff, world.school.id, c9.id, {"surname": "Котов", "first_name": "Лев",
                                                            "birth_date": "12.03.2011"})
    nxt = sa.create_year(db, world.staff, world.school.id, {"name": "2027/2028", "start_date": "01.09.2027",
                                                             "end_date": "31.05.2028"})
    plan = sa.preview_promotion(db, world.staff, world.school.id, year.id, nxt.id, "9")
    assert plan == [{"from": "5А", "to": "6А", "students": 1}, {"from": "9А", "to": "", "students": 1}]
    assert kid.class_id == c5.id  # a preview moves nobody
    with pytest.raises(ValidationError):
        sa.promote(db, world.staff, world.school.id, nxt.id, year.id)
    with pytest.raises(PermissionDenied):
        sa.promote(db, world.other_staff, world.school.id, year.id, nxt.id, "9")
    maths = sa.add_subject(db, world.staff, world.school.id, {"name_en": "Maths", "name_ru": "Математика"})
    sa.save_slot(db, world.staff, world.school.id, c5.id, {"weekday": "2", "lesson_number": "1", "subject_id": maths.id,
                                                          "teacher_id": world.teacher.id, "room": "5"})
    sa.promote(db, world.staff, world.school.id, year.id, nxt.id, "9", copy_timetable=True)
    _y, classes = sa.year_classes(db, world.staff, world.school.id, nxt.id)
    [copied] = sa.class_slots(db, world.staff, world.school.id, classes[0].id)[1]
    assert (copied.weekday, copied.room, copied.valid_from, copied.valid_to) == (2, "5", nxt.start_date, nxt.end_date)
    assert [(c.name, c.class_teacher_id) for c in classes] == [("6А", world.teacher.id)]
    assert kid.class_id == classes[0].id and kid.status == "studying"
    assert old.status == "graduated" and old.left_on == date(2027, 5, 31)
    assert [m["kind"] for m in sa.history(db, world.staff, world.school.id, kid.id)] == ["enrol", "promote"]


def test_the_class_envelopes_hold_a_working_code_for_every_student(db, world):
    from mrko_app.services.access import codes as access_codes

    pdf, name, issued = sa.class_envelopes(db, world.staff, world.school.id, world.class_5a.id)
    assert pdf.startswith(b"%PDF") and name.endswith(".pdf")
    assert sorted(sid for sid, _ in issued) == sorted([world.masha.id, world.petya.id])
    code = dict(issued)[world.masha.id]
    link = access_codes.redeem_code(db, world.parent, code, "Маша")
    assert link.student_id == world.masha.id
    with pytest.raises(PermissionDenied):
        sa.class_envelopes(db, world.other_staff, world.school.id, world.class_5a.id)
    with pytest.raises(NotFound):
        sa.class_envelopes(db, world.other_staff, world.other_school.id, world.class_5a.id)


def test_the_timetable_imports_all_rows_or_none_with_clashes_inside_the_file_reported(db, world):
    year = _year(db, world)
    sa.add_subject(db, world.staff, world.school.id, {"name_en": "Maths", "name_ru": "Математика"})
    for name in ("5А", "5Б"):
        sa.add_class(db, world.staff, world.school.id, year.id, {"name": name})
    head = ["class", "weekday", "lesson", "subject", "teacher", "room", "valid_from", "valid_to"]
    good = [head, ["5А", "1", "1", "математика", world.teacher.login, "101", "", ""],
            ["5Б", "1", "2", "Maths", world.teacher.email, "101", "", ""]]
    clash = good + [["5Б", "1", "1", "Maths", world.teacher.login, "102", "", ""], ["9Я", "8", "1", "?", "x", "", "", ""]]
    checked = sa.check_timetable(db, world.staff, world.school.id, clash)
    assert [r["errors"] for r in checked[:2]] == [{}, {}]
    assert checked[2]["errors"] == {"teacher": "school_admin.teacher_busy"} and checked[2]["params"]["class_name"] == "5А"
    assert checked[3]["errors"] == {"class": "school_admin.class_unknown"}
    assert db.exec(select(Lesson)).all() == [] and sa.school_invites(db, world.staff, world.school.id) == []
    with pytest.raises(ValidationError):
        sa.import_timetable(db, world.staff, world.school.id, clash)
    assert sa.import_timetable(db, world.staff, world.school.id, good) == 2
    exported = sa.timetable_rows(db, world.staff, world.school.id)
    assert exported[0] == head and [r[:5] for r in exported[1:]] == [["5А", "1", "1", "Математика", "teacher_a"],
                                                                      ["5Б", "1", "2", "Математика", "teacher_a"]]
    with pytest.raises(PermissionDenied):
        sa.check_timetable(db, world.other_staff, world.school.id, good)


def test_parents_contacts_in_the_roster_get_an_access_code_sent_and_bad_ones_block_the_file(db, world):
    from mrko_app.models import OutboxMessage, Student
    _year(db, world)
    rows = [["Класс", "Фамилия", "Имя", "Отчество", "Дата рождения", "E-mail родителя", "Телефон родителя"],
            ["5А", "Берёзкин", "Илья", "", "01.02.2015", "mama.berezkina@example.org", "+7 916 700-00-01"],
            ["5А", "Осинина", "Вера", "", "03.04.2015", "", ""],
            ["5А", "Клёнов", "Лев", "", "05.06.2015", "not-an-email", "12"]]
    checked = sa.check_roster(db, world.staff, world.school.id, rows)
    assert [r["errors"] for r in checked[:2]] == [{}, {}]
    assert set(checked[2]["errors"]) == {"parent_email", "parent_phone"}
    assert checked[2]["errors"]["parent_phone"] == "school_admin.parent_phone_invalid"
    with pytest.raises(ValidationError):
        sa.import_roster(db, world.staff, world.school.id, rows)
    assert db.exec(select(OutboxMessage).where(OutboxMessage.recipient == "mama.berezkina@example.org")).first() is None
    rows[3][5:] = ["lev.papa@example.org", ""]
    assert sa.import_roster(db, world.staff, world.school.id, rows) == 3
    db.commit()
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == "mama.berezkina@example.org")).one()
    sms = db.exec(select(OutboxMessage).where(OutboxMessage.channel == "sms",
                                              OutboxMessage.body.contains("Берёзкин"))).one()
    assert "Берёзкин Илья" in mail.subject and "/children/redeem" in mail.body
    plain = next(w for w in mail.body.split() if w.count("-") == 3)
    assert plain in sms.body  # one code, sent on both channels
    ilya = db.exec(select(Student).where(Student.surname == "Берёзкин")).one()
    vera = db.exec(select(Student).where(Student.surname == "Осинина")).one()
    [code] = db.exec(select(AccessCode).where(AccessCode.student_id == ilya.id)).all()
    assert db.exec(select(AccessCode).where(AccessCode.student_id == vera.id)).first() is None  # no contact
    sent = db.exec(select(AuditEntry).where(AuditEntry.action == "parent.code_sent")).all()
    assert {e.target for e in sent} == {"Берёзкин Илья", "Клёнов Лев"}
    assert sent[0].after["contacts"] in (["mama.berezkina@example.org", "+79167000001"], ["lev.papa@example.org"])
    assert code.code_hash == access_codes.hash_code(access_codes.normalize_code(plain))
