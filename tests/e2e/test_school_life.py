"""School life in the browser, desktop and phone: staff publish school news and the class teacher class
news (with XSS payloads); a parent of that class sees both, a parent of another class only the school's
(in the UI and over the websocket); a scheduled post appears at its time; two parents race for one
meeting slot and exactly one gets it; the booking is in the calendar feed; a revoked feed answers 404."""

import asyncio
import concurrent.futures
import urllib.error
import urllib.request
from datetime import timedelta

import icalendar
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import MeetingBooking, MeetingSlot, NewsPost, NewsRead, SchoolClass
from mrko_app.models.base import utcnow
from mrko_app.services import clock
from mrko_app.services.access import codes as access_codes
from mrko_app.services.accounts import core as accounts
from mrko_app.state.meetings import MeetingsState
from mrko_app.state.news import NewsState
from tests.e2e.access_steps import free_student, issue_code, new_parent, sign_in, user
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
XSS = ("<script>window.__xss=1</script>\n\n<img src=x onerror=\"window.__xss=1\">\n\n"
       "[one](javascript:window.__xss=1) <a href=\"javascript:window.__xss=1\">two</a> <svg onload=window.__xss=1>"
       " [three](JaVaScRiPt:window.__xss=1) **safe**")


def run_async(coroutine):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def parent_of(db, login: str, class_name: str):
    """A fresh parent linked to a free student of the class."""
    parent = new_parent(db, login)
    student, _cls = free_student(db, class_name)
    while db.exec(select(MeetingBooking.id).where(MeetingBooking.student_id == student.id)).first():
        issue_code(db, student.id)  # a demo family booked for this one: mark it used, take the next
        student, _cls = free_student(db, class_name)
    access_codes.redeem_code(db, parent, issue_code(db, student.id), student.first_name)
    db.commit()
    return parent


def publish(page, app_url, login, password, target, title, body, publish_at=""):
    sign_in(page, app_url, login, password, "/news")
    page.locator("#field-target").select_option(target)
    page.locator("#field-title").fill(title)
    page.locator("#field-body").fill(body)
    if publish_at:
        page.locator("#field-publish_at").fill(publish_at)
    page.locator("#news-submit").click()
    expect(page.locator("#news-sent, [role=alert], #form-message").first).to_be_visible(timeout=20000)
    assert page.locator("#news-sent").count() == 1, page.locator("[role=alert], #form-message").all_inner_texts()


def test_news_reach_the_right_parents(browser, browser_context_args, app_url, app_db, viewport_name):
    klass = app_db.exec(select(SchoolClass).where(SchoolClass.name == "5А")).first()
    school_title, class_title = f"Школьная {viewport_name} <img src=x onerror=window.__xss=1>", f"Классная {viewport_name}"
    staff_ctx, teacher_ctx = browser.new_context(**browser_context_args), browser.new_context(**browser_context_args)
    publish(staff_ctx.new_page(), app_url, "staff1", "staff1pass", f"school:{klass.school_id}", school_title, "Всем")
    publish(teacher_ctx.new_page(), app_url, "teacher1", "teacher1pass", f"class:{klass.id}", class_title, XSS)
    later = clock.to_local(utcnow() + timedelta(seconds=20)).strftime("%Y-%m-%dT%H:%M:%S")
    scheduled = f"Позже {viewport_name}"
    publish(staff_ctx.new_page(), app_url, "staff1", "staff1pass", f"school:{klass.school_id}", scheduled, "Потом",
            publish_at=later)

    ours, theirs = parent_of(app_db, f"news_a_{viewport_name}", "5А"), parent_of(app_db, f"news_b_{viewport_name}", "5Б")
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, ours.login, "secret12", "/news")
    feed = page.locator("#news-feed")
    expect(feed.get_by_text(class_title)).to_be_visible()
    expect(feed.get_by_text(school_title)).to_be_visible()
    expect(feed.get_by_text(scheduled)).to_have_count(0)
    post = app_db.exec(select(NewsPost).where(NewsPost.title == class_title)).one()
    expect(page.locator(f"#news-{post.id} strong", has_text="safe")).to_be_visible()
    assert feed.locator("a[href^='javascript' i], script, img, svg").count() == 0
    assert page.evaluate("window.__xss") is None
    # the newest posts are on the parent's home page too
    page.goto(f"{app_url}/")
    expect(page.locator("#home-news")).to_contain_text(class_title)
    page.goto(f"{app_url}/news")
    # unread marking
    page.locator(f"#read-{post.id}").click()
    expect(page.locator(f"#read-{post.id}")).to_have_count(0)

    other = browser.new_context(**browser_context_args).new_page()
    sign_in(other, app_url, theirs.login, "secret12", "/news")
    expect(other.locator("#news-feed").get_by_text(school_title)).to_be_visible()
    expect(other.locator("#news-feed").get_by_text(class_title)).to_have_count(0)

    # the scheduled post appears at its time (the school's clock decides)
    deadline = 40
    while deadline > 0 and other.locator("#news-feed").get_by_text(scheduled).count() == 0:
        other.wait_for_timeout(2000)
        deadline -= 2
        other.reload()
    expect(other.locator("#news-feed").get_by_text(scheduled)).to_be_visible()

    # over the websocket: the other class's parent gets no class news, cannot mark it or publish there
    token = accounts.create_session(app_db, theirs)
    app_db.commit()

    async def attack():
        async with EventClient(app_url, token, "/news") as client:
            await client.call(NewsState, "load", pathname="/news")
            titles = [i["title"] for i in client.state_value(NewsState, "items") or []]
            for bad in (post.id, str(post.id), None, 2**63, [post.id], {"id": post.id}):
                await client.call(NewsState, "mark_read", {"post_id": bad}, pathname="/news")
            for form in ({"target": f"class:{klass.id}", "title": "взлом", "body": "x"},
                         {"target": f"school:{klass.school_id}", "title": "взлом", "body": "x"}, None, 2**63, "x", []):
                await client.call(NewsState, "publish", {"form": form}, pathname="/news")
            return titles, str(client.updates)

    titles, everything = run_async(attack())
    assert school_title in titles and class_title not in titles and class_title not in everything
    app_db.expire_all()
    assert app_db.exec(select(NewsPost).where(NewsPost.title == "взлом")).all() == []
    assert app_db.exec(select(NewsRead).where(NewsRead.user_id == theirs.id)).all() == []


def test_two_parents_race_for_one_slot_and_the_feed(browser, browser_context_args, app_url, app_db, viewport_name):
    teacher = user(app_db, "teacher1")
    first, second = (parent_of(app_db, f"race_{n}_{viewport_name}", "6А") for n in (1, 2))
    pages = []
    for parent in (first, second):
        page = browser.new_context(**browser_context_args).new_page()
        sign_in(page, app_url, parent.login, "secret12", "/diary/meetings")
        pages.append(page)
    app_db.expire_all()
    slot = app_db.exec(select(MeetingSlot).outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
                       .where(MeetingSlot.host_id == teacher.id, MeetingSlot.starts_at > utcnow(),
                              MeetingBooking.id.is_(None)).order_by(MeetingSlot.starts_at)).first()
    for page in pages:
        expect(page.locator(f"#book-{slot.id}")).to_be_visible()
    for page in pages:  # both click before either answer arrives
        page.locator(f"#book-{slot.id}").click(no_wait_after=True)
    for page in pages:
        expect(page.locator("#meetings-sent, #form-message").first).to_be_visible(timeout=20000)
    won = [p.locator("#meetings-sent").count() == 1 for p in pages]
    assert sorted(won) == [False, True]
    winner, loser = (pages[0], pages[1]) if won[0] else (pages[1], pages[0])
    expect(loser.locator("#form-message")).to_be_visible()
    assert loser.locator("#next-free .meeting-slot").count() >= 1
    assert loser.locator(f"#next-free #book-{slot.id}").count() == 0
    app_db.expire_all()
    [booking] = app_db.exec(select(MeetingBooking).where(MeetingBooking.slot_id == slot.id)).all()

    # the winner's calendar feed holds the booking; revoked, its address answers 404
    winner.goto(f"{app_url}/profile/calendar")
    winner.locator("#field-kind").select_option("all")
    winner.locator("#feed-create").click()
    url = winner.locator("#feed-url").inner_text(timeout=20000).strip()
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["content-type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.read())
    uids = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    meeting = uids[f"meeting-{booking.id}@mrko.school"]
    assert meeting.decoded("DTSTART").astimezone(clock.zone()).replace(tzinfo=None) == clock.to_local(slot.starts_at)
    winner.locator("#feeds .feed-row button").first.click()
    expect(winner.locator("#feeds-sent")).to_be_visible()
    for address in (url, url[:-10] + "AAAAAA.ics", f"{app_url}/calendar/x.ics"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(address, timeout=30)
        assert err.value.code == 404

    # the loser cannot cancel the winner's booking over the websocket
    token = accounts.create_session(app_db, second if winner is pages[0] else first)
    app_db.commit()

    async def attack():
        async with EventClient(app_url, token, "/diary/meetings") as client:
            await client.call(MeetingsState, "cancel", {"form": {"booking_id": booking.id, "reason": "x"}})
            for bad in (None, 2**63, "x", [slot.id], {"a": 1}):
                await client.call(MeetingsState, "book", {"slot_id": bad})

    run_async(attack())
    app_db.expire_all()
    assert app_db.get(MeetingBooking, booking.id) is not None


def test_calendar_month_and_rsvp_for_the_class_meeting(browser, browser_context_args, app_url, app_db, viewport_name):
    from mrko_app.models import EventRsvp, SchoolEvent

    meeting = app_db.exec(select(SchoolEvent).where(SchoolEvent.kind == "meeting")).first()
    months_ahead = (clock.to_local(meeting.starts_at).month - clock.today().month) % 12
    parent = parent_of(app_db, f"rsvp_{viewport_name}", "5А")
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, parent.login, "secret12", "/calendar")
    for _ in range(months_ahead):
        page.locator("#month-next").click()
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
    teacher = browser.new_context(**browser_context_args).new_page()
    sign_in(teacher, app_url, "teacher1", "teacher1pass", "/calendar")
    for _ in range(months_ahead):
        teacher.locator("#month-next").click()
    expect(teacher.locator(".rsvp-counts").first).to_contain_text(str(coming))
    # a parent of another class has no answer buttons for it
    other = browser.new_context(**browser_context_args).new_page()
    sign_in(other, app_url, parent_of(app_db, f"rsvp_other_{viewport_name}", "5Б").login, "secret12", "/calendar")
    for _ in range(months_ahead):
        other.locator("#month-next").click()
    expect(other.locator("#month-key")).to_be_visible()
    assert other.locator(f"#rsvp-yes-{meeting.id}").count() == 0


# the PostgreSQL pass (MRKO_E2E_DB=postgres, Redis, several backend workers: the race is real there)
@pytest.mark.postgres
def test_race_and_feed_on_postgres(browser, browser_context_args, app_url, app_db, viewport_name):
    test_two_parents_race_for_one_slot_and_the_feed(browser, browser_context_args, app_url, app_db, viewport_name)


@pytest.mark.postgres
def test_news_reach_on_postgres(browser, browser_context_args, app_url, app_db, viewport_name):
    test_news_reach_the_right_parents(browser, browser_context_args, app_url, app_db, viewport_name)


def test_host_offers_slots_and_cancels_a_booking_with_a_reason(browser, browser_context_args, app_url, app_db,
                                                               viewport_name):
    day = clock.today() + timedelta(days=4 if viewport_name == "desktop" else 5)
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "teacher2", "teacher2pass", "/journal/meetings")
    page.locator("#field-day").fill(day.isoformat())
    page.locator("#field-start").fill("16:00")
    page.locator("#field-end").fill("16:40")
    page.locator("#field-minutes").select_option("20")
    page.locator("#field-place").fill("javascript:alert(1)")
    page.locator("#offer-submit").click()
    expect(page.locator("#error-place")).to_be_visible()  # the error beside its field
    page.locator("#field-place").fill("Кабинет 14")
    page.locator("#offer-submit").click()
    expect(page.locator("#offer-sent")).to_be_visible()
    teacher = user(app_db, "teacher2")
    app_db.expire_all()
    slots = app_db.exec(select(MeetingSlot).where(MeetingSlot.host_id == teacher.id, MeetingSlot.minutes == 20)
                        .order_by(MeetingSlot.starts_at.desc())).all()[:2]
    assert len(slots) == 2
    # a parent of 5Б books the first; the teacher sees the child's name and cancels with a reason
    parent = parent_of(app_db, f"host_{viewport_name}", "5Б")
    first = min(slots, key=lambda s: s.starts_at)
    mums = browser.new_context(**browser_context_args).new_page()
    sign_in(mums, app_url, parent.login, "secret12", "/diary/meetings")
    mums.locator(f"#book-{first.id}").click()
    expect(mums.locator("#meetings-sent")).to_be_visible()
    app_db.expire_all()
    booking = app_db.exec(select(MeetingBooking).where(MeetingBooking.slot_id == first.id)).one()
    page.reload()
    from mrko_app.models import Student

    child = app_db.get(Student, booking.student_id)
    expect(page.locator(f"#slot-{first.id}")).to_contain_text(child.first_name)
    booking_id = booking.id
    page.locator(f"#reason-{booking_id}").fill("Педсовет")
    page.locator(f"#cancel-{booking_id}").click()
    expect(page.locator("#offer-sent")).to_be_visible()
    app_db.expire_all()
    from mrko_app.models import MeetingCancellation

    record = app_db.exec(select(MeetingCancellation).where(MeetingCancellation.booking_id == booking_id)).one()
    assert record.reason == "Педсовет" and record.cancelled_by == teacher.id
    assert app_db.exec(select(MeetingBooking).where(MeetingBooking.id == booking_id)).first() is None
