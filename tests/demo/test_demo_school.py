"""Properties of the demo school, loaded once for the module (SQLite)."""

import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from fractions import Fraction

from sqlalchemy import func, select

from mrko_app import models as m
from mrko_app.demo import DEMO_LOGINS, format_summary, load_demo
from mrko_app.demo.calendar import proposed_mark
from mrko_app.demo.names import BOYS, GIRLS
from mrko_app.demo.subjects import BELLS
from mrko_app.services import news, uploads
from mrko_app.services.accounts.passwords import check_secret
from mrko_app.services.gradebook import rules as gradebook
from tests.demo.conftest import TODAY


def _all(session, stmt):
    return session.execute(stmt).all()


def _school(session, summary):
    return session.get(m.School, summary.school_id)


def test_school_settings_and_kinds(demo):
    session, summary = demo
    school = _school(session, summary)
    assert (school.name, school.short_name) == ("School No. 1234", "ГБОУ Школа № 1234")
    assert (school.mark_min, school.mark_max, school.thresholds) == (2, 5, {"5": 4.6, "4": 3.6, "3": 2.6})
    kinds = {k.code: k.weight
             for k in session.exec(select(m.WorkKind).where(m.WorkKind.school_id == school.id)).scalars()}
    assert kinds == {"answer": 1, "homework": 1, "independent": 2, "test": 2, "control": 3, "exam": 4}
    year = session.exec(select(m.StudyYear).where(m.StudyYear.school_id == school.id)).scalar_one()
    assert (year.name, year.start_date, year.end_date) == ("2026/2027", date(2026, 9, 1), date(2027, 5, 31))
    periods = _all(session, select(m.StudyPeriod.start_date, m.StudyPeriod.end_date)
                   .where(m.StudyPeriod.year_id == year.id).order_by(m.StudyPeriod.number))
    assert [tuple(p) for p in periods] == [
        (date(2026, 9, 1), date(2026, 10, 24)), (date(2026, 11, 5), date(2026, 12, 27)),
        (date(2027, 1, 12), date(2027, 3, 20)), (date(2027, 3, 30), date(2027, 5, 26))]


def test_counts_classes_subjects_people(demo):
    session, summary = demo
    sid = summary.school_id
    classes = session.exec(select(m.SchoolClass).where(m.SchoolClass.school_id == sid)).scalars().all()
    assert len(classes) >= 6
    for cls in classes:
        studying = session.execute(select(func.count()).where(m.Student.class_id == cls.id,
                                                              m.Student.status == "studying")).scalar()
        assert studying == 25, cls.name
        assert cls.class_teacher_id is not None
        assert session.execute(select(func.count()).where(
            m.TeachingAssignment.class_id == cls.id, m.TeachingAssignment.teacher_id == cls.class_teacher_id)).scalar()
    subjects = session.exec(select(m.Subject).where(m.Subject.school_id == sid)).scalars().all()
    assert len(subjects) >= 10 and all(s.name_en and s.name_ru for s in subjects)
    statuses = Counter(session.execute(select(m.Student.status).where(m.Student.school_id == sid)).scalars())
    assert statuses["graduated"] >= 1 and statuses["left"] >= 1
    roles = Counter(r for r, in _all(session, select(m.UserRole.role).where(m.UserRole.school_id == sid)))
    assert roles["teacher"] >= 10 and roles["staff"] >= 1 and roles["psychologist"] >= 1
    assert summary.counts["students"] == 25 * len(classes) and summary.counts["subjects"] == len(subjects)
    assert "parent1" in format_summary(summary)


def test_physics_from_grade_7_chemistry_from_8(demo):
    session, _ = demo
    rows = _all(session, select(m.SchoolClass.grade, m.Subject.name_en).join(
        m.TeachingAssignment, m.TeachingAssignment.class_id == m.SchoolClass.id).join(
        m.Subject, m.Subject.id == m.TeachingAssignment.subject_id))
    assert min(g for g, s in rows if s == "Physics") == 7
    assert min(g for g, s in rows if s == "Chemistry") == 8


def test_demo_logins_work(demo):
    session, _ = demo
    for demo_login in DEMO_LOGINS:
        user = session.exec(select(m.User).where(m.User.login == demo_login.login)).scalar_one()
        assert check_secret(demo_login.password, user.password_hash), demo_login.login
        assert user.security_question == "first_teacher" and user.security_answer_hash
        assert user.phone_confirmed and user.is_active
        roles = set(session.execute(select(m.UserRole.role).where(m.UserRole.user_id == user.id)).scalars())
        assert demo_login.role in roles
    staff1 = session.exec(select(m.User).where(m.User.login == "staff1")).scalar_one()
    assert set(session.execute(select(m.UserRole.role).where(m.UserRole.user_id == staff1.id)).scalars()) == {
        "staff", "teacher"}


def test_users_have_unique_normalised_contacts(demo):
    session, _ = demo
    users = session.exec(select(m.User)).scalars().all()
    assert len({u.login for u in users}) == len({u.email for u in users}) == len({u.phone for u in users}) == len(users)
    for u in users:
        assert re.fullmatch(r"\+79\d{9}", u.phone), u.phone
        assert u.email.endswith("@demo.school") and u.email == u.email.lower()
        assert re.fullmatch(r"[a-z][a-z0-9._]{2,29}", u.login), u.login


def test_names_agree_with_gender_and_age(demo):
    session, summary = demo
    for s, grade in _all(session, select(m.Student, m.SchoolClass.grade).join(
            m.SchoolClass, m.SchoolClass.id == m.Student.class_id)):
        female = s.first_name in GIRLS
        assert female or s.first_name in BOYS
        assert s.patronymic.endswith(("вна", "чна") if female else ("вич", "ич")), s.full_name
        if female:
            assert not s.surname.endswith(("ов", "ев", "ёв", "ин", "ский")), s.full_name
        age = (date(2026, 9, 1) - s.birth_date).days / 365.25
        assert grade + 4.5 <= age <= grade + 7, (s.full_name, grade, age)


def test_parents_and_children(demo):
    session, _ = demo

    def children(login):
        return _all(session, select(m.Student.first_name, m.Student.class_id, m.ParentChildLink.page_name,
                                    m.ParentChildLink.student_id).join(
            m.ParentChildLink, m.ParentChildLink.student_id == m.Student.id).join(
            m.User, m.User.id == m.ParentChildLink.parent_id).where(m.User.login == login))

    first = children("parent1")
    assert len(first) == 2 and len({c.class_id for c in first}) == 2
    second = children("parent2")
    assert [c.student_id for c in second] == [first[0].student_id]
    assert children("parent3") == []
    links = session.exec(select(m.ParentChildLink)).scalars().all()
    assert {link.start_date for link in links if link.end_date is None} == {date(2026, 9, 1)}
    assert all(link.page_name for link in links)
    parent_ids = {link.parent_id for link in links}
    roles = set(session.execute(select(m.UserRole.user_id).where(m.UserRole.role == "parent")).scalars())
    assert parent_ids <= roles


def test_timetable_has_no_double_booking(demo):
    session, summary = demo
    slots = session.exec(select(m.TimetableSlot)).scalars().all()
    busy = Counter((s.teacher_id, s.weekday, s.lesson_number) for s in slots)
    assert max(busy.values()) == 1
    per_day = Counter((s.class_id, s.weekday) for s in slots)
    assert set(per_day) == {(c, d) for c, _ in per_day for d in range(5)}
    assert 5 <= min(per_day.values()) and max(per_day.values()) <= 7
    numbers = defaultdict(list)
    for s in slots:
        numbers[(s.class_id, s.weekday)].append(s.lesson_number)
        start, end = BELLS[s.lesson_number - 1]
        assert (s.start_time.strftime("%H:%M"), s.end_time.strftime("%H:%M")) == (start, end)
        assert s.room and (s.valid_from, s.valid_to) == (date(2026, 9, 1), date(2027, 5, 31))
    assert all(sorted(v) == list(range(1, len(v) + 1)) for v in numbers.values())  # no gaps
    # dated lessons: whoever actually teaches (the substitute if any) is never in two places at once
    lessons = _all(session, select(m.Lesson.date, m.Lesson.lesson_number, m.Lesson.teacher_id,
                                   m.Lesson.substitute_teacher_id).where(m.Lesson.cancelled.is_(False)))
    teaching = Counter((d, n, sub or t) for d, n, t, sub in lessons)
    assert max(teaching.values()) == 1


def _school_days(session, school_id):
    year = session.exec(select(m.StudyYear).where(m.StudyYear.school_id == school_id)).scalar_one()
    periods = session.exec(select(m.StudyPeriod).where(m.StudyPeriod.year_id == year.id)).scalars().all()
    holidays = session.exec(select(m.Holiday).where(m.Holiday.year_id == year.id)).scalars().all()
    off = {h.start_date + timedelta(days=i) for h in holidays for i in range((h.end_date - h.start_date).days + 1)}
    days = {p.start_date + timedelta(days=i) for p in periods for i in range((p.end_date - p.start_date).days + 1)}
    return {d for d in days if d.weekday() < 5 and d not in off}, off


def test_lessons_only_on_school_days_all_year(demo):
    session, summary = demo
    school_days, off = _school_days(session, summary.school_id)
    assert {date(2027, 2, 23), date(2027, 3, 8), date(2027, 5, 3), date(2027, 5, 10)} <= off
    rows = _all(session, select(m.Lesson.class_id, m.Lesson.date, m.Lesson.topic, m.Lesson.cancelled,
                                m.Lesson.substitute_teacher_id, m.Lesson.slot_id))
    dates = {r.date for r in rows}
    assert dates == school_days  # every school day, nothing else (no weekends, holidays or breaks)
    assert date(2026, 11, 4) not in dates and max(dates) == date(2027, 5, 26)
    assert all(r.slot_id for r in rows)
    assert all(r.topic == "" for r in rows if r.date > TODAY)
    assert all(r.topic for r in rows if r.date <= TODAY and not r.cancelled)
    assert sum(r.cancelled for r in rows) >= 3
    assert sum(r.substitute_teacher_id is not None for r in rows) >= 3


def test_marks_weights_scale_and_debts(demo):
    session, _ = demo
    rows = _all(session, select(m.Mark, m.WorkKind.weight, m.Lesson.date, m.Lesson.cancelled, m.Lesson.class_id,
                                m.Student.class_id).join(m.WorkKind, m.WorkKind.id == m.Mark.work_kind_id).join(
        m.Lesson, m.Lesson.id == m.Mark.lesson_id).join(m.Student, m.Student.id == m.Mark.student_id))
    assert len(rows) > 10000
    for mark, kind_weight, lesson_date, cancelled, lesson_class, student_class in rows:
        assert mark.weight == kind_weight
        assert mark.date == lesson_date <= TODAY and not cancelled and lesson_class == student_class
        if mark.is_debt:
            assert mark.value is None and mark.debt_due and mark.debt_due > mark.date
        else:
            assert 2 <= mark.value <= 5 and mark.comment
    debts = [r[0] for r in rows if r[0].is_debt]
    assert 3 <= len(debts) <= 60
    assert all(r[0].comment for r in rows)


def test_no_marks_for_absent_pupils(demo):
    session, _ = demo
    absent = set(_all(session, select(m.Attendance.student_id, m.Attendance.lesson_id)
                      .where(m.Attendance.status != "late")))
    marked = set(_all(session, select(m.Mark.student_id, m.Mark.lesson_id).where(m.Mark.is_debt.is_(False))))
    assert not absent & marked


def test_attendance_and_mark_rates(demo):
    session, summary = demo
    held = session.execute(select(func.count()).where(m.Lesson.date <= TODAY, m.Lesson.cancelled.is_(False))).scalar()
    pupil_lessons = held * 25
    attendance = Counter(session.execute(select(m.Attendance.status)).scalars())
    assert set(attendance) == {"absent", "valid", "ill", "late"}
    assert 0.03 <= sum(attendance.values()) / pupil_lessons <= 0.06
    marks = session.execute(select(func.count()).where(m.Mark.is_debt.is_(False))).scalar()
    assert 1 / 3 <= marks / pupil_lessons <= 1 / 2  # about a mark per 2-3 lessons
    averages = [s / w for s, w in _all(session, select(func.sum(m.Mark.value * m.Mark.weight), func.sum(m.Mark.weight))
                                       .where(m.Mark.is_debt.is_(False)).group_by(m.Mark.student_id))]
    assert sum(a >= 4.6 for a in averages) >= 5 and sum(a < 3.5 for a in averages) >= 5


def test_changed_marks_keep_history(demo):
    session, _ = demo
    rows = _all(session, select(m.MarkHistory, m.Mark).join(m.Mark, m.Mark.id == m.MarkHistory.mark_id))
    assert len(rows) >= 3
    for history, mark in rows:
        assert (history.old_value, history.new_value, mark.value, mark.version) == (3, 4, 4, 2)
        assert history.reason and history.student_id == mark.student_id and history.changed_at >= mark.created_at
    masha = session.exec(select(m.Student).where(m.Student.first_name == "Мария", m.Student.surname == "Соколова")
                         ).scalar_one()
    assert any(mark.student_id == masha.id for _, mark in rows)


def test_homework_due_at_the_next_lesson(demo):
    session, _ = demo
    lessons = _all(session, select(m.Lesson.id, m.Lesson.class_id, m.Lesson.subject_id, m.Lesson.date)
                   .where(m.Lesson.cancelled.is_(False)))
    dates = defaultdict(set)
    by_id = {}
    for lid, cid, sid, d in lessons:
        dates[(cid, sid)].add(d)
        by_id[lid] = (cid, sid, d)
    homework = session.exec(select(m.Homework)).scalars().all()
    assert len(homework) > 500
    for hw in homework:
        cid, sid, d = by_id[hw.lesson_id]
        assert (hw.class_id, hw.subject_id) == (cid, sid) and d <= TODAY and hw.text
        assert hw.due_date == min(x for x in dates[(cid, sid)] if x > d)


def test_first_quarter_marks_follow_thresholds(demo):
    session, summary = demo
    school = _school(session, summary)
    q1 = session.exec(select(m.StudyPeriod).join(m.StudyYear).where(
        m.StudyYear.school_id == school.id, m.StudyPeriod.number == 1)).scalar_one()
    sums = defaultdict(lambda: [0, 0])
    for student, subject, value, weight in _all(session, select(
            m.Mark.student_id, m.Mark.subject_id, m.Mark.value, m.Mark.weight).where(
            m.Mark.is_debt.is_(False), m.Mark.deleted.is_(False), m.Mark.date >= q1.start_date,
            m.Mark.date <= q1.end_date)):
        sums[(student, subject)][0] += value * weight
        sums[(student, subject)][1] += weight
    teachers = {(cid, sid): tid for cid, sid, tid in _all(session, select(
        m.TeachingAssignment.class_id, m.TeachingAssignment.subject_id, m.TeachingAssignment.teacher_id))}
    finals = _all(session, select(m.FinalMark, m.Student.class_id, m.Student.status).join(
        m.Student, m.Student.id == m.FinalMark.student_id))
    assert {f.period_id for f, _, _ in finals} == {q1.id}  # only the finished quarter
    assert len(finals) >= 150 * 10
    rules = gradebook.GradingRules.from_school(school)
    overrides = 0
    for final, class_id, _status in finals:
        total, weight = sums[(final.student_id, final.subject_id)]
        assert abs(final.average - total / weight) < 1e-9
        assert final.proposed_value == proposed_mark(total / weight, school.thresholds, school.mark_min)
        # and the gradebook service (exact arithmetic) agrees
        assert final.proposed_value == gradebook.propose_mark(Fraction(total, weight), rules)
        if final.value != final.proposed_value:
            overrides += 1
            assert final.reason
        assert final.confirmed_by == teachers[(class_id, final.subject_id)]
    assert overrides <= 1
    # every pupil enrolled at the end of the quarter got a period mark in every subject they had marks in
    def enrolled(student_id):
        student = session.get(m.Student, student_id)
        return student.status == "studying" or student.left_on > q1.end_date

    assert len(finals) == sum(1 for (sid, _), (_, w) in sums.items() if w and enrolled(sid))


def test_loading_again_changes_nothing(demo):
    session, summary = demo
    tables = [m.User, m.UserRole, m.School, m.Student, m.Lesson, m.Mark, m.Attendance, m.Homework, m.FinalMark,
              m.ParentChildLink, m.TimetableSlot, m.MarkHistory, m.NewsPost, m.SchoolEvent, m.MeetingSlot,
              m.MeetingBooking]
    before = [session.execute(select(func.count()).select_from(t)).scalar() for t in tables]
    again = load_demo(session, today=TODAY)
    after = [session.execute(select(func.count()).select_from(t)).scalar() for t in tables]
    assert before == after
    assert not again.created and again.school_id == summary.school_id and again.counts == summary.counts
    assert again.journal_until == summary.journal_until == date(2026, 11, 27)


def test_school_life_news_events_and_meeting_days(demo):
    session, summary = demo
    posts = session.execute(select(m.NewsPost).where(m.NewsPost.school_id == summary.school_id)).scalars().all()
    assert sum(p.class_id is None for p in posts) >= 8 and sum(p.class_id is not None for p in posts) == 3
    assert any(p.pinned for p in posts) and all("<script" not in p.body_html for p in posts)
    # a term of news: from the first weeks to a scheduled one; pictures drawn at load time, stored privately
    assert max(p.publish_at for p in posts) - min(p.publish_at for p in posts) > timedelta(days=90)
    pictures = session.execute(select(m.NewsPicture)).scalars().all()
    assert len(pictures) == 3 and all(uploads.exists(news.PICTURE_FOLDER, p.storage_name) for p in pictures)
    assert all(max(p.width, p.height) <= 1600 for p in pictures)
    # the two parent-teacher meeting days (the psychologist's own slots are the desk's, tested below)
    psychologists = select(m.UserRole.user_id).where(m.UserRole.role == "psychologist")
    slots = session.execute(select(m.MeetingSlot).where(m.MeetingSlot.school_id == summary.school_id,
                                                        m.MeetingSlot.host_id.not_in(psychologists))).scalars().all()
    assert len({s.starts_at.date() for s in slots}) == 2 and len(slots) == 16
    booked = session.execute(select(func.count()).select_from(m.MeetingBooking)).scalar()
    assert 0 < booked < len(slots)
    events = session.execute(select(m.SchoolEvent)).scalars().all()
    assert len(events) == 5 and sum(e.cancelled for e in events) == 1 and all(e.description for e in events)


def test_the_psychologist_desk_is_alive_and_private(demo):
    """psych1 has requests in every state; teacher2 reads the shared one without the parent's name; the
    other demo parent sees nothing of parent1's request."""
    from sqlmodel import Session as ModelSession

    from mrko_app.services import psychologist as psy

    session, _summary = demo
    with ModelSession(session.get_bind()) as db:
        def login(name):
            return db.exec(select(m.User).where(m.User.login == name)).scalars().one()

        desk = psy.requests(db, login("psych1"))
        assert {r.status for r in desk} == set(psy.STATUSES) and any(r.anonymous for r in desk)
        assert all(re.search("[а-я]", r.topic) for r in desk)
        [shared] = psy.shared_with_me(db, login("teacher2"))
        assert psy.shared_with_me(db, login("teacher1")) == []
        assert shared.anonymous and shared.parent == "" and shared.status == "closed"
        assert [r.topic for r in psy.mine(db, login("parent1"))] == ["Петя стал замкнутым"]
        assert psy.mine(db, login("parent2")) == [] and psy.shared_with_me(db, login("parent2")) == []
        db.rollback()


def test_the_demo_parent_has_notifications_of_several_kinds(demo):
    from mrko_app.services import inbox

    session, _summary = demo
    parent = session.execute(select(m.User).where(m.User.login == "parent1")).scalar_one()
    notes = inbox.items(session, parent)
    assert {n.kind for n in notes} >= {"alerts", "news", "events", "meetings", "forum", "surveys", "feedback"}
    assert 0 < inbox.unread_count(session, parent) < len(notes)
    own = [n for n in session.execute(select(m.Notification)).scalars() if (n.dedup_key or "").startswith("demo:")]
    assert own and not [n for n in own if n.email]  # the demo's own e-mail nobody
