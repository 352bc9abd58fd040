"""expat's words for what is wrong with an XML document, in a reader's words (feeds and OPML files).

"not well-formed (invalid token)" says nothing to someone who did not write the file; "a character or
tag that XML does not allow" says what to look for.
"""

from __future__ import annotations

# expat's words for what is wrong, in a reader's words.
XML_PROBLEMS = {"not well-formed (invalid token)": "a character or tag that XML does not allow",
                "undefined entity": "an HTML entity such as &nbsp; (XML has only &amp; &lt; &gt; &quot; &apos;)",
                "mismatched tag": "a closing tag that does not match the open one",
                "unclosed token": "a tag left unclosed", "no element found": "the document ends too early",
                "junk after document element": "text after the document's last closing tag",
                "syntax error": "text that is not XML", "unbound prefix": "a namespace prefix never declared",
                "duplicate attribute": "an attribute given twice in one tag"}


def xml_problem(reason: str) -> str:
    """expat's `reason` in a reader's words, or as it is when there are none for it."""
    return XML_PROBLEMS.get(reason, reason)
