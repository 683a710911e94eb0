"""School-life records -> small dicts of display strings in the reader's language (the school's
clock and time zone for every time shown). Only what the reader may see goes in."""

from datetime import datetime, timedelta

from mrko_app.i18n import formats, localized, tr
from mrko_app.services import clock
from mrko_app.services.calendar_feed import Feed
from mrko_app.services.meetings import Host, Slot
from mrko_app.services.news import NewsItem, Target


def moment(utc: datetime, lang: str, school=None) -> str:
    return formats.datetime(clock.to_local(utc, school), lang)


def news_row(item: NewsItem, lang: str, zone: str = "") -> dict:
    """A post, its time on the reader's school's clock (`zone`)."""
    label = tr("news.school", lang) if item.class_name is None else tr("news.target.class", lang, name=item.class_name)
    if item.children:
        label += " · " + ", ".join(item.children)
    return {"id": str(item.id), "title": item.title, "html": item.body_html, "pinned": item.pinned,
            "unread": item.unread, "when": moment(item.published_at, lang, zone), "label": label,
            "kind": "school" if item.class_name is None else "class", "editable": item.editable,
            "pictures": [{"src": src, "alt": tr("news.picture_alt", lang, number=n, title=item.title)}
                         for n, src in enumerate(item.pictures, 1)]}


def scheduled_row(post, lang: str, zone: str = "") -> dict:
    """A post waiting for its time, shown on its school's clock (`zone`)."""
    return {"id": str(post.id), "title": post.title,
            "when": tr("news.scheduled_at", lang, when=moment(post.publish_at, lang, zone))}


def target_row(target: Target, lang: str) -> dict:
    text = tr("news.target.school", lang) if target.class_name is None else tr(
        "news.target.class", lang, name=target.class_name)
    return {"value": target.value, "text": text}


def slot_row(slot: Slot, lang: str) -> dict:
    local = clock.to_local(slot.starts_at, slot.zone)
    return {"id": str(slot.id), "when": formats.datetime(local, lang), "day": formats.date(local.date(), lang),
            "time": formats.time(local, lang), "length": tr("meetings.minutes", lang, minutes=slot.minutes),
            "place": slot.place, "booking_id": str(slot.booking_id or ""), "child": slot.student_name}


def host_row(host: Host, lang: str) -> dict:
    return {"id": str(host.id), "name": host.name, "free": [slot_row(s, lang) for s in host.free],
            "booked": [slot_row(s, lang) for s in host.booked]}


def feed_row(feed: Feed, lang: str, zone: str = "") -> dict:
    kind = tr(f"feeds.kind.{feed.kind}", lang)
    if feed.children:
        kind += " · " + tr("feeds.for_children", lang, names=", ".join(feed.children))
    return {"id": str(feed.id), "kind": kind, "created": moment(feed.created_at, lang, zone)}


def entry_row(entry, lang: str) -> dict:
    """A calendar entry: times at the school for timed ones, dates for all-day ones."""
    if isinstance(entry.starts, datetime):
        start, end = clock.to_local(entry.starts, entry.zone), clock.to_local(entry.ends, entry.zone)
        same_day = end.date() == start.date()
        when = (f"{formats.day_month(start.date(), lang)} {formats.time(start, lang)}–"
                + (formats.time(end, lang) if same_day else f"{formats.day_month(end.date(), lang)} {formats.time(end, lang)}"))
        time_text, start_day = formats.time(start, lang), start.date()
        end_day = max(start.date(), (end - timedelta(seconds=1)).date())
    else:
        when = formats.day_month(entry.starts, lang) + (
            "" if entry.ends == entry.starts else "–" + formats.day_month(entry.ends, lang))
        time_text, start_day, end_day = "", entry.starts, entry.ends
    title = entry.title
    if entry.kind == "holiday":
        title = localized(entry, "name", lang)
    elif entry.kind == "period":
        title = tr("events.period", lang, number=entry.number)
    elif entry.kind == "vacation":
        title = tr("events.vacation", lang)
    audience = tr("news.school", lang) if entry.class_name is None else tr("news.target.class", lang, name=entry.class_name)
    return {"kind": entry.kind, "kind_text": tr(f"events.kind.{entry.kind}", lang), "title": title, "when": when,
            "place": entry.place, "description": entry.description, "cancelled": entry.cancelled,
            "audience": audience if entry.kind in ("event", "meeting") else "",
            "id": str(entry.event_id or ""), "answerable": entry.answerable, "answer": entry.my_answer,
            "editable": entry.editable, "time": time_text, "start_day": start_day.isoformat(),
            "end_day": end_day.isoformat(),
            "counts": tr("events.counts", lang, coming=entry.counts[0], not_coming=entry.counts[1]) if entry.counts else ""}
