"""School life in the browser, desktop and phone: staff publish school news and the class teacher class
news (with XSS payloads); a parent of that class sees both, a parent of another class only the school's
(in the UI and over the websocket); pictures only to the audience; the author edits and withdraws; a
scheduled post appears when the school's clock is moved to its time; two parents race for one
meeting slot and exactly one gets it; the booking is in the calendar feed; a revoked feed answers 404."""

import contextlib
import io
import re
import urllib.error
import urllib.request
from datetime import timedelta

import icalendar
import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import MeetingBooking, MeetingSlot, NewsPicture, NewsPost, NewsRead, SchoolClass
from mrko_app.models.base import utcnow
from mrko_app.services import clock
from mrko_app.services.accounts import core as accounts
from mrko_app.state.meetings import MeetingsState
from mrko_app.state.news import NewsState
from tests.async_run import run_async
from tests.e2e.access_steps import fresh_family, sign_in, user
from tests.e2e.socket_client import EventClient
from tests.e2e.test_public_info import XSS as XSS_LIST

pytestmark = pytest.mark.e2e
XSS = ("<script>window.__xss=1</script>\n\n<img src=x onerror=\"window.__xss=1\">\n\n"
       "[one](javascript:window.__xss=1) <a href=\"javascript:window.__xss=1\">two</a> <svg onload=window.__xss=1>"
       " [three](JaVaScRiPt:window.__xss=1) **safe**")


def publish(page, app_url, login, password, target, title, body, publish_at="", signed_in=False):
    if not signed_in:
        sign_in(page, app_url, login, password, "/news")
    page.locator("#field-target").select_option(target)
    page.locator("#field-title").fill(title)
    page.locator("#field-body").fill(body)
    if publish_at:
        page.locator("#field-publish_at").fill(publish_at)
    page.locator("#news-submit").click()
    expect(page.locator("#news-sent, [role=alert], #form-message").first).to_be_visible(timeout=20000)
    assert page.locator("#news-sent").count() == 1, page.locator("[role=alert], #form-message").all_inner_texts()


def picture_file(name: str, colour) -> dict:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1600), colour).save(out, "JPEG", comment=b"secret camera comment")
    return {"name": name, "mimeType": "image/jpeg", "buffer": out.getvalue()}


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


@contextlib.contextmanager
def school_clock_moved(private_dir, by: timedelta):
    """Move the running (development) app's school clock, and back at the end (services/clock.py)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MRKO_ENV", "development")
        mp.setenv("MRKO_PRIVATE_DIR", str(private_dir))
        clock.set_offset(by.total_seconds())
        try:
            yield
        finally:
            clock.set_offset(0)


def test_news_reach_the_right_parents(browser, browser_context_args, app_url, app_db, app_private_dir, viewport_name):
    klass = app_db.exec(select(SchoolClass).where(SchoolClass.name == "5А").order_by(SchoolClass.id)).first()  # the demo's: the first school
    school_title, class_title = f"Школьная {viewport_name} {XSS_LIST[1]}", f"Классная {viewport_name}"
    staff_ctx, teacher_ctx = browser.new_context(**browser_context_args), browser.new_context(**browser_context_args)
    # the class teacher's post carries two pictures (uploaded, resized, private) and every XSS payload
    teacher = teacher_ctx.new_page()
    sign_in(teacher, app_url, "teacher1", "teacher1pass", "/news")
    teacher.locator("#news-pictures input[type=file]").set_input_files(
        [picture_file("один.jpg", (200, 30, 30)), picture_file("два.jpg", (30, 30, 200))])
    expect(teacher.locator("#news-pictures-attached")).to_be_visible(timeout=20000)
    publish(teacher, app_url, "teacher1", "teacher1pass", f"class:{klass.id}", class_title,
            XSS + "\n\n" + "\n\n".join(XSS_LIST), signed_in=True)
    publish(staff_ctx.new_page(), app_url, "staff1", "staff1pass", f"school:{klass.school_id}", school_title, "Всем")
    # a post scheduled two hours ahead: it appears when the school's clock gets there
    later = clock.to_local(clock.now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S")
    scheduled = f"Позже {viewport_name}"
    publish(staff_ctx.new_page(), app_url, "staff1", "staff1pass", f"school:{klass.school_id}", scheduled, "Потом",
            publish_at=later)

    ours, theirs = (fresh_family(app_db, f"news_a_{viewport_name}", "5А").parent,
                    fresh_family(app_db, f"news_b_{viewport_name}", "5Б").parent)
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, ours.login, "secret12", "/news")
    feed = page.locator("#news-feed")
    expect(feed.get_by_text(class_title)).to_be_visible()
    expect(feed.get_by_text(school_title)).to_be_visible()
    expect(feed.get_by_text(scheduled)).to_have_count(0)
    post = app_db.exec(select(NewsPost).where(NewsPost.title == class_title)).one()
    article = page.locator(f"#news-{post.id}")
    expect(article.locator("strong", has_text="safe")).to_be_visible()
    body = article.locator(".news-body")
    assert body.locator("a[href^='javascript' i], a[href^='data' i], script, img, svg, iframe, details").count() == 0
    assert page.evaluate("window.__xss") is None
    # the pictures: shown, shrunk to 1600 px, re-encoded without the camera's comment; their addresses
    # are this reader's, short-lived and tamper-proof
    pictures = article.locator("img.news-picture")
    expect(pictures).to_have_count(2)
    expect(pictures.first).to_have_js_property("naturalWidth", 1600)
    sources = [pictures.nth(n).get_attribute("src") for n in range(2)]
    status, data = fetch(app_url + sources[0])
    assert status == 200 and Image.open(io.BytesIO(data)).size == (1600, 1067) and b"secret camera" not in data
    assert fetch(app_url + sources[0][:-3] + "AAA")[0] == 404
    assert fetch(f"{app_url}/media/news.1.{ours.id}.9999999999.{'A' * 43}")[0] == 404
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
    assert all(src not in other.content() for src in sources)

    # the scheduled post appears at its time: the school's clock moved two hours on
    with school_clock_moved(app_private_dir, timedelta(hours=2, minutes=1)):
        other.reload()
        expect(other.locator("#news-feed").get_by_text(scheduled)).to_be_visible()
    other.reload()
    expect(other.locator("#news-feed").get_by_text(scheduled)).to_have_count(0)

    # over the websocket: the other class's parent gets no class news, cannot mark it or publish there
    token = accounts.create_session(app_db, theirs)
    app_db.commit()

    async def attack():
        async with EventClient(app_url, token, "/news") as client:
            await client.call(NewsState, "load", pathname="/news")
            titles = [i["title"] for i in client.state_value(NewsState, "items") or []]
            for bad in (post.id, str(post.id), None, 2**63, [post.id], {"id": post.id}):
                await client.call(NewsState, "mark_read", {"post_id": bad}, pathname="/news")
                await client.call(NewsState, "edit", {"post_id": bad}, pathname="/news")
                await client.call(NewsState, "withdraw", {"post_id": bad}, pathname="/news")
            for form in ({"target": f"class:{klass.id}", "title": "взлом", "body": "x"},
                         {"target": f"school:{klass.school_id}", "title": "взлом", "body": "x"}, None, 2**63, "x", []):
                await client.call(NewsState, "publish", {"form": form}, pathname="/news")
            return titles, str(client.updates)

    titles, everything = run_async(attack())
    assert school_title in titles and class_title not in titles and class_title not in everything
    # no address of the class post's pictures was made for them
    theirs_pictures = {int(n) for n in re.findall(r"/media/news\.(\d+)\.", everything)}
    assert not theirs_pictures & set(app_db.exec(select(NewsPicture.id).where(NewsPicture.post_id == post.id)).all())
    app_db.expire_all()
    assert app_db.exec(select(NewsPost).where(NewsPost.title == "взлом")).all() == []
    assert app_db.exec(select(NewsRead).where(NewsRead.user_id == theirs.id)).all() == []
    assert app_db.get(NewsPost, post.id).withdrawn_at is None

    # the author edits the post (the pictures dropped) and then withdraws it; the parent sees both
    teacher.goto(f"{app_url}/news")
    teacher.locator(f"#edit-{post.id}").click()
    expect(teacher.locator("#field-title")).to_have_value(class_title)
    teacher.locator("#field-title").fill(class_title + " (исправлено)")
    teacher.locator("#field-drop_pictures").check()
    teacher.locator("#news-submit").click()
    expect(teacher.locator("#news-sent")).to_be_visible()
    page.reload()
    expect(page.locator(f"#news-{post.id}")).to_contain_text("(исправлено)")
    expect(page.locator(f"#news-{post.id} img.news-picture")).to_have_count(0)
    assert fetch(app_url + sources[1])[0] == 404  # the dropped picture is gone
    teacher.locator(f"#withdraw-{post.id}").click()
    expect(teacher.locator("#news-sent")).to_be_visible()
    page.reload()
    expect(page.locator(f"#news-{post.id}")).to_have_count(0)


def test_two_parents_race_for_one_slot_and_the_feed(browser, browser_context_args, app_url, app_db, viewport_name):
    teacher = user(app_db, "teacher1")
    first, second = (fresh_family(app_db, f"race_{n}_{viewport_name}", "6А").parent for n in (1, 2))
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


# the PostgreSQL pass (MRKO_E2E_DB=postgres, Redis, several backend workers: the race is real there)
@pytest.mark.postgres
def test_race_and_feed_on_postgres(browser, browser_context_args, app_url, app_db, viewport_name):
    test_two_parents_race_for_one_slot_and_the_feed(browser, browser_context_args, app_url, app_db, viewport_name)


@pytest.mark.postgres
def test_news_reach_on_postgres(browser, browser_context_args, app_url, app_db, app_private_dir, viewport_name):
    test_news_reach_the_right_parents(browser, browser_context_args, app_url, app_db, app_private_dir, viewport_name)
