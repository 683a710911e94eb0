"""Markdown written by users, rendered safely: markdown-it-py (raw HTML off) then nh3, which keeps a
short list of tags and only http(s)/mailto links. The HTML it returns may go into the page as is.

Two profiles of the one renderer: `render` for posts and messages (no headings, no images), and
`render_article` for news written by the school (headings, demoted under the page's own, and tables)."""

import html
import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# no headings (they would break the page's outline) and no images (no tracking pixels in posts)
_md.disable(["heading", "lheading", "image"])

TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
SCHEMES = {"http", "https", "mailto"}
_LINK = re.compile(r"(?:https?://|www\.|mailto:)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def render(source: str) -> str:
    return nh3.clean(_md.render(source or ""), tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel="nofollow noopener noreferrer")


_article = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
ARTICLE_TAGS = TAGS | {"del", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
_TOP_HEADING = re.compile(r"<(/?)h[12]>")


def render_article(source: str) -> str:
    # headings in a post sit under the page's own: h1/h2 become h3
    html_text = _TOP_HEADING.sub(r"<\1h3>", _article.render(source or ""))
    return nh3.clean(html_text, tags=ARTICLE_TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel="nofollow noopener noreferrer")


def plain(source: str) -> str:
    """The text without markup, for the search index and snippets."""
    text = nh3.clean(_md.render(source or ""), tags=set())
    return _SPACES.sub(" ", html.unescape(text)).strip()


def link_count(source: str) -> int:
    return len(_LINK.findall(source or ""))
