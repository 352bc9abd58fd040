"""render_digest(): the Digest as Markdown that renders the same on GitHub and in common editors.

Everything that came from a feed goes through an escape function or safe_url first, so a title
with `*`, `[`, `|`, `<script>`, a newline or a terminal escape (the one sanitiser removes those)
can neither break the layout, inject markup, nor act on a terminal that shows the file. The
escaping is as light as each place allows: "287(g)" stays "287(g)" in the raw file, in
`--stdout` and in cron logs, because brackets only make a link after an (escaped) "]".
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from reader.digest.model import (
    Backlog,
    CoverageLine,
    Digest,
    DigestQuote,
    MoreStories,
    NewToday,
    SummarySentence,
    TopicSection,
)
from reader.digest.opinion import OpinionLine
from reader.digest.trend import sparkline
from reader.text.display import display_date
from reader.text.links import web_link
from reader.text.sanitize import fold_whitespace, strip_control_characters
from reader.wording import count_of

# Escaped text never starts a line (it always follows "1. ", "- ", "| ", "## " or a label), so only text opening a
# list item ("1. ", "- ") can start a block, and _opening_item() escapes that. Inline, these act anywhere: code,
# emphasis, link brackets, strikethrough.
_ANYWHERE = r"[`*\[\]~]"
_BACKSLASH = r"\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash only escapes ASCII punctuation (or our "[1]" after it)
_UNDERSCORE = r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"  # an underscore inside a word never emphasises
_HTML = r"<(?=[A-Za-z/!?])"  # a tag, comment or autolink
_ENTITY = r"&(?=#?\w+;)"
_MATH = r"\$(?=[^\s$](?:[^$]*[^\s$])?\$(?!\d))"  # GitHub's $inline math$; "$5-$10" is not math
_INLINE = re.compile("|".join((_ANYWHERE, _BACKSLASH, _UNDERSCORE, _HTML, _ENTITY, _MATH)))
_IN_TABLE = re.compile("|".join((_ANYWHERE, _BACKSLASH, _UNDERSCORE, _HTML, _ENTITY, _MATH, r"\|")))
_IN_HEADING = re.compile("|".join((_ANYWHERE, _BACKSLASH, _UNDERSCORE, _HTML, _ENTITY, _MATH, "#")))
# What starts a block at the opening of a list item: a heading, a quote, a list (bulleted or numbered), a rule.
_BLOCK_START = re.compile(r"#{1,6}(?=\s|$)|>|[-+](?=\s|$)|-(?=\s*-\s*-)|\d{1,9}(?=[.)](?:\s|$))")
# Fixed English names: strftime's %A/%B follow the locale, which would make the bytes machine-dependent (the
# digest command words its --date errors with these too).
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _escape(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: "\\" + m.group(0), fold_whitespace(strip_control_characters(text)))


def escape_markdown(text: str) -> str:
    """Fold whitespace to single spaces and backslash-escape what Markdown would act on in running text."""
    return _escape(_INLINE, text)


def _opening_item(text: str) -> str:
    """Escaped text that opens a list item, its block marker escaped: a feed's "# Breaking" with no link, a
    sentence "1. The county ...", an outlet named "> Wire" would make "1. # Breaking" a heading in the list."""
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if text[0].isdigit():  # "1\. The county": the number stays readable
        return f"{start.group(0)}\\{text[start.end():]}"
    return "\\" + text


def escape_cell(text: str) -> str:
    """escape_markdown plus "|", which would end a table cell."""
    return _escape(_IN_TABLE, text)


def escape_heading(text: str) -> str:
    """escape_markdown plus "#", which a heading would drop as a closing sequence."""
    return _escape(_IN_HEADING, text)


def long_date(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _counts(d: Digest) -> str:
    """The header's counts; the feeds' from a fetch on another day than the digest's are dated as of then."""
    articles = count_of(d.new_articles, "new article")
    if d.updated_articles:
        articles += f", {d.updated_articles} updated"
    topics = f"{d.topics_covered} of {d.topics_tracked} tracked topics covered"
    if d.topics_pinned_only:
        topics += f", {d.topics_pinned_only} more with pinned quotes only"
    if d.feed_status_as_of:
        return f"{articles} · {topics} · at the latest fetch ({display_date(d.feed_status_as_of)}): {_feeds(d)}"
    return f"{_feeds(d)} · {articles} · {topics}"


def _nearest_days(d: Digest) -> str:
    """Which days' digests have news, for a day with none: the nearest days on which articles were first seen."""
    before, after = d.nearest_days
    days = [f"{which} {long_date(near)} (`reader digest --date {near.isoformat()}`)"
            for which, near in (("before it on", before), ("after it on", after)) if near is not None]
    if not days:
        return ""
    filed = " Articles belong to the day the reader first saw them, not the day they were published." if after else ""
    return " The store's nearest articles were first seen " + " and ".join(days) + "." + filed


def _backlog(b: Backlog, new_articles: int) -> str:
    """What a digest made of old articles is: a feed read for the first time brings its back issues."""
    if b.articles == new_articles:
        which = "The new article was" if b.articles == 1 else f"All {count_of(b.articles, 'new article')} were"
        ranked = ""
    else:
        which = f"{b.articles} of the {count_of(new_articles, 'new article')} {'was' if b.articles == 1 else 'were'}"
        ranked = ", and ranks after this week's news"
    return (f"{which} published long before this day ({_day_span(b.first, b.last)}): the back issues of feeds "
            f"read for the first time, which the reader first saw on this day. Each such story shows its own "
            f"date{ranked}. A digest holds the articles first seen on its day, so no digest of an earlier day has "
            "these.")


def _day_span(first: date, last: date) -> str:
    """"15 to 17 September 2011", "30 August to 2 September 2011", or one day."""
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        start = f"{first.day}"
    else:
        start = f"{first.day} {MONTHS[first.month - 1]}" + ("" if first.year == last.year else f" {first.year}")
    return f"{start} to {last.day} {MONTHS[last.month - 1]} {last.year}"


def _feeds(d: Digest) -> str:
    """How the feeds fared, each counted once: "5 feeds read", or "3 of 17 feeds read, 14 failed"."""
    if d.feeds_read == d.feeds_tried:
        return f"{count_of(d.feeds_read, 'feed')} read"
    parts = [f"{d.feeds_read} of {count_of(d.feeds_tried, 'feed')} read"]
    parts += [f"{len(d.failed)} failed"] if d.failed else []
    parts += [f"{d.feeds_unfetched} not fetched yet"] if d.feeds_unfetched else []
    return ", ".join(parts)


def _failed_feeds(d: Digest) -> list[str]:
    heading = ["## Feeds that failed", ""]
    if d.feed_status_as_of:
        heading = ["## Feeds that failed at the latest fetch", "",
                   f"As of {display_date(d.feed_status_as_of)}, not {long_date(d.day)}: the store keeps each feed's "
                   "latest fetch only, not how it fared on earlier days.", ""]
    return [*heading, *(f"- **{escape_markdown(f.name)}** — {escape_markdown(f.reason)}"
                        + (f" (since {escape_markdown(display_date(f.since))})" if f.since else "") for f in d.failed),
            ""]


def safe_url(url: str | None) -> str | None:
    """A web link (text.links.web_link: the one decision what is a link, its host as xn-- where percent-encoding
    would hide a homoglyph as %D0%B0) with anything that could end the Markdown link percent-encoded; else None."""
    link = web_link(url)
    if link is None:
        return None
    return quote(link, safe=":/?#@!$&'*+,;=%~-._[]").replace("(", "%28").replace(")", "%29")


def _link(title: str, url: str | None) -> str:
    target = safe_url(url)
    return f"[{escape_markdown(title)}]({target})" if target else escape_markdown(title)


def _coverage_line(line: CoverageLine) -> str:
    who = escape_markdown(line.outlet) + (f", {escape_markdown(line.byline)}" if line.byline else "")
    when = f" · {long_date(line.published)}" if line.published else ""
    if line.future:  # no publication date yet: the line says what the feed claims, and it is placed as first seen
        when += f" · dated {long_date(line.future)}, in the future"
    also = _copies(line)
    added = "".join(f"\n   - {_opening_item(escape_markdown(a))}" for a in line.additions)
    opinion = f" · *{line.opinion}*" if line.opinion else ""  # "· *editorial*": not news, not summarised
    return f"{line.number}. {_opening_item(_link(line.title, line.link))} — {who}{when}{opinion}{also}{added}"


def _copies(line: CoverageLine) -> str:
    """Which copy the line leads with, and the others: " · earliest copy; also in: Metro Ledger, Capitol Dispatch",
    or for a story first seen before the day " · earliest copy, first seen before this day (Tuesday 1 December
    2026); this day's copies: Hudson Times, Valley Post". A story one outlet ran says nothing."""
    outlets = ", ".join(escape_markdown(o) for o in line.also_in)
    if line.updated_since is not None:
        also = f"; also in: {outlets}" if outlets else ""
        return f" · updated on this day (first seen {long_date(line.updated_since)}){also}"
    if line.first_seen is not None:
        seen = long_date(line.first_seen)
        return f" · earliest copy, first seen before this day ({seen}); this day's copies: {outlets}"
    return f" · earliest copy; also in: {outlets}" if line.also_in else ""


def _opinion_lines(pieces: tuple[OpinionLine, ...]) -> list[str]:
    """The section's opinion pieces, each credited to who argues it: "Valley Post's editorial board wrote: “...”[2]"."""
    return ["**Opinion** (argued, not reported: kept out of the summary)", "",
            *(f"- {_opening_item(escape_markdown(p.says()))}: “{escape_markdown(p.opening or '')}”[{p.number}]"
              for p in pieces), ""]


def _more_line(more: MoreStories) -> str:
    stories = "story" if more.stories == 1 else "stories"
    outlets = "outlet" if more.outlets == 1 else "outlets"
    return f"and {more.stories:,} more {stories} from {more.outlets:,} {outlets}"


def _coverage_list(lines: tuple[CoverageLine, ...], more: MoreStories | None) -> list[str]:
    return [*(_coverage_line(c) for c in lines), *(["", _more_line(more)] if more else [])]


def _possessive(name: str) -> str:
    """ "Hudson Times'", "AP Wire's". """
    return name + ("'" if name.endswith("s") else "'s")


def _cited(sentence: SummarySentence, dated_before: set[tuple[date, tuple[int, ...]]] | None = None) -> str:
    """The sentence, its date when it tells a day relative to a story of long ago, and its citations.

    With `dated_before` (a paragraph's sentences so far), a story's date is given once: "in January" after "on
    Thursday *(published Friday 16 September 2011)*[1]" is read in the date just given.
    """
    dated = f" *(published {long_date(sentence.dated)})*" if sentence.dated else ""
    if sentence.dated and dated_before is not None:
        dated = "" if (sentence.dated, sentence.citations) in dated_before else dated
        dated_before.add((sentence.dated, sentence.citations))
    if sentence.copy_of:
        dated += f" *(in {escape_markdown(_possessive(sentence.copy_of))} copy)*"
    return escape_markdown(sentence.text) + dated + "".join(f"[{c}]" for c in sentence.citations)


def _new_today(new: NewToday) -> list[str]:
    """After the summary: which of its sentences are new, then the new sentences it does not say."""
    if new.first_coverage:
        # What the store holds, not the world: a reader's first week, or a feed just added, has no earlier coverage.
        return [f"**New today:** all of it: the reader stored no coverage of this topic in the previous {new.days} "
                "days.", ""]
    if new.continuing:
        return [f"**New today:** nothing that the previous {new.days} days' coverage did not already report.", ""]
    if new.nothing_new_here:
        return [f"**New today:** {_told_elsewhere(new.told_elsewhere)}.", ""]
    listed = [*(f"- {_opening_item(_cited(x))}" for x in new.items), ""]
    if not new.in_summary:
        return ["**New today**", "", *listed]
    numbers = [str(n) for n in new.in_summary]
    which = ("the whole summary" if new.whole_summary else f"summary sentence{'s' if len(numbers) > 1 else ''} "
             + (numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"))
    return [f"**New today:** {which}, and:", "", *listed] if new.items else [f"**New today:** {which}.", ""]


def _numbered(numbers: list[int]) -> str:
    """ "story 1", "stories 1 and 3", "stories 1, 2 and 4"."""
    listed = [str(n) for n in numbers]
    return (f"story {listed[0]}" if len(listed) == 1
            else f"stories {', '.join(listed[:-1])} and {listed[-1]}")


def _told_elsewhere(told: tuple[tuple[int, str | None], ...]) -> str:
    """Where the news of listed stories summarised under other topics is: "story 1, summarised under X"."""
    by_topic: dict[str | None, list[int]] = {}
    for n, topic in told:
        by_topic.setdefault(topic, []).append(n)
    return "; ".join(f"{_numbered(ns)}, summarised under {escape_markdown(topic)}" if topic is not None
                     else f"{_numbered(ns)}, which no section could summarise" for topic, ns in by_topic.items())


def _quote_line(q: DigestQuote) -> str:
    """The quote, who said it and the outlet; a credit naming no one ("the official", "a spokeswoman for ICE") is
    what the outlet quoted, so it follows the outlet ("*Outlet*, quoting a spokeswoman for ICE") rather than
    standing where a name goes."""
    said, outlet = f"“{escape_markdown(q.text)}”", f"*{escape_markdown(q.outlet)}*"
    if q.speaker and q.described:
        return f"- {said} — {outlet}, quoting {escape_markdown(q.speaker)}"
    who = f"{escape_markdown(q.speaker)}, " if q.speaker else "unattributed, "
    return f"- {said} — {who}{outlet}"


def _change(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"


def _overlap_count(covered: int, total: int, capped: bool) -> str:
    """Whose stories the cross-reference counts: the listed ones, the only ones summarised anywhere; under a
    capped list ("and 59,978 more stories") it says so, rather than reading as the whole section's."""
    if capped:
        return (f"All {total} stories listed here are" if covered == total
                else f"{covered} of the {total} stories listed here are")
    return ("This story is" if total == 1 else "Both of these stories are" if covered == total == 2
            else f"All {total} of these stories are" if covered == total
            else f"{covered} of these {total} stories are")


def _section(s: TopicSection) -> list[str]:
    out = [f"## {escape_heading(s.name)}", ""]
    if s.overlap:
        o = s.overlap
        where = " and ".join(escape_markdown(t) for t in o.topics)
        counted = _overlap_count(o.covered, o.total, capped=s.more is not None)
        # "summarised under": a story is listed under every topic it is about, but summarised under one.
        why = f"; no sentence of the rest could be summarised: {escape_markdown(s.no_summary)}" if s.no_summary else ""
        rest = "" if o.covered == o.total else "; this summary covers the rest" if s.summary else why
        out += [f"{counted} summarised under {where}{rest}.", ""]
    elif s.no_summary:
        out += [f"No sentence could be summarised: {escape_markdown(s.no_summary)}.", ""]
    if s.summary:
        label = "Summary (continuing coverage)" if s.new_today and s.new_today.nothing_new_here else "Summary"
        dated: set[tuple[date, tuple[int, ...]]] = set()
        out += [f"**{label}.** {' '.join(_cited(x, dated) for x in s.summary)}", ""]
    if s.new_today:
        out += _new_today(s.new_today)
    if s.opinion:
        out += _opinion_lines(s.opinion)
    if s.quotes:
        out += ["**Key quotes**", "", *(_quote_line(q) for q in s.quotes), ""]
    if s.coverage:
        out += ["**Coverage**", "", *_coverage_list(s.coverage, s.more), ""]
    if s.pinned:
        if not s.coverage:
            out += ["No new coverage of this topic on this day; shown for its pinned quotes.", ""]
        out += ["**Pinned**", "", *(_quote_line(q) for q in s.pinned), ""]
    return out


def render_digest(d: Digest) -> str:
    """The whole document; the same Digest always gives the same bytes."""
    out = [
        "---",
        f"date: {d.day.isoformat()}",
        f"feeds_read: {d.feeds_read}",
        f"new_articles: {d.new_articles}",
        *([f"updated_articles: {d.updated_articles}"] if d.updated_articles else []),
        f"topics_covered: {d.topics_covered}",
        *([f"topics_pinned_only: {d.topics_pinned_only}"] if d.topics_pinned_only else []),
        f"topics_tracked: {d.topics_tracked}",
        f"feeds_failed: {len(d.failed)}",
        *([f"feed_status_as_of: {d.feed_status_as_of}"] if d.feed_status_as_of else []),
        "---",
        "",
        f"# Policy digest — {long_date(d.day)}",
        "",
        _counts(d),
        "",
    ]
    if d.day_not_over:
        out += ["*This day was not over when this digest was made: articles first seen later today are not in it. "
                "The digest made after the day (`reader digest --date yesterday` tomorrow) has the whole day.*", ""]
    if d.new_articles == 0 and d.updated_articles == 0:
        why = (f"This day has not come yet (the digest was made on {long_date(d.today)}), so no article has been "
               "first seen on it." if d.today is not None and d.today < d.day
               else "No new articles were first seen on this day, so there is no coverage to report.")
        out += [why + _nearest_days(d), ""]
    if d.backlog:
        out += [_backlog(d.backlog, d.new_articles), ""]
    if d.glance:
        out += ["## At a glance", "", "| Topic | Articles | Outlets | Change | 7 days |",
                "| --- | ---: | ---: | ---: | --- |"]
        out += [f"| {escape_cell(r.topic)} | {r.articles} | {r.outlets} | {_change(r.change)} | "
                f"{sparkline(r.trend)} |" for r in d.glance]
        out.append("")
    for section in d.sections:
        out += _section(section)
    if d.other:
        out += ["## Other notable stories", "", *_coverage_list(d.other, d.other_more), ""]
    if d.emerging:
        out += ["## Emerging topics", "", "Names several outlets used on this day that no tracked topic covers; "
                "add one as a `[[topics]]` entry in feeds.toml to track it.", ""]
        out += [f"- **{escape_markdown(e.phrase)}** — {e.stories} stories in {len(e.outlets)} outlets "
                f"({', '.join(escape_markdown(o) for o in e.outlets)})" for e in d.emerging]
        out.append("")
    if d.failed:
        out += _failed_feeds(d)
    return "\n".join(out).rstrip("\n") + "\n"
