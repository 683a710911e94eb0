"""UI shared by the forum, FAQ and home pages: the search box, search results with highlighted
snippets, question cards, tags, author lines and the sanitised HTML of a post."""

from typing import Any

import reflex as rx

from mrko_app import routes
from mrko_app.components.i18n import T
from mrko_app.services.forum import TAGS


def items(var) -> rx.Var:
    return var.to(list[dict[str, Any]])


def search_box(on_submit, value, *, label_key: str = "forum.search_label", box_id: str = "search") -> rx.Component:
    """A labelled search field with its button, inside a form (role=search for screen readers)."""
    return rx.form(
        rx.hstack(
            rx.el.label(T(label_key), html_for=f"{box_id}-input", class_name="sr-only"),
            rx.input(name="q", id=f"{box_id}-input", default_value=value, placeholder=T("forum.search_placeholder"),
                     max_length=200, size="3", width="100%", type="search"),
            rx.button(rx.icon("search", size=16), T("forum.search"), type="submit", size="3", id=f"{box_id}-submit"),
            width="100%", spacing="2",
        ),
        on_submit=on_submit, reset_on_submit=False, role="search", width="100%", id=box_id,
    )


def marked(segments) -> rx.Component:
    """Text segments, the matching words in <mark>."""
    return rx.foreach(items(segments), lambda s: rx.cond(s["hit"], rx.el.mark(s["text"]), rx.el.span(s["text"])))


def kind_badge(kind) -> rx.Component:
    return rx.match(kind,
                    ("faq", rx.badge(T("forum.kind.faq"), color_scheme="green")),
                    ("answer", rx.badge(T("forum.kind.answer"), color_scheme="blue")),
                    rx.badge(T("forum.kind.question"), color_scheme="gray"))


def results(var, searched, *, list_id: str = "search-results") -> rx.Component:
    def one(r) -> rx.Component:
        return rx.el.li(
            rx.hstack(kind_badge(r["kind"]), rx.link(marked(r["title_marks"]), href=r["href"], weight="bold",
                                                   class_name="result-title"), spacing="2", align="center",
                      wrap="wrap"),
            rx.text(marked(r["snippet"]), size="2", class_name="result-snippet"),
            class_name="forum-card", data_kind=r["kind"],
        )

    return rx.cond(
        searched,
        rx.cond(var.length() > 0,
                rx.el.ul(rx.foreach(var, one), class_name="forum-list", id=list_id),
                rx.text(T("forum.no_results"), id=f"{list_id}-empty", color_scheme="gray")),
    )


def tag_badges(tags) -> rx.Component:
    return rx.foreach(tags.to(list[str]), lambda t: rx.badge(
        rx.match(t, *[(code, T(f"forum.tag.{code}")) for code in TAGS], t), variant="soft", size="1"))


def author_line(p) -> rx.Component:
    return rx.hstack(
        rx.link(p["author"], href=routes.FORUM_USER + "?id=" + p["author_id"].to(str), size="2"),
        rx.cond(p["badge"] == "teacher", rx.badge(T("role.teacher"), color_scheme="blue", size="1")),
        rx.cond(p["badge"] == "staff", rx.badge(T("role.staff"), color_scheme="purple", size="1")),
        rx.text(p["created"], size="1", color_scheme="gray"),
        spacing="2", align="center", wrap="wrap",
    )


def question_card(q) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.vstack(rx.text(q["score"], weight="bold"), rx.text(T("forum.votes"), size="1"), spacing="0",
                      align="center", class_name="forum-count"),
            rx.vstack(rx.text(q["answers"], weight="bold"), rx.text(T("forum.answers"), size="1"), spacing="0",
                      align="center", class_name=rx.cond(q["accepted"], "forum-count accepted", "forum-count")),
            rx.vstack(
                rx.hstack(rx.cond(q["pinned"], rx.icon("pin", size=14, aria_label=T("forum.pinned"))),
                          rx.link(q["title"], href=routes.FORUM_QUESTION + "?id=" + q["id"].to(str), weight="bold",
                                  class_name="question-link"),
                          spacing="1", align="center"),
                rx.hstack(tag_badges(q["tags"]), author_line(q), spacing="2", wrap="wrap", align="center"),
                spacing="1", min_width="0",
            ),
            spacing="3", align="start",
        ),
        class_name="forum-card question-card", data_question_id=q["id"].to(str),
    )


def post_html(html) -> rx.Component:
    """A post's body: HTML from services/markdown.render (markdown-it, then nh3: safe to insert)."""
    return rx.html(html, class_name="forum-body")


def forum_styles() -> rx.Component:
    return rx.el.style("""
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
.forum-list{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem;width:100%}
.forum-card{border:1px solid var(--gray-a6);border-radius:8px;padding:.6rem .8rem;background:var(--color-panel-solid)}
.forum-count{min-width:3.2rem;color:var(--gray-11)}
.forum-count.accepted{color:var(--green-11)}
.forum-body p{margin:.3rem 0}.forum-body pre{overflow-x:auto}
.forum-body a{color:var(--accent-11);text-decoration:underline}
mark{background:var(--amber-a5);color:inherit;padding:0 .1em}
.post-hidden{border-style:dashed;opacity:.85}
.forum-answer.accepted{border-color:var(--green-8)}
.forum-comment{border-left:3px solid var(--gray-a6);padding-left:.6rem;margin-left:.6rem}
""")


def faq_link(slug: str, **props) -> rx.Component:
    """A link from a page where a question arises to its FAQ entry (the entry's stable link)."""
    return rx.link(rx.hstack(rx.icon("circle-help", size=14), rx.text(T("faq.help")), spacing="1", align="center"),
                   href=f"{routes.FAQ}?entry={slug}", size="2", class_name="faq-help-link", **props)
