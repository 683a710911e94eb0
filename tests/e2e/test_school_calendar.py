"""The school calendar in the browser, desktop and phone: the month grid (a list on the phone), the week
and the list views with time, place, description and audience; a parent's RSVP and the class teacher's
count; an event's text with the XSS payloads shown as text; the author edits and cancels it and the
iCal feed says STATUS:CANCELLED; the host offers, cancels and withdraws times (the parents told why);
a parent of two children makes a feed of one child's items."""

from datetime import datetime, time, timedelta

import icalendar
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import (
    EventRsvp,
    MeetingBooking,
    MeetingCancellation,
    MeetingSlot,
    OutboxMessage,
    ParentChildLink,
    SchoolClass,
    SchoolEvent,
    Student,
)
from mrko_app.services import clock, events
from tests.e2e.access_steps import fresh_family, sign_in, user
from tests.e2e.test_public_info import XSS
from tests.e2e.test_school_life import fetch

pytestmark = pytest.mark.e2e


def months_to(when: datetime) -> int:
    local, today = clock.to_local(when).date(), clock.today()
    return (local.year - today.year) * 12 + local.month - today.month


def open_calendar(browser, browser_context_args, app_url, login, password, months=0, view=""):
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, login, password, "/calendar")
    if view:
        page.locator(f"#view-{view}").click()
        expect(page.locator(f"#view-{view}")).to_have_attribute("data-state", "on")
    for _ in range(months):
        before = page.locator("#month-key").get_attribute("data-month")
        page.locator("#month-next").click()
        expect(page.locator("#month-key")).not_to_have_attribute("data-month", before)
    return page


def new_feed(page, app_url, kind="all") -> icalendar.Calendar:
    page.goto(f"{app_url}/profile/calendar")
    page.locator("#field-kind").select_option(kind)
    page.locator("#feed-create").click()
    url = page.locator("#feed-url").inner_text(timeout=20000).strip()
    status, body = fetch(url)
    assert status == 200
    return icalendar.Calendar.from_ical(body)


def test_calendar_views_and_rsvp_for_the_class_meeting(browser, browser_context_args, app_url, app_db, viewport_name):
    meeting = app_db.exec(select(SchoolEvent).where(SchoolEvent.kind == "meeting")).first()
    ahead = months_to(meeting.starts_at)
    parent = fresh_family(app_db, f"rsvp_{viewport_name}", "5А").parent
    page = open_calendar(browser, browser_context_args, app_url, parent.login, "secret12", ahead)
    day = clock.to_local(meeting.starts_at).date().isoformat()
    grid, month_list = page.locator("#calendar-grid"), page.locator(".calendar-month-list #calendar-entries")
    if viewport_name == "desktop":  # the month grid: the meeting in its day's cell
        expect(grid.locator(f"[data-date='{day}'] .calendar-chip[data-kind=meeting]")).to_contain_text(meeting.title)
        expect(month_list).to_be_hidden()
    else:  # on the phone the month collapses to the list
        expect(grid).to_be_hidden()
        expect(month_list.locator("[data-kind=meeting]").first).to_be_visible()
    # the week of the meeting: time, place, description, who it is for
    page.locator("#view-week").click()
    while page.locator(f"#calendar-week [data-date='{day}']").count() == 0:
        page.locator("#month-next" if page.locator("#calendar-week section").first.get_attribute("data-date") < day
                     else "#month-prev").click()
        page.wait_for_timeout(300)
    entry = page.locator(f"#calendar-week [data-date='{day}'] [data-event-id='{meeting.id}']")
    expect(entry).to_contain_text(meeting.place)
    expect(entry).to_contain_text("5А")
    expect(entry.locator(".calendar-description")).to_have_text(meeting.description)
    # the list: answer the meeting
    page.locator("#view-list").click()
    expect(page.locator("#calendar-entries [data-kind=holiday], #calendar-entries [data-kind=meeting]").first).to_be_visible()
    page.locator(f"#rsvp-no-{meeting.id}").click()
    page.locator(f"#rsvp-yes-{meeting.id}").click()
    expect(page.locator(f"#rsvp-yes-{meeting.id}")).to_be_visible()

    def answered():
        app_db.expire_all()
        return app_db.exec(select(EventRsvp).where(EventRsvp.parent_id == parent.id)).all()

    for _ in range(20):
        if answered() and answered()[0].coming:
            break
        page.wait_for_timeout(500)
    [answer] = answered()
    assert answer.coming
    coming = len(app_db.exec(select(EventRsvp).where(EventRsvp.event_id == meeting.id, EventRsvp.coming)).all())
    teacher = open_calendar(browser, browser_context_args, app_url, "teacher1", "teacher1pass", ahead, "list")
    expect(teacher.locator(".rsvp-counts").first).to_contain_text(str(coming))
    # a parent of another class has no answer buttons for it
    other = open_calendar(browser, browser_context_args, app_url,
                          fresh_family(app_db, f"rsvp_other_{viewport_name}", "5Б").parent.login, "secret12", ahead, "list")
    expect(other.locator("#month-key")).to_be_visible()
    assert other.locator(f"#rsvp-yes-{meeting.id}").count() == 0


def test_an_event_shows_hostile_text_as_text_and_its_cancellation_reaches_the_feed(browser, browser_context_args, app_url,
                                                                                    app_db, viewport_name):
    klass = app_db.exec(select(SchoolClass).where(SchoolClass.name == "5А").order_by(SchoolClass.id)).first()  # the demo's: the first school
    teacher = user(app_db, "teacher1")
    start = datetime.combine(clock.today() + timedelta(days=2), time(18, 0))
    event = events.create_event(app_db, teacher, {
        "target": f"class:{klass.id}", "title": f"Собрание {viewport_name} {XSS[1]}"[:200], "place": XSS[4][:200],
        "description": "\n".join(XSS)[:2000], "starts": start.isoformat(), "ends": (start + timedelta(hours=1)).isoformat()})
    app_db.commit()
    parent = fresh_family(app_db, f"event_{viewport_name}", "5А").parent
    page = open_calendar(browser, browser_context_args, app_url, parent.login, "secret12", months_to(event.starts_at),
                         "list")
    entry = page.locator(f"#calendar-entries [data-event-id='{event.id}']")
    expect(entry.locator(".calendar-description")).to_contain_text("<script>window.__xss='script'</script>")
    expect(entry.locator(".calendar-title")).to_contain_text("<img src=x")
    assert entry.locator("script, img, svg, iframe, details, a").count() == 0
    assert page.evaluate("window.__xss") is None

    # the author edits it (a new place), then cancels it; the parent's feed says CANCELLED
    author = open_calendar(browser, browser_context_args, app_url, "teacher1", "teacher1pass",
                           months_to(event.starts_at), "list")
    author.locator(f"#edit-event-{event.id}").click()
    expect(author.locator("#event-form-heading")).to_contain_text("Собрание")
    author.locator("#field-place").fill("Кабинет 12")
    author.locator("#event-submit").click()
    expect(author.locator("#event-sent")).to_be_visible()
    page.reload()
    page.locator("#view-list").click()
    for _ in range(months_to(event.starts_at)):
        page.locator("#month-next").click()
    expect(page.locator(f"#calendar-entries [data-event-id='{event.id}']")).to_contain_text("Кабинет 12")
    author.locator(f"#cancel-event-{event.id}").click()
    expect(author.locator("#event-sent")).to_be_visible()
    calendar = new_feed(page, app_url, "events")
    [cancelled] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"event-{event.id}@mrko.school"]
    assert cancelled["STATUS"] == "CANCELLED" and str(cancelled["LOCATION"]) == "Кабинет 12"


def test_host_offers_slots_cancels_one_booking_and_withdraws_another(browser, browser_context_args, app_url, app_db,
                                                                    viewport_name):
    day = clock.today() + timedelta(days=4 if viewport_name == "desktop" else 5)
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "teacher2", "teacher2pass", "/journal/meetings")
    page.locator("#field-day").fill(day.isoformat())
    page.locator("#field-start").fill("16:00")
    page.locator("#field-end").fill("17:00")
    page.locator("#field-minutes").select_option("20")
    page.locator("#field-place").fill("javascript:alert(1)")
    page.locator("#offer-submit").click()
    expect(page.locator("#error-place")).to_be_visible()  # the error beside its field
    page.locator("#field-place").fill("Кабинет 14")
    page.locator("#offer-submit").click()
    expect(page.locator("#offer-sent")).to_be_visible()
    teacher = user(app_db, "teacher2")
    app_db.expire_all()
    first, second, third = sorted(app_db.exec(select(MeetingSlot).where(
        MeetingSlot.host_id == teacher.id, MeetingSlot.minutes == 20, MeetingSlot.starts_at >= clock.to_utc(
            datetime.combine(day, time()))).order_by(MeetingSlot.starts_at)).all()[:3], key=lambda s: s.starts_at)
    # two parents of 5Б book the first and the second; the teacher sees the children's names
    mums = []
    for n, slot in enumerate((first, second)):
        parent = fresh_family(app_db, f"host_{n}_{viewport_name}", "5Б").parent
        mum = browser.new_context(**browser_context_args).new_page()
        sign_in(mum, app_url, parent.login, "secret12", "/diary/meetings")
        mum.locator(f"#book-{slot.id}").click()
        expect(mum.locator("#meetings-sent")).to_be_visible()
        mums.append((parent, mum))
    app_db.expire_all()
    booking = app_db.exec(select(MeetingBooking).where(MeetingBooking.slot_id == first.id)).one()
    booking_id = booking.id
    later_id = app_db.exec(select(MeetingBooking.id).where(MeetingBooking.slot_id == second.id)).one()
    page.reload()
    expect(page.locator(f"#slot-{first.id}")).to_contain_text(app_db.get(Student, booking.student_id).first_name)
    # the first: cancelled with a reason
    page.locator(f"#reason-{booking_id}").fill("Педсовет")
    page.locator(f"#cancel-{booking_id}").click()
    expect(page.locator("#offer-sent")).to_be_visible()
    # the second: the time withdrawn, with a reason the parent is sent; the free third withdrawn too
    page.locator(f"#withdraw-reason-{second.id}").fill("Больничный")
    page.locator(f"#withdraw-{second.id}").click()
    expect(page.locator(f"#slot-{second.id}")).to_have_count(0)
    page.locator(f"#withdraw-{third.id}").click()
    expect(page.locator(f"#slot-{third.id}")).to_have_count(0)
    app_db.expire_all()
    record = app_db.exec(select(MeetingCancellation).where(MeetingCancellation.booking_id == booking_id)).one()
    assert record.reason == "Педсовет" and record.cancelled_by == teacher.id
    assert app_db.get(MeetingBooking, later_id) is None and app_db.get(MeetingSlot, third.id).withdrawn
    parent, mum = mums[1]
    told = app_db.exec(select(OutboxMessage).where(OutboxMessage.user_id == parent.id)).all()
    assert any("Больничный" in m.body for m in told)
    mum.reload()
    assert mum.locator(f"#book-{second.id}").count() == 0 and mum.locator(f"#book-{third.id}").count() == 0
    calendar = new_feed(mum, app_url, "meetings")
    [gone] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"meeting-{later_id}@mrko.school"]
    assert gone["STATUS"] == "CANCELLED" and "Больничный" in str(gone["DESCRIPTION"])


def test_a_parent_of_two_children_makes_a_feed_of_one_childs_items(browser, browser_context_args, app_url, app_db,
                                                                   viewport_name):
    parent = user(app_db, "parent1")  # Маша in 5А, Петя in 8А
    children = {link.page_name: student for link, student in app_db.exec(
        select(ParentChildLink, Student).join(Student, Student.id == ParentChildLink.student_id)
        .where(ParentChildLink.parent_id == parent.id)).all()}
    masha = children["Маша"]
    klass, petya_class = app_db.get(SchoolClass, masha.class_id), app_db.get(SchoolClass, children["Петя"].class_id)
    staff = user(app_db, "staff1")
    start = datetime.combine(clock.today() + timedelta(days=3), time(17, 0))
    for cls in (klass, petya_class):
        events.create_event(app_db, staff, {"target": f"class:{cls.id}", "title": f"Только {cls.name} {viewport_name}",
                                            "place": "Зал", "starts": start.isoformat(),
                                            "ends": (start + timedelta(hours=1)).isoformat()})
    app_db.commit()
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "parent1", "parent1pass", "/profile/calendar")
    page.locator(f"#feed-child-{masha.id}").click()  # ticked by the state's answer (a controlled box)
    expect(page.locator(f"#feed-child-{masha.id}")).to_be_checked()
    page.locator("#field-kind").select_option("events")
    page.locator("#feed-create").click()
    url = page.locator("#feed-url").inner_text(timeout=20000).strip()
    status, body = fetch(url)
    titles = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert status == 200 and f"Только {klass.name} {viewport_name}" in titles
    assert f"Только {petya_class.name} {viewport_name}" not in titles
    expect(page.locator("#feeds")).to_contain_text("Маша")
