"""build_digest(): one day's articles, cleaned text and feed state in; a Digest data class out. Pure.

Topic membership is decided on the title plus the stored plain text, the same way for today
and for the seven-day trend, so the At-a-glance numbers and the sections always agree.
Only articles in a tracked topic are cleaned (the caller passes a cleaner), which keeps a
10,000-article day cheap.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from reader.config import TopicConfig
from reader.digest.changes import credit_copies, earlier_original, new_today, story_additions
from reader.digest.coverage import coverage_lines, left_out, published_day
from reader.digest.model import (
    Digest,
    DigestQuote,
    EmergingTopic,
    FailedFeed,
    GlanceRow,
    Overlap,
    TopicSection,
)
from reader.digest.opinion import is_opinion, opinion_line
from reader.digest.summarise import SummaryBudget
from reader.digest.topic_summary import (
    Fit,
    Story,
    TopicSummary,
    backlog_of,
    fold_stories,
    given_word_for_word,
    published_long_ago,
    published_year,
    rank_stories,
    summarise_topic,
    topic_fits,
)
from reader.models import Article, FeedRow, Pin
from reader.text.clean import CleanArticle
from reader.text.descriptions import is_description
from reader.text.quotes import Quote, trim_quote
from reader.topics import TopicMatcher, compile_topics, topic_members, topic_text

TREND_DAYS = 7
OTHER_STORIES = 10
EMERGING_MAX = 8
MAX_STORIES = 25  # per topic's coverage list; [digest] max_stories in feeds.toml
_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+|and\s+|for\s+|on\s+)?(?:[A-Z][a-z]+|[A-Z]{2,})){1,3}\b")
_NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "It", "This", "That", "He", "She", "They",
    "We", "I", "Its", "As", "For", "With", "From", "By", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr",
})


def _rank_by_outlets(stories: list[Story], day: date) -> list[Story]:
    """Most outlets first, a new feed's backlog (published long before the day) after the week's news."""
    return sorted(stories, key=lambda s: (published_long_ago(s.lead, day), -len(s.outlets),
                                          s.lead.dated, s.lead.id))


def _articles_and_outlets(hits: Sequence[Article]) -> tuple[int, int]:
    return len(hits), len({a.feed_name for a in hits})


def count_topics(articles: Sequence[Article], matchers: Sequence[TopicMatcher]) -> dict[str, tuple[int, int]]:
    """Articles and distinct outlets per topic, for the glance table and the trend."""
    return {name: _articles_and_outlets(hits) for name, hits in topic_members(articles, matchers).items()}


def build_digest(
    day: date,
    articles: Sequence[Article],
    topics: Sequence[TopicConfig],
    feeds: Sequence[FeedRow],
    clean: Callable[[Article], CleanArticle],
    history: Mapping[date, Mapping[str, tuple[int, int]]] = {},
    pins: Sequence[tuple[Pin, Article]] = (),
    max_stories: int = MAX_STORIES,
    recent: Mapping[str, Sequence[frozenset[str]]] | None = None,
    recent_days: int = 7,
    stored_earliest: Callable[[int], Article | None] | None = None,
) -> Digest:
    """The day's digest. `history` maps earlier days to count_topics() results for the trend.

    `feeds` are the current feeds only (feeds.toml's), since the header counts what was read.
    A sentence, a key quote and a pin each appear in at most one section, and a sentence at most once
    in it: New today leaves out what the section's summary says (and rewordings of it).
    `recent` maps each topic to the sentence signatures of its previous `recent_days` days, for
    New today; without it the digest has no New today lists. `stored_earliest` gives a story's (by stored
    story id) earliest stored copy: when it was first seen before the day, the story's coverage line leads
    with it (saying so), its summary and quotes are drawn from it, and the day's copies are measured against it.
    """

    # Articles first seen before the day are among its articles when their text changed on it (an outcome added).
    updated = {a.id for a in articles if (seen := published_day(a.first_seen)) is not None and seen < day}
    originals: dict[int, Story] = {}

    def with_original(story: Story) -> Story:
        """The story with its earliest stored copy as `original` when that was first seen before the day; asked
        of the listed stories only (once each), which keeps a busy day's store queries few."""
        if story.lead.id not in originals:
            story_id = story.lead.story_id
            found = stored_earliest(story_id) if stored_earliest is not None and story_id is not None else None
            originals[story.lead.id] = (replace(story, original=found) if found is not None
                                        and earlier_original(found, story, day) else story)
        return originals[story.lead.id]

    matchers = compile_topics(topics)
    members = topic_members(articles, matchers)
    in_topic = {name: {a.id for a in hits} for name, hits in members.items()}
    stories = _rank_by_outlets(fold_stories(articles), day)
    terms = [p for t in topics for p in t.match]
    cleaned: dict[int, CleanArticle] = {}

    def cleaned_article(article: Article) -> CleanArticle:
        if article.id not in cleaned:
            cleaned[article.id] = clean(article)
        return cleaned[article.id]

    story_of = {a.id: s for s in stories for a in s.members}
    feed_names = {f.name for f in feeds}
    in_topic_stories = {m.name: list({id(story_of[a.id]): story_of[a.id] for a in members[m.name]}.values())
                        for m in matchers}
    fits = {m.name: topic_fits(in_topic_stories[m.name], m) or {} for m in matchers}
    by_topic = {m.name: rank_stories(in_topic_stories[m.name], fits[m.name], day) for m in matchers}
    glance: list[GlanceRow] = []
    for m in matchers:
        earlier = [history.get(day - timedelta(days=k), {}).get(m.name, (0, 0))[0]
                   for k in range(TREND_DAYS - 1, 0, -1)]
        count, outlets = _articles_and_outlets(members[m.name])
        glance.append(GlanceRow(m.name, count, outlets, count - earlier[-1], (*earlier, count)))

    def sections_for(home: Mapping[int, str]) -> tuple[list[TopicSection], dict[str, TopicSummary]]:
        def pin_home(article: Article) -> str | None:
            """The topic a pin goes under: where its story is summarised (None: its story is not among the day's,
            so the first topic its article matches)."""
            story = story_of.get(article.id)
            return home.get(story.lead.id) if story is not None else None

        placed_pins: set[int] = set()
        said: list[str] = []  # summary and New today sentences of the sections above
        said_by: list[tuple[str, str]] = []  # the same, each with its section's topic
        quoted: set[str] = set()  # key quotes and pins of the sections above
        sections: list[TopicSection] = []
        results: dict[str, TopicSummary] = {}
        for m, topic in zip(matchers, topics, strict=True):
            mine = [(p, a) for p, a in pins if p.id not in placed_pins and (pin_home(a) == m.name or (
                pin_home(a) is None and m.matches(topic_text(a))))]
            topic_pins = _unique(_pin_quote(p, a, with_original(story_of[a.id]) if a.id in story_of else None,
                                            feed_names, cleaned_article(a).quotes) for p, a in mine)
            placed_pins.update(p.id for p, _ in mine)
            shown = [with_original(s) for s in by_topic[m.name][:max_stories]]
            if not shown and not topic_pins:
                continue
            # Each story is summarised under the topic it is most about, so no two sections say the same.
            own = [(n, s) for n, s in enumerate(shown, 1) if home[s.lead.id] == m.name]
            # The summary comes first, so it leads with the day's main development whether or not it is new.
            # New today, like the summary, speaks for the stories this topic is home to: it notes which
            # summary sentences are new and lists the new ones the summary does not say (read once per section).
            result = summarise_topic([s for _, s in own], cleaned_article, m, fits[m.name], SummaryBudget(),
                                     said, quoted | {q.text for q in topic_pins}, [n for n, _ in own], day)
            result = credit_copies(result, own, cleaned_article)
            results[m.name] = result
            summary = [x.text for x in result.summary]
            shown_quotes = quoted | {q.text for q in (*result.quotes, *topic_pins)}
            others = [(n, s.lead, home[s.lead.id]) for n, s in enumerate(shown, 1) if home[s.lead.id] != m.name]
            news = [(n, s.lead) for n, s in own if not is_opinion(s.lead)]  # opinion is not news: listed apart
            years = {n: published_year(s.lead) for n, s in own}
            new = None if recent is None else new_today(
                news, cleaned_article, recent.get(m.name, ()), topic, recent_days, summary, shown_quotes, others, day,
                originals={n: s.source for n, s in own if s.original is not None},
                summary_years=[years.get(x.citations[0]) if x.citations else None for x in result.summary],
                said_above=said_by)
            said += [*summary, *(x.text for x in new.items)] if new is not None else summary
            said_by += [(s, m.name) for s in said[len(said_by):]]
            quoted = shown_quotes  # a quote left out below is not shown later either: this section gives its words
            listed = [x.text for x in new.items] if new is not None else []
            key_quotes = tuple(q for q in result.quotes if not given_word_for_word(q.text, listed))
            coverage = tuple(replace(c, additions=story_additions(s, cleaned_article))
                             for c, s in zip(coverage_lines(shown, day), shown, strict=True))
            opinion = tuple(opinion_line(n, s.lead, cleaned_article(s.lead)) for n, s in own if is_opinion(s.lead))
            sections.append(TopicSection(m.name, result.summary, key_quotes, coverage, topic_pins,
                                         left_out(by_topic[m.name], max_stories), None, new, opinion=opinion))
        return sections, results

    # A story whose home topic could summarise none of its sentences is tried under its next topic ("otherwise
    # summarise here"); one no topic could summarise stays where it was last tried, which says why. The sections
    # are made again only when a story moves: rarely, and then once or twice.
    tried: dict[int, set[str]] = defaultdict(set)
    reasons: dict[tuple[int, str], str] = {}  # (story lead, topic) -> why that topic could summarise none of it
    home = _home_topics(fits, matchers)
    while True:
        sections, results = sections_for(home)
        for name, result in results.items():
            if result.no_summary is not None:
                for s in by_topic[name][:max_stories]:
                    if home[s.lead.id] == name:
                        tried[s.lead.id].add(name)
                        reasons[(s.lead.id, name)] = result.no_summary
        moved = _home_topics(fits, matchers, tried)
        moved.update({lead: home[lead] for lead, names in tried.items()
                      if all(m.name in names for m in matchers if lead in fits[m.name])})
        if moved == home:
            break
        home = moved
    summarised = {name for name, result in results.items() if result.summary}
    sections = [_cross_referenced(sec, by_topic[sec.name][:max_stories], home, summarised, reasons)
                for sec in sections]

    tracked = set().union(*in_topic.values()) if in_topic else set()
    other = [s for s in stories if not any(a.id in tracked for a in s.members)]
    topics_of = {s.lead.id: frozenset(n for n, ids in in_topic.items() if any(a.id in ids for a in s.members))
                 for s in stories}
    return Digest(
        day=day,
        # Read: fetched, and the latest fetch did not fail; a feed never fetched yet was neither read nor failed.
        feeds_read=sum(1 for f in feeds if not f.disabled and not f.last_error and _fetched(f)),
        feeds_unfetched=sum(1 for f in feeds if not f.disabled and not f.last_error and not _fetched(f)),
        new_articles=len(articles) - len(updated),
        updated_articles=len(updated),
        topics_tracked=len(topics),
        glance=tuple(glance),
        sections=tuple(sections),
        other=coverage_lines([with_original(s) for s in other[:OTHER_STORIES]], day),
        other_more=left_out(other, OTHER_STORIES),
        emerging=_emerging(stories, matchers, feed_names, terms, topics_of),
        failed=tuple(FailedFeed(f.name, f.last_error, f.error_since) for f in feeds if f.last_error),
        feed_status_as_of=_status_elsewhen(feeds, day),
        backlog=backlog_of([a for a in articles if a.id not in updated], day),
    )


def _fetched(feed: FeedRow) -> bool:
    """Whether the feed was ever fetched: its latest fetch left a status or a time."""
    return feed.last_status is not None or feed.last_fetched is not None


def _status_elsewhen(feeds: Sequence[FeedRow], day: date) -> str | None:
    """When the feeds' stored state is from: their latest fetch, if it was not on the digest's day, else None.

    A feed's row holds its latest fetch only (no history), so a digest for a past date cannot show how the
    feeds fared that day; it shows their latest state, dated, rather than passing it off as the day's.
    """
    latest = max((f.last_fetched for f in feeds if f.last_fetched), default=None)
    return latest if latest is not None and published_day(latest) != day else None


def _home_topics(fits: Mapping[str, Mapping[int, Fit]], matchers: Sequence[TopicMatcher],
                 tried: Mapping[int, set[str]] = {}) -> dict[int, str]:
    """Story lead id -> the topic the story is most about: aboutness, then mentions, then the earlier topic.

    Topics in `tried` (that could summarise none of the story) are passed over while another is left.
    """
    best: dict[int, tuple[Fit, str]] = {}
    for m in matchers:
        for lead, fit in fits[m.name].items():
            if lead not in best or fit > best[lead][0]:
                best[lead] = (fit, m.name)
    home = {lead: name for lead, (_, name) in best.items()}
    for lead, names in tried.items():
        untried = [(fits[m.name][lead], -n, m.name) for n, m in enumerate(matchers)
                   if lead in fits[m.name] and m.name not in names]
        if untried:
            home[lead] = max(untried)[2]
    return home


def _cross_referenced(section: TopicSection, stories: Sequence[Story], home: Mapping[int, str],
                      summarised: set[str], reasons: Mapping[tuple[int, str], str]) -> TopicSection:
    """The section with its cross-reference (most of its stories are summarised under other topics) and,
    when some of its stories are summarised nowhere and it has no summary, why none could be.

    A story counts as summarised under another topic only when that section has a summary; so does New today's
    note of where the news of a story summarised elsewhere is told.
    """
    elsewhere = [home[s.lead.id] for s in stories if home[s.lead.id] != section.name and home[s.lead.id] in summarised]
    overlap = (Overlap(len(elsewhere), len(stories), tuple(dict.fromkeys(elsewhere)))
               if len(elsewhere) * 2 > len(stories) else None)
    why = None
    if not section.summary and len(elsewhere) < len(stories):
        rest = [s.lead.id for s in stories if home[s.lead.id] == section.name or home[s.lead.id] not in summarised]
        why = next((reasons[(lead, name)] for lead in rest for name in (section.name, home[lead])
                    if (lead, name) in reasons), None)
    new = section.new_today
    if new is not None and new.told_elsewhere:  # news told under a topic with no summary is told nowhere
        told = tuple((n, name if name in summarised else None) for n, name in new.told_elsewhere)
        new = replace(new, told_elsewhere=told)
    return replace(section, overlap=overlap, no_summary=why, new_today=new)


_QUOTE_MARKS = str.maketrans("", "", "“”\"‘’'")


def _plain(text: str) -> str:
    return " ".join(text.translate(_QUOTE_MARKS).casefold().split())


def _unique(quotes: Iterable[DigestQuote]) -> tuple[DigestQuote, ...]:
    """Each pinned quote once: the same words pinned twice (before and after a cleaner change) are one pin."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for q in quotes:
        if (q.text, q.outlet) not in seen:
            seen.add((q.text, q.outlet))
            unique.append(q)
    return tuple(unique)


def _pin_quote(pin: Pin, article: Article, story: Story | None, feed_names: set[str],
               quotes: Sequence[Quote]) -> DigestQuote:
    """The pin credited to the story's original outlet when it was pinned on a copy ("Civic Wire, via X").

    Only when the original ran the quote: a copy that added it (a local sheriff's reaction) is its source.
    Its words and speaker are as the article's key quotes give them now (`quotes`), so a pin made before
    a fix to them ("the report" for "the task force's report", a closing full stop) reads as the key quotes do.
    """
    text = trim_quote(pin.text)
    speaker = next((q.speaker for q in quotes if q.text == text), pin.speaker)
    described = bool(speaker and is_description(speaker))  # a pin stores the words only
    lead = story.source if story is not None else article
    if lead.feed_name != article.feed_name:  # the original is stored: did it run the quote?
        origin = lead.feed_name if _plain(pin.text) in _plain(lead.text) else None
    else:  # a wire byline names an outlet whose copy is not stored
        wire_author = article.author if article.author in feed_names else None
        origin = wire_author if wire_author != article.feed_name else None
    credit = f"{origin}, via {article.feed_name}" if origin else article.feed_name
    return DigestQuote(text, speaker, credit, described)


def _emerging(stories: Sequence[Story], matchers: Sequence[TopicMatcher], outlets: set[str],
              terms: Sequence[str], topics_of: Mapping[int, frozenset[str]]) -> tuple[EmergingTopic, ...]:
    """Multi-word names that several stories from several outlets use, that no tracked topic covers.

    `topics_of` maps each story's lead id to the tracked topics it is in. A name a topic already
    tracks (a match term, in full or as its initials: "DHS" tracks "Department of Homeland
    Security") is not new, nor is the vocabulary of tracked coverage: a name most of whose stories
    are tracked ones, or that most of one topic's stories use (an agency every immigration story names).
    """
    using: dict[str, list[Story]] = defaultdict(list)
    seen_in: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        names = set()
        for match in _NAME.finditer(topic_text(story.lead)):
            words = match.group(0).split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            if len(words) >= 2:
                names.add(" ".join(words))
        for name in names:
            using[name].append(story)
            seen_in[name].update(story.outlets)
    folded_terms = [t.casefold() for t in terms]
    acronyms = {t for t in terms if t.isupper()}
    topic_stories = Counter(t for s in stories for t in topics_of[s.lead.id])

    def tracked_vocabulary(name: str) -> bool:
        tracked = [topics_of[s.lead.id] for s in using[name] if topics_of[s.lead.id]]
        in_topic = Counter(t for topics in tracked for t in topics)
        return len(tracked) * 2 > len(using[name]) or any(n * 2 > topic_stories[t] for t, n in in_topic.items())

    found = [
        EmergingTopic(name, len(hits), tuple(sorted(seen_in[name])))
        for name, hits in using.items()
        if len(hits) >= 2 and len(seen_in[name]) >= 2 and name not in outlets
        and not any(m.matches(name) for m in matchers)
        and not any(t in name.casefold() or name.casefold() in t for t in folded_terms)
        and "".join(w[0] for w in name.split() if w[0].isupper()) not in acronyms
        and not tracked_vocabulary(name)
    ]
    found.sort(key=lambda e: (-e.stories, -len(e.outlets), e.phrase))
    return tuple(found[:EMERGING_MAX])
