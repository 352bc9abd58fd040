from reader.text.clean import clean_article
from reader.text.html import html_to_blocks

PAGE = """<!doctype html><html><head><title>Site | Story</title>
<meta property="og:title" content="The real headline"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2011-09-17T09:00:00-04:00"><style>p{color:red}</style></head>
<body><nav><p>Home | Politics | Subscribe now</p></nav>
<article><h1>The real headline</h1><p>First &amp; foremost, the <b>policy</b>&nbsp;changed.</p>
<script>alert("x")</script><figure><img src="a.jpg"><figcaption>Protesters outside City Hall.</figcaption></figure>
<ul><li>One point</li><li>Another point</li></ul><blockquote>A quoted block.</blockquote>
<p>Share this story</p><p>Read more: other things</p></article>
<footer><p>Copyright 2011</p></footer></body></html>"""


def test_whole_page_reads_only_the_article() -> None:
    blocks, meta = html_to_blocks(PAGE)
    texts = [b.text for b in blocks]
    assert "Home | Politics | Subscribe now" not in texts and "Copyright 2011" not in texts
    assert not any("alert" in t or "color" in t for t in texts)
    assert ("caption", "Protesters outside City Hall.") in [(b.kind, b.text) for b in blocks]
    assert meta.title == "The real headline" and meta.byline == "Jane Roe"
    assert meta.published == "2011-09-17T09:00:00-04:00"


def test_page_cleaning_sets_captions_apart_and_page_furniture_aside() -> None:
    article = clean_article(PAGE)
    assert article.paragraphs == ("First & foremost, the policy changed.", "• One point", "• Another point",
                                  "A quoted block.")
    assert article.captions == ("Protesters outside City Hall.",)
    assert article.title == "The real headline"
    assert "removed 2 lines of page furniture" in article.repairs
    assert article.furniture == ("Share this story", "Read more: other things")


def test_fragment_with_broken_markup_and_escapes() -> None:
    fragment = "<p>One <i>unclosed<p>Two</b></div> \x1b[2Jcleared<br>line<p>&#x201C;Hi&#x201D; &lt;b&gt;"
    article = clean_article(fragment, title="T")
    assert article.paragraphs == ("One unclosed", "Two cleared line", "“Hi” <b>")


def test_markup_looking_text_in_plain_text_is_kept_as_text() -> None:
    article = clean_article("Rates rose 3 < 5 percent and [bold]x[/] stays.", title="T")
    assert article.paragraphs == ("Rates rose 3 < 5 percent and [bold]x[/] stays.",)


def test_two_or_more_line_breaks_end_a_paragraph_and_one_does_not() -> None:
    """try11 F39: Blogger and mail-to-RSS items part paragraphs with <br><br> only; they read as a wall of text."""
    cleaned = clean_article("First line about E-Verify.<br><br>Second line, the mayor said.<br/>\n<br/>Third line."
                            "<br>Same paragraph.<br><br><br>Last.", title="T", kind="html")
    assert cleaned.paragraphs == ("First line about E-Verify.", "Second line, the mayor said.",
                                  "Third line. Same paragraph.", "Last.")


def test_a_table_reads_a_row_per_line() -> None:
    """try11 F40: each cell was a paragraph of its own, and which value went with which row was lost."""
    table = ("<table><tr><th>State</th><th>E-Verify</th></tr><tr><td>Arizona</td><td>Mandatory</td></tr>"
             "<tr><td></td><td>Partial</td></tr><tr><td>Texas</td><td><p>Voluntary</p></td></tr></table>")
    assert clean_article(table, title="T", kind="html").paragraphs == (
        "State · E-Verify", "Arizona · Mandatory", "Partial", "Texas", "Voluntary")
