"""The main text of an article page, by trafilatura; runs in a parse worker, which never loads the HTTP stack.

Apart from fulltext.py (which fetches the pages) so that a worker running this imports
trafilatura and nothing of httpx or TLS.
"""

from __future__ import annotations

MIN_TEXT_CHARS = 120


class ExtractionError(Exception):
    """The page has no main text trafilatura can find."""


def extract_main_text(page: bytes, url: str) -> str:
    """The page's main text as simple HTML (paragraphs, headings, lists); raises ExtractionError."""
    import trafilatura  # lazy: ~0.4 s to import, and only full-text feeds need it
    from trafilatura.utils import decode_file

    from reader.text.html import html_to_search_text
    from reader.text.sanitize import strip_markup_escapes

    # Decoded as trafilatura would, and rid of escape sequences first: lxml drops a raw or referenced ESC
    # and would leave the rest of the sequence ("]0;PAGEPWN", "[31m") in the page's text.
    markup = strip_markup_escapes(decode_file(page))
    extracted = trafilatura.extract(markup, url=url, output_format="html", include_comments=False,
                                    include_tables=True, favor_precision=True)
    if not extracted or len(html_to_search_text(extracted)) < MIN_TEXT_CHARS:
        raise ExtractionError("no main text found on the page")
    return str(extracted)
