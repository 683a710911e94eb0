"""Each school is on its own clock: two schools in different time zones around midnight see different
dates in the diary week, the journal's "today", application deadlines and scheduled news; a school without
a zone of its own keeps the instance's MRKO_TIMEZONE."""

import datetime as dt

import pytest

from mrko_app.models import AccessApplication
from mrko_app.services import clock, diary, news
from mrko_app.services.access import applications
from mrko_app.services.errors import ValidationError
from mrko_app.services.journal import save_cell
from tests.school_builder import SchoolBuilder

# 14:30 UTC on Sunday 29 November 2026: already Monday 30 November 00:30 in Vladivostok (UTC+10),
# still Sunday 16:30 in Kaliningrad (UTC+2)
MOMENT = dt.datetime(2026, 11, 29, 14, 30)
SUNDAY, MONDAY = dt.date(2026, 11, 29), dt.date(2026, 11, 30)


@pytest.fixture
def two_schools(db, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: MOMENT)
    b = SchoolBuilder(db)
    out = {}
    for key, zone in (("east", "Asia/Vladivostok"), ("west", "Europe/Kaliningrad")):
        school = b.school(timezone=zone)
        kinds = b.kinds(school)
        year, _periods = b.year(school, [(dt.date(2026, 9, 1), dt.date(2026, 12, 28))])
        cls = b.school_class(school, year, "5A")
        maths = b.subject(school, "Maths")
        teacher = b.user(f"t_{key}", ("teacher", school.id))
        b.teaches(cls, maths, teacher)
        kid = b.student(cls, "Ivanov", key)
        parent = b.user(f"p_{key}", ("parent", None))
        b.link(parent, kid)
        staff = b.user(f"s_{key}", ("staff", school.id))
        lesson = b.lesson(cls, maths, teacher, MONDAY)
        out[key] = dict(school=school, kinds=kinds, cls=cls, maths=maths, teacher=teacher, kid=kid, parent=parent,
                        staff=staff, lesson=lesson, period=_periods[0])
    db.commit()
    return out


def test_the_clock_reads_each_schools_zone_and_the_instance_default_for_one_without(two_schools, monkeypatch):
    assert clock.today(two_schools["east"]["school"]) == MONDAY
    assert clock.today(two_schools["west"]["school"]) == SUNDAY
    monkeypatch.setenv("MRKO_TIMEZONE", "Asia/Vladivostok")
    assert clock.today("") == MONDAY and clock.today(None) == MONDAY
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Kaliningrad")
    assert clock.today("") == SUNDAY
    assert clock.today("Not/AZone") == SUNDAY  # a broken zone falls back to the instance's, never crashes


def test_the_diary_opens_on_the_week_of_today_at_the_childs_school(db, two_schools):
    east = diary.week(db, two_schools["east"]["parent"], two_schools["east"]["kid"].id)
    west = diary.week(db, two_schools["west"]["parent"], two_schools["west"]["kid"].id)
    assert str(east["monday"]) == MONDAY.isoformat()
    assert str(west["monday"]) == (SUNDAY - dt.timedelta(days=6)).isoformat()


def test_the_journal_marks_mondays_lesson_only_where_it_is_already_monday(db, two_schools):
    def mark(key):
        w = two_schools[key]
        return save_cell(db, w["teacher"], class_id=w["cls"].id, subject_id=w["maths"].id, period_id=w["period"].id,
                         student_id=w["kid"].id, lesson_id=w["lesson"].id, op="mark", value="5")

    assert mark("east") is not None
    db.commit()
    with pytest.raises(ValidationError) as refused:
        mark("west")
    assert refused.value.fields == {"lesson": "journal.lesson_in_future"}
    db.rollback()


def test_scheduled_news_is_read_on_its_schools_clock(db, two_schools):
    moments = {}
    for key, hours in (("east", 10), ("west", 2)):
        w = two_schools[key]
        post = news.publish(db, w["staff"], {"target": f"school:{w['school'].id}", "title": "Собрание",
                                             "body": "В понедельник в 9:00", "publish_at": "2026-11-30T09:00"})
        assert post.publish_at == dt.datetime(2026, 11, 30, 9) - dt.timedelta(hours=hours)
        moments[key] = news.for_editing(db, w["staff"], post.id)["publish_at"]
    db.commit()
    assert moments == {"east": "2026-11-30T09:00", "west": "2026-11-30T09:00"}


def test_an_application_deadline_counts_from_the_date_at_its_school(db, two_schools):
    east, west = (applications.school_day(db, two_schools[k]["school"].id, MOMENT) for k in ("east", "west"))
    assert (east, west) == (MONDAY, SUNDAY)
    assert applications.add_working_days(east) != applications.add_working_days(west)
    app = AccessApplication(parent_id=two_schools["east"]["parent"].id, school_id=two_schools["east"]["school"].id,
                            child_surname="И", child_first_name="П", child_birth_date=dt.date(2015, 1, 1),
                            class_name="5A", relation="mother", submitted_at=MOMENT,
                            due_date=applications.add_working_days(east))
    assert not applications.is_overdue(app, clock.today(two_schools["east"]["school"]))


def test_a_list_of_schools_reads_their_zones_in_one_go(db, two_schools):
    east, west = two_schools["east"]["school"], two_schools["west"]["school"]
    assert clock.zones_of(db, {east.id, west.id, None}) == {east.id: "Asia/Vladivostok", west.id: "Europe/Kaliningrad"}
    assert clock.zones_of(db, set()) == {}
    from mrko_app.state.school_life_views import scheduled_row

    post = news.publish(db, two_schools["east"]["staff"], {"target": f"school:{east.id}", "title": "Ёлка",
                                                            "body": "Праздник", "publish_at": "2026-12-25T10:00"})
    assert "10:00" in scheduled_row(post, "ru", "Asia/Vladivostok")["when"]
    db.rollback()
