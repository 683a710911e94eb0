"""Opening the class journal: which journals a user may open, and the grid read in a fixed number of queries."""

from datetime import date, time

import pytest
from sqlalchemy import event

from mrko_app.models import Attendance, FinalMark, Homework, Lesson, Mark, Student
from mrko_app.services.errors import NotFound, PermissionDenied
from mrko_app.services.gradebook.rules import MarkEntry, propose_mark, weighted_average
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import read as journal
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    return build(db)


def _mark(db, js, student, lesson, value, kind="answer"):
    return journal_entry.set_mark(db, js.teacher, **js.ref(student_id=js.students[student].id,
                                  lesson_id=js.lessons[lesson].id, value=value,
                                  work_kind_id=js.kinds[kind].id, today=TODAY))


def test_a_teacher_chooses_among_their_own_classes_and_subjects(db, js):
    pairs = [(c.name, s.name_en) for c, s in journal.journal_choices(db, js.teacher)]
    assert pairs == [("5A", "Mathematics")]
    assert [(c.name, s.name_en) for c, s in journal.journal_choices(db, js.other_teacher)] == [("6B", "Mathematics")]
    assert journal.journal_choices(db, js.parent) == []
    assert journal.journal_choices(db, js.other_staff) == []


def test_staff_choose_among_every_taught_subject_of_their_school(db, js):
    pairs = {(c.name, s.name_en) for c, s in journal.journal_choices(db, js.staff)}
    assert pairs == {("5A", "Mathematics"), ("5A", "Russian"), ("6B", "Mathematics")}


def test_the_grid_has_the_students_the_periods_held_lessons_and_every_cell(db, js):
    _mark(db, js, 0, "sep7", "5", kind="control")
    _mark(db, js, 0, "sep14", "3")
    _mark(db, js, 0, "sep14", "4")
    _mark(db, js, 1, "sep21", "2")
    journal_entry.set_attendance(db, js.teacher, **js.ref(student_id=js.students[2].id,
                                 lesson_id=js.lessons["sep7"].id, status="ill", today=TODAY))
    journal_entry.set_homework(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                               lesson_id=js.lessons["sep14"].id, text="p. 10", due_date=None)
    grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
    assert [s.surname for s in grid.students] == ["Antonov", "Borisova", "Volkov"]
    assert [lesson.date for lesson in grid.lessons] == [date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21),
                                                        TODAY, date(2026, 10, 8)]
    a, b, v = (s.id for s in grid.students)
    sep7, sep14, sep21 = (js.lessons[n].id for n in ("sep7", "sep14", "sep21"))
    assert [m.value for m in grid.marks[(a, sep14)]] == [3, 4]
    assert [m.value for m in grid.marks[(a, sep7)]] == [5]
    assert grid.attendance[(v, sep7)].status == "ill"
    assert grid.homework[sep14].text == "p. 10"
    # the average is gradebook's, over the student's marks of the period: (5*3 + 3 + 4) / 5 = 4.4
    expected = weighted_average([MarkEntry(5, 3, date(2026, 9, 7)), MarkEntry(3, 1, date(2026, 9, 14)),
                                 MarkEntry(4, 1, date(2026, 9, 14))])
    assert grid.averages[a] == pytest.approx(expected) == pytest.approx(4.4)
    assert grid.proposals[a] == propose_mark(expected, grid.context.rules) == 4
    assert grid.averages[b] == 2 and grid.proposals[b] == 2
    assert grid.averages[v] is None and grid.proposals[v] is None


def test_marks_outside_the_grid_still_count_in_the_average_and_deleted_ones_do_not(db, js):
    m = _mark(db, js, 0, "sep7", "2")
    db.add(Mark(student_id=js.students[0].id, lesson_id=None, subject_id=js.maths.id, date=date(2026, 9, 30),
                value=5, work_kind_id=js.kinds["answer"].id, weight=1, teacher_id=js.teacher.id))
    db.add(Mark(student_id=js.students[0].id, lesson_id=None, subject_id=js.maths.id, date=date(2026, 11, 30),
                value=2, work_kind_id=js.kinds["answer"].id, weight=1, teacher_id=js.teacher.id))
    db.flush()
    grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
    assert grid.averages[js.students[0].id] == pytest.approx(3.5)
    journal_entry.clear_mark(db, js.teacher, **js.ref(student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id,
                             mark_id=m.id, version=1, today=TODAY))
    grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
    assert grid.averages[js.students[0].id] == 5 and (js.students[0].id, js.lessons["sep7"].id) not in grid.marks


def test_the_grid_shows_the_confirmed_final_mark_of_the_period(db, js):
    db.add(FinalMark(student_id=js.students[1].id, subject_id=js.maths.id, year_id=js.year.id, period_id=js.q1.id,
                     value=4, proposed_value=4, confirmed_by=js.teacher.id))
    db.add(FinalMark(student_id=js.students[1].id, subject_id=js.maths.id, year_id=js.year.id, period_id=js.q2.id,
                     value=2, proposed_value=2, confirmed_by=js.teacher.id))
    db.flush()
    grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
    assert {sid: f.value for sid, f in grid.finals.items()} == {js.students[1].id: 4}


@pytest.mark.parametrize("who", ["other_teacher", "teacher2", "parent", "other_staff"])
def test_no_one_else_may_open_the_journal(db, js, who):
    with pytest.raises(PermissionDenied):
        journal.load_grid(db, getattr(js, who), js.class_a.id, js.maths.id, js.q1.id)


def test_staff_may_open_any_journal_of_their_school(db, js):
    assert len(journal.load_grid(db, js.staff, js.class_b.id, js.maths.id, js.q1.id).students) == 1


def test_a_period_of_another_year_or_garbage_is_not_found(db, js):
    from mrko_app.models import StudyPeriod, StudyYear

    year = StudyYear(school_id=js.school.id, name="2025/2026", start_date=date(2025, 9, 1), end_date=date(2026, 5, 31))
    db.add(year)
    db.flush()
    old = StudyPeriod(year_id=year.id, number=1, start_date=date(2025, 9, 1), end_date=date(2025, 10, 27))
    db.add(old)
    db.flush()
    for bad in (old.id, "x", -3, 10**9, "year"):
        with pytest.raises(NotFound):
            journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, bad)
    with pytest.raises(PermissionDenied):
        journal.load_grid(db, js.teacher, "x", js.maths.id, js.q1.id)


def test_the_current_period_is_the_one_containing_today(db, js):
    periods = journal.periods_of(db, js.class_a)
    assert journal.current_period(periods, TODAY).id == js.q1.id
    assert journal.current_period(periods, date(2026, 11, 1)).id == js.q1.id  # holidays: the one just ended
    assert journal.current_period(periods, date(2026, 8, 1)).id == js.q1.id
    assert journal.current_period(periods, date(2027, 1, 10)).id == js.q2.id


def _count_queries(db, fn) -> int:
    engine = db.get_bind()
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _grow(db, js, students: int, lessons: int) -> None:
    for i in range(students):
        db.add(Student(school_id=js.school.id, class_id=js.class_a.id, surname=f"Z{i:03d}", first_name="Zoe",
                       birth_date=date(2015, 1, 1)))
    for i in range(lessons):
        db.add(Lesson(class_id=js.class_a.id, subject_id=js.maths.id, teacher_id=js.teacher.id,
                      date=date(2026, 9, 2 + i % 25), lesson_number=2 + i // 25, start_time=time(10),
                      end_time=time(11)))
    db.flush()
    pupils = db.exec(Student.__table__.select().where(Student.class_id == js.class_a.id)).all()
    held = db.exec(Lesson.__table__.select().where(Lesson.class_id == js.class_a.id,
                                                   Lesson.subject_id == js.maths.id)).all()
    for p in pupils:
        for lesson in held[:6]:
            db.add(Mark(student_id=p.id, lesson_id=lesson.id, subject_id=js.maths.id, date=lesson.date, value=4,
                        work_kind_id=js.kinds["answer"].id, weight=1, teacher_id=js.teacher.id))
            db.add(Attendance(student_id=p.id, lesson_id=lesson.id, date=lesson.date, status="late",
                              set_by=js.teacher.id))
        db.add(Homework(lesson_id=held[0].id, class_id=js.class_a.id, subject_id=js.maths.id, text="x",
                        due_date=date(2026, 9, 30), created_by=js.teacher.id))
    db.flush()


def test_loading_the_grid_takes_the_same_number_of_queries_whatever_the_size(db, js):
    def load():
        grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
        return len(grid.students), len(grid.lessons), len(grid.marks)

    db.expunge_all()
    small = _count_queries(db, load)
    _grow(db, js, students=12, lessons=30)
    db.expunge_all()
    sizes = []
    large = _count_queries(db, lambda: sizes.append(load()))
    assert sizes[0][0] == 15 and sizes[0][1] > 30 and sizes[0][2] > 60
    assert large == small
