import pytest

from clientdesk.kb.rendering import render_markdown
from tests.kb.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = """Salut **lume**

<script>alert("body")</script>
<img src=x onerror="alert('img')">
<a href="javascript:alert('link')">click</a>
<p onclick="alert('attr')" style="color:red">styled</p>
<iframe src="https://evil.example"></iframe>
[md link](javascript:alert('md'))
"""


def test_markdown_renders_to_html():
    html = render_markdown("## Pași\n\n1. Unu\n2. Doi\n\n[ajutor](https://example.com)")

    assert "<h2>Pași</h2>" in html
    assert "<ol>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">ajutor</a>' in html


@pytest.mark.parametrize(
    "forbidden", ["<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "style="]
)
def test_nothing_executable_survives_rendering(forbidden):
    assert forbidden not in render_markdown(HOSTILE)


def test_a_script_in_an_article_never_reaches_the_page(client):
    article = ArticleFactory(slug="hostile", body=HOSTILE, title="<script>alert('title')</script>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<strong>lume</strong>" in page
    assert "<script>alert" not in page
    assert "onerror" not in page
    assert "javascript:" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page, (
        "the title shows as text"
    )
