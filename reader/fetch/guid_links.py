"""Only a guid that is an absolute http(s) URL stands in for an item's missing link.

RSS says a guid without isPermaLink="false" is a permalink, and feedparser then joins it with
the feed's address and saves it as the entry's link. A guid is more often an id ("12345", "l1",
"tag:...") with isPermaLink left out, which became an invented link on the feed's own server
(`https://site/12345`), shown as the story's link and opened by `o` (try11 F3). The guid itself
is still joined as before: it is the stored article's key, and a changed key would store every
such article again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# What the guid must begin with, as written in the feed: a scheme of http or https and a host.
_ABSOLUTE_WEB = re.compile(r"\s*https?://[^\s/?#]", re.I)


def guid_text(element: list[Any]) -> str:
    """The text of feedparser's open element (its name, whether it expects text, its pieces) as written."""
    return "".join(p.decode("utf-8", "replace") if isinstance(p, bytes) else str(p) for p in element[2])


def permalinks_only_when_absolute(end_guid: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """feedparser's end-of-guid handler, taking back the link it saved from a guid that is no absolute http(s) URL."""
    def end_permalink_guid(parser: Any) -> Any:
        stack = parser.elementstack
        written = guid_text(stack[-1]) if stack and stack[-1][0] == "id" else ""
        context = parser._get_context()
        had_link = "link" in context
        result = end_guid(parser)
        if parser.guidislink and not had_link and not _ABSOLUTE_WEB.match(written):
            context.pop("link", None)
            context["guidislink"] = False
        return result

    end_permalink_guid.absolute_permalinks_only = True  # type: ignore[attr-defined]
    return end_permalink_guid


def apply(namespace: type) -> None:
    """Replace `namespace`'s guid and id end handlers (feedparser.namespaces._base.Namespace); idempotent."""
    handler = getattr(namespace, "_end_guid", None)
    if callable(handler) and not hasattr(handler, "absolute_permalinks_only"):
        tuned = permalinks_only_when_absolute(handler)
        namespace._end_guid = tuned  # type: ignore[attr-defined]
        namespace._end_id = tuned  # type: ignore[attr-defined]
