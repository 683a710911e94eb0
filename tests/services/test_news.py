"""News: who may publish where, who sees what (school vs class), scheduling, expiry, unread marking,
sanitised bodies, and a constant number of statements for the feed."""

from datetime import timedelta

import pytest

from mrko_app.models import NewsPost
from mrko_app.models.base import utcnow
from mrko_app.services import clock, news
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user
from tests.services.query_count import counting


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    return school


def _post(s, user, target, title="Новость", **form):
    return news.publish(s.db, user, {"target": target, "title": title, "body": "Текст", **form})


def _titles(s, user, **kw):
    return [item.title for item in news.feed(s.db, user, **kw)]


def test_school_news_reaches_every_parent_class_news_only_that_class(s):
    _post(s, s.staff, f"school:{s.school.id}", "Школьная")
    _post(s, s.class_teacher, f"class:{s.klass.id}", "Классная")
    assert _titles(s, s.parent) == ["Классная", "Школьная"]
    assert _titles(s, s.other_parent) == ["Школьная"]
    assert _titles(s, s.math_teacher) == ["Классная", "Школьная"]  # teaches 5А
    item = news.feed(s.db, s.parent)[0]
    assert item.class_name == "5А" and item.children == ("Петя",) and item.unread


def test_only_staff_post_to_the_school_and_only_the_class_teacher_or_staff_to_a_class(s):
    with pytest.raises(PermissionDenied):
        _post(s, s.class_teacher, f"school:{s.school.id}")
    with pytest.raises(PermissionDenied):
        _post(s, s.math_teacher, f"class:{s.klass.id}")
    with pytest.raises(PermissionDenied):
        _post(s, s.parent, f"class:{s.klass.id}")
    _post(s, s.staff, f"class:{s.other_class.id}", "От завуча")
    assert _titles(s, s.other_parent) == ["От завуча"]
    assert [t.value for t in news.publish_targets(s.db, s.class_teacher)] == [f"class:{s.klass.id}"]


@pytest.mark.parametrize("target", [None, "", "class:x", f"class:{2**63}", ["class:1"], {"a": 1}, "school:-1"])
def test_malformed_targets_change_nothing(s, target):
    with pytest.raises((ValidationError, NotFound, PermissionDenied)):
        _post(s, s.staff, target)
    assert s.db.exec(NewsPost.__table__.select()).all() == []


def test_errors_per_field_all_at_once(s):
    with pytest.raises(ValidationError) as err:
        news.publish(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "x" * 201, "body": "",
                                     "publish_at": "nonsense", "expires_at": ""})
    assert err.value.fields == {"title": "news.error.title_long", "body": "error.required", "publish_at": "news.error.moment"}
    with pytest.raises(ValidationError):
        news.publish(s.db, s.staff, "not a dict")


def test_scheduled_post_appears_at_its_time_and_expires(s):
    now = utcnow()
    local = clock.to_local(now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    ends = clock.to_local(now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    _post(s, s.staff, f"school:{s.school.id}", "Позже", publish_at=local, expires_at=ends)
    assert _titles(s, s.parent, now=now) == []
    assert _titles(s, s.parent, now=now + timedelta(hours=3)) == ["Позже"]
    assert _titles(s, s.parent, now=now + timedelta(days=2)) == []


def test_pinned_first_and_unread_marking(s):
    old = _post(s, s.staff, f"school:{s.school.id}", "Закреплённая", pinned="on", publish_at="2026-09-01T09:00")
    _post(s, s.staff, f"school:{s.school.id}", "Свежая")
    assert _titles(s, s.parent) == ["Закреплённая", "Свежая"]
    assert news.unread_count(s.db, s.parent) == 2
    news.mark_read(s.db, s.parent, old.id)
    news.mark_read(s.db, s.parent, old.id)  # again: no change
    assert news.unread_count(s.db, s.parent) == 1
    assert [i.unread for i in news.feed(s.db, s.parent)] == [False, True]
    assert news.unread_count(s.db, s.other_parent) == 2  # read marks are per person


def test_marking_a_post_one_cannot_see_is_not_found(s):
    hidden = _post(s, s.class_teacher, f"class:{s.klass.id}", "Классная")
    for bad in (hidden.id, None, "x", 2**63, [1]):
        with pytest.raises(NotFound):
            news.mark_read(s.db, s.other_parent, bad)


def test_bodies_are_sanitised(s):
    body = ("# Big\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
            " [ok](https://example.org) **bold**")
    post = news.publish(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "<b>T</b>", "body": body})
    html = post.body_html
    # what is not markup stays visible as escaped text: no tag, no handler, no javascript: link survives
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>' in html
    assert "<strong>bold</strong>" in html and "<h3>Big</h3>" in html


def test_feed_runs_a_constant_number_of_statements(s):
    for n in range(3):
        _post(s, s.staff, f"school:{s.school.id}", f"Школьная {n}")
    with counting(s.db) as few:
        news.feed(s.db, s.parent)
    for n in range(20):
        _post(s, s.class_teacher, f"class:{s.klass.id}", f"Классная {n}")
    with counting(s.db) as many:
        assert len(news.feed(s.db, s.parent)) == 23
    assert few[0] == many[0] <= 5
