"""News bodies are Markdown, rendered by markdown-it-py with raw HTML off, then cleaned by nh3 (an
allow-list of tags, attributes and URL schemes): what is stored and shown is only the cleaned HTML."""

import nh3
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
TAGS = {"p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4",
        "table", "thead", "tbody", "tr", "th", "td", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}


def render(markdown: str) -> str:
    html = _MD.render(markdown)
    # headings in a post sit under the page's own: h1/h2 become h3
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
