"""Markdown to safe HTML: staff write Markdown, visitors only ever get clean HTML.

Markdown passes raw HTML through, so the sanitizer, not the Markdown
renderer, is what keeps a <script> or an onclick out of the page.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["sane_lists", "tables", "fenced_code"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
