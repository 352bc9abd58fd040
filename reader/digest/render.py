"""render_digest(): the Digest as Markdown that renders the same on GitHub and in common editors.

Everything that came from a feed goes through escape_markdown or safe_url first, so a title
with `*`, `[`, `|`, `<script>` or a newline can neither break the layout nor inject markup.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from reader.digest.model import CoverageLine, Digest, DigestQuote, TopicSection
from reader.digest.trend import sparkline
from reader.text.sanitize import fold_whitespace

# Inline specials only: escaped text never starts a line (it always follows "1. ", "- ", "| " or a
# label), so block markers like "-", "+" or "1." need no escape and the raw file stays readable.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#!|~&$])")
# Fixed English names: strftime's %A/%B follow the locale, which would make the bytes machine-dependent.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def escape_markdown(text: str) -> str:
    """Fold whitespace to single spaces and backslash-escape every character Markdown could act on."""
    return _SPECIAL.sub(r"\\\1", fold_whitespace(text))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with anything that could end the link percent-encoded; None for other schemes."""
    if not url:
        return None
    url = re.sub(r"[\r\n\t]", "", url.strip())  # spaces inside are kept, and encoded below
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]").replace("(", "%28").replace(")", "%29")


def _link(title: str, url: str | None) -> str:
    target = safe_url(url)
    return f"[{escape_markdown(title)}]({target})" if target else escape_markdown(title)


def _coverage_line(line: CoverageLine) -> str:
    who = escape_markdown(line.outlet) + (f", {escape_markdown(line.byline)}" if line.byline else "")
    also = f" · also in: {', '.join(escape_markdown(o) for o in line.also_in)}" if line.also_in else ""
    return f"{line.number}. {_link(line.title, line.link)} — {who}{also}"


def _quote_line(q: DigestQuote) -> str:
    who = f"{escape_markdown(q.speaker)}, " if q.speaker else ""
    return f"- “{escape_markdown(q.text)}” — {who}*{escape_markdown(q.outlet)}*"


def _change(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"


def _section(s: TopicSection) -> list[str]:
    out = [f"## {escape_markdown(s.name)}", ""]
    if s.summary:
        sentences = " ".join(escape_markdown(x.text) + "".join(f"[{c}]" for c in x.citations) for x in s.summary)
        out += [f"**Summary.** {sentences}", ""]
    if s.quotes:
        out += ["**Key quotes**", "", *(_quote_line(q) for q in s.quotes), ""]
    if s.coverage:
        out += ["**Coverage**", "", *(_coverage_line(c) for c in s.coverage), ""]
    if s.pinned:
        out += ["**Pinned**", "", *(_quote_line(q) for q in s.pinned), ""]
    return out


def render_digest(d: Digest) -> str:
    """The whole document; the same Digest always gives the same bytes."""
    long_date = f"{_WEEKDAYS[d.day.weekday()]} {d.day.day} {_MONTHS[d.day.month - 1]} {d.day.year}"
    out = [
        "---",
        f"date: {d.day.isoformat()}",
        f"feeds_read: {d.feeds_read}",
        f"new_articles: {d.new_articles}",
        f"topics_covered: {d.topics_covered}",
        f"topics_tracked: {d.topics_tracked}",
        f"feeds_failed: {len(d.failed)}",
        "---",
        "",
        f"# Policy digest — {long_date}",
        "",
        f"{d.feeds_read} feeds read · {d.new_articles} new articles · "
        f"{d.topics_covered} of {d.topics_tracked} tracked topics covered · {len(d.failed)} feeds failed",
        "",
    ]
    if d.new_articles == 0:
        out += ["No new articles were first seen on this day, so there is no coverage to report.", ""]
    if d.glance:
        out += ["## At a glance", "", "| Topic | Articles | Outlets | Change | 7 days |",
                "| --- | ---: | ---: | ---: | --- |"]
        out += [f"| {escape_markdown(r.topic)} | {r.articles} | {r.outlets} | {_change(r.change)} | "
                f"{sparkline(r.trend)} |" for r in d.glance]
        out.append("")
    for section in d.sections:
        out += _section(section)
    if d.other:
        out += ["## Other notable stories", "", *(_coverage_line(c) for c in d.other), ""]
    if d.emerging:
        out += ["## Emerging topics", "", "Names several outlets used today that no tracked topic covers; "
                "add one as a `[[topics]]` entry in feeds.toml to track it.", ""]
        out += [f"- **{escape_markdown(e.phrase)}** — {e.stories} stories in {len(e.outlets)} outlets "
                f"({', '.join(escape_markdown(o) for o in e.outlets)})" for e in d.emerging]
        out.append("")
    if d.failed:
        out += ["## Feeds that failed", ""]
        out += [f"- **{escape_markdown(f.name)}** — {escape_markdown(f.reason)}"
                + (f" (since {escape_markdown(f.since)})" if f.since else "") for f in d.failed]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
