"""The parent's alert settings: defaults, validation, saving, access."""

import pytest
from sqlmodel import select

from mrko_app.models import AlertRule
from mrko_app.services.alerts import settings as alerts_settings
from mrko_app.services.errors import PermissionDenied, ValidationError
from tests.services.stats_school import build, user

FORM = {"on_low_mark": "on", "low_mark_at_most": "3", "on_low_average": "on", "average_below": "3,8",
        "on_absence": "", "on_mark_changed": "on", "email_mode": "digest", "digest_hour": "19",
        "quiet_start": "21:30", "quiet_end": "8:00", "delay_minutes": "10"}


def test_defaults_without_saved_settings(db):
    w = build(db)
    rule = alerts_settings.get_rule(db, w.parent, w.child.id)
    assert rule.id is None
    assert alerts_settings.rule_view(rule) == {
        "on_low_mark": True, "low_mark_at_most": "2", "on_low_average": False, "average_below": "3.50",
        "on_absence": True, "on_mark_changed": True, "email_mode": "off", "digest_hour": "18",
        "quiet_start": "22:00", "quiet_end": "07:00", "delay_minutes": "5"}


def test_save_and_read_back(db):
    w = build(db)
    alerts_settings.save_rule(db, w.parent, w.child.id, FORM)
    [saved] = db.exec(select(AlertRule)).all()
    assert (saved.low_mark_at_most, saved.average_below, saved.on_absence, saved.by_email, saved.digest) == (
        3, 3.8, False, True, True)
    assert (saved.quiet_start, saved.quiet_end, saved.delay_minutes, saved.digest_hour) == (21 * 60 + 30, 480, 10, 19)
    assert alerts_settings.rule_view(alerts_settings.get_rule(db, w.parent, w.child.id))["quiet_end"] == "08:00"
    # no quiet hours, e-mail each alert: the same row is updated
    alerts_settings.save_rule(db, w.parent, w.child.id, FORM | {"quiet_start": "", "quiet_end": "", "email_mode": "each"})
    [saved] = db.exec(select(AlertRule)).all()
    assert (saved.quiet_start == saved.quiet_end, saved.by_email, saved.digest) == (True, True, False)
    view = alerts_settings.rule_view(saved)
    assert (view["quiet_start"], view["quiet_end"], view["email_mode"]) == ("", "", "each")


@pytest.mark.parametrize(("changes", "fields"), [
    ({"low_mark_at_most": "5"}, {"low_mark_at_most"}),  # a 5 is the top: "at or below 5" is every mark
    ({"low_mark_at_most": "x"}, {"low_mark_at_most"}),
    ({"average_below": "6"}, {"average_below"}),
    ({"average_below": "2"}, {"average_below"}),
    ({"delay_minutes": "-1"}, {"delay_minutes"}),
    ({"delay_minutes": "500"}, {"delay_minutes"}),
    ({"digest_hour": "24"}, {"digest_hour"}),
    ({"quiet_start": "25:00"}, {"quiet_start"}),
    ({"quiet_start": ""}, {"quiet_start"}),
    ({"quiet_end": ""}, {"quiet_end"}),
    ({"email_mode": "sms"}, {"email_mode"}),
    ({"delay_minutes": "", "average_below": ""}, {"delay_minutes", "average_below"}),
])
def test_validation(db, changes, fields):
    w = build(db)
    with pytest.raises(ValidationError) as err:
        alerts_settings.save_rule(db, w.parent, w.child.id, FORM | changes)
    assert set(err.value.fields) == fields
    assert db.exec(select(AlertRule)).all() == []


def test_access(db):
    w = build(db)
    with pytest.raises(PermissionDenied):
        alerts_settings.save_rule(db, w.parent, w.students[1].id, FORM)
    with pytest.raises(PermissionDenied):
        alerts_settings.get_rule(db, user(db, "parent", "Else"), w.child.id)
    with pytest.raises(PermissionDenied):
        alerts_settings.delivered_alerts(db, w.teacher)
    assert alerts_settings.delivered_alerts(db, user(db, "parent", "Lonely")) == []
