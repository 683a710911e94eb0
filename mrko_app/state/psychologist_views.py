"""Psychologist records -> small dicts of display strings in the reader's language (the school's clock).
Only what the reader may see goes in: the service already withheld an anonymous parent's name."""

from mrko_app.i18n import tr
from mrko_app.services import psychologist as psy
from mrko_app.state.school_life_views import moment

STATUS_COLOURS = {"new": "blue", "in_progress": "amber", "meeting_booked": "green", "closed": "gray"}


def status_label(status: str, lang: str) -> str:
    return tr(f"psy.status.{status}", lang)


def reply_row(reply: psy.Reply, lang: str) -> dict:
    author = reply.author or tr("psy.parent_hidden", lang)
    if reply.by_psychologist:
        author = tr("psy.by_psychologist", lang, name=reply.author)
    return {"id": str(reply.id), "author": author, "html": reply.body_html, "when": moment(reply.created_at, lang),
            "mine": "psy" if reply.by_psychologist else "parent"}


def offer_row(offer: psy.Offer, lang: str) -> dict:
    return {"id": str(offer.slot_id), "when": moment(offer.starts_at, lang),
            "length": tr("meetings.minutes", lang, minutes=offer.minutes), "place": offer.place,
            "booked": offer.booked}


def request_row(r: psy.Request, lang: str) -> dict:
    """One request: its header fields, and its thread and offers when the service read them."""
    parent = r.parent or tr("psy.parent_hidden", lang)
    return {
        "id": str(r.id), "topic": r.topic, "kind": tr(f"psy.kind.{r.kind}", lang), "status": r.status,
        "status_text": status_label(r.status, lang), "colour": STATUS_COLOURS.get(r.status, "gray"),
        "child": r.child, "parent": parent, "anonymous": r.anonymous, "html": r.text_html,
        "created": moment(r.created_at, lang), "due": moment(r.answer_due, lang),
        "answered": moment(r.answered_at, lang) if r.answered_at else "",
        "replies": [reply_row(x, lang) for x in r.replies],
        "offers": [offer_row(o, lang) for o in r.offers if not o.booked],
        "booked": [offer_row(o, lang) for o in r.offers if o.booked],
        "open": r.status != "closed",
    }


def share_row(share: psy.Share, lang: str) -> dict:
    return {"person": share.person, "relation": tr(f"psy.relation.{share.relation}", lang),
            "when": moment(share.created_at, lang)}


def log_row(line: psy.LogLine, lang: str) -> dict:
    return {"person": line.person, "action": tr(f"psy.action.{line.action}", lang), "when": moment(line.at, lang)}


def candidate_row(c: psy.Candidate, lang: str) -> dict:
    return {"id": str(c.user_id), "text": f"{c.name} ({tr(f'psy.relation.{c.relation}', lang)})"}


def notice_paragraphs(promise: psy.Promise, lang: str) -> list[str]:
    text = promise.notice or tr("psy.notice.default", lang)
    return [p.strip() for p in text.split("\n") if p.strip()]
