"""The reading view: header, pinned key quotes (selectable, to pin for the digest), cleaned body, hidden repeats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.widgets.option_list import Option

from reader.models import Article, Pin
from reader.text.display import display_credit, display_dated
from reader.topics import TopicMatcher
from reader.tui.format import Attributed, KeptWhole, LinkText, hanging, highlight_topics, plain
from reader.tui.keys import pane_bindings
from reader.tui.widgets.option_list import EndStopOptionList
from reader.wording import count_of

if TYPE_CHECKING:  # the cleaning modules load after the first paint (ReaderApp.warm_cleaning)
    from reader.text.clean import CleanArticle
    from reader.text.quotes import Quote

READ_HINT = "Select an article and press enter to read it."
# What `d` draws at most: the first hidden parts up to this many characters and entries, the rest counted. A page
# of 9,000 different repeats laid out whole froze the reader for a minute; `reader show ID --json` lists them all.
SHOWN_HIDDEN_CHARS = 20_000
SHOWN_HIDDEN_ENTRIES = 200


def hidden_parts(c: CleanArticle) -> str:
    """What `d` shows or hides in this article, counted and named ("2 repeated paragraphs and 1 line of page
    furniture"); "" when cleaning hid nothing. The note above them and `d`'s answer say it in these words."""
    what = [count_of(len(c.collapsed), "repeated paragraph")] if c.collapsed else []
    if c.furniture:
        what.append(f"{count_of(len(c.furniture), 'line')} of page furniture")
    return " and ".join(what)


def hidden_entries(c: CleanArticle) -> tuple[list[tuple[str, str]], int]:
    """The labelled hidden parts `d` shows, each distinct copy once with its count, and how many copies are left
    out (past SHOWN_HIDDEN_CHARS or SHOWN_HIDDEN_ENTRIES), so whatever a page repeats, what is drawn stays small."""
    grouped = [(f"↳ repeats paragraph {h.kept + 1}{_times(n)}:", h.text, n) for h, n in c.collapsed_grouped]
    grouped += [(f"↳ page furniture{_times(n)}:", line, n) for line, n in c.furniture_grouped]
    shown: list[tuple[str, str]] = []
    room = SHOWN_HIDDEN_CHARS
    for label, text, _ in grouped:
        if room <= 0 or len(shown) == SHOWN_HIDDEN_ENTRIES:
            break
        shown.append((label, text if len(text) <= room else text[: room - 1].rstrip() + "…"))
        room -= len(text)
    return shown, sum(n for _, _, n in grouped[len(shown):])


def _times(n: int) -> str:
    return f", {n:,} times" if n > 1 else ""


class QuoteList(EndStopOptionList):
    """The article's key quotes; the highlighted one is what `p` pins or unpins (its border says so)."""

    BINDINGS = pane_bindings("cursor_down", "cursor_up", "page_down", "first", "last")


class ReadingView(VerticalScroll):
    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.cleaned: CleanArticle | None = None
        self.pinned_texts: set[str] = set()
        self.show_repeats = False
        self.matchers: Sequence[TopicMatcher] = ()
        self.new_sentences: tuple[str, ...] = ()  # what its topics' recent coverage did not carry

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield Static(id="article-link")
        yield QuoteList(id="quotes")
        yield Static(id="article-body")
        yield Static(id="repeats-note")
        yield Static(id="repeats")
        yield Static(id="captions")

    def on_mount(self) -> None:
        self.show_placeholder(READ_HINT)

    def show_placeholder(self, text: str) -> None:
        """No article open: say why in its place (nothing selected yet, or the view is empty and what to do).

        Tab then skips the pane (nothing in it to scroll or act on: the keys would only say "open an article
        first"); focus inside it goes back to the article list.
        """
        self.article, self.cleaned, self.pinned_texts, self.new_sentences = None, None, set(), ()
        if self.has_focus_within:
            self.screen.focus_previous("ArticleList")
        self.can_focus = False
        head = self.query_one("#article-header", Static)
        head.update(Text("\n").join(plain(line, "dim") for line in text.split("\n")))  # may quote a feed's error
        head.set_class(False, "-with-link")
        self.query_one("#article-body", Static).update("")
        for wid in ("#article-link", "#quotes", "#repeats-note", "#repeats", "#captions"):
            self.query_one(wid).display = False

    def update_article(self, article: Article) -> None:
        """The open article's read and starred state changed (the keys act on what it says)."""
        if self.article is not None and self.article.id == article.id:
            self.article = article

    @property
    def selected_quote(self) -> Quote | None:
        quotes = self.query_one(QuoteList)
        if self.cleaned is None or quotes.highlighted is None:
            return None
        shown = self._quotes_to_show()
        return shown[quotes.highlighted] if quotes.highlighted < len(shown) else None

    def _quotes_to_show(self) -> list[Quote]:
        assert self.cleaned is not None
        pinned = [q for q in self.cleaned.quotes if q.text in self.pinned_texts]
        return list(dict.fromkeys([*self.cleaned.pinned_quotes, *pinned]))

    def show(self, article: Article, cleaned: CleanArticle, pins: Sequence[Pin]) -> None:
        same = self.article is not None and self.article.id == article.id
        self.can_focus = True
        self.article, self.cleaned = article, cleaned
        self.pinned_texts = {p.text for p in pins}
        if not same:
            self.show_repeats = False
            self.new_sentences = ()
            self.scroll_home(animate=False)
        self._render_header()
        self._render_quotes()
        self._render_body()

    def show_pins(self, article_id: int, pins: Sequence[Pin]) -> None:
        """The open article's pins changed: redraw its key quotes only (the text, and its underlines, stay)."""
        if self.article is not None and self.article.id == article_id and self.cleaned is not None:
            self.pinned_texts = {p.text for p in pins}
            self._render_quotes()

    def _render_header(self) -> None:
        assert self.article is not None and self.cleaned is not None
        c = self.cleaned
        title = plain(c.title or self.article.title or "(untitled)", "bold")
        when = display_dated(c.published, c.seen_instead)
        meta = [plain(x, "italic") for x in (c.source, display_credit(c.byline, c.source), when)]
        head = self.query_one("#article-header", Static)
        # The id is for `reader show ID`; each part stays whole on its line (a date never splits).
        head.update(Group(title, KeptWhole([Text(f"#{self.article.id}", style="bold dim"), *meta])))
        head.set_class(bool(c.link), "-with-link")
        link = self.query_one("#article-link", Static)
        link.display = bool(c.link)
        link.update(LinkText(c.link or "", "underline dim"))  # on its own lines, broken after a "/" (see LinkText)

    def _render_quotes(self) -> None:
        quotes = self.query_one(QuoteList)
        keep = quotes.highlighted or 0
        shown = self._quotes_to_show()
        options = []
        assert self.cleaned is not None
        source = self.cleaned.source
        for q in shown:
            # Marked as the digest marks it (digest.render): a quote nobody is named for is not left bare, and a
            # described speaker is what the outlet quoted ("Outlet, quoting a spokeswoman for ICE"), not a name.
            if q.speaker and q.described:
                speaker = Text().append_text(plain(source, "italic")).append(", ") if source else Text()
                speaker.append("quoting ").append_text(plain(q.speaker))  # italic is the outlet's alone
            else:
                speaker = plain(q.speaker, "italic") if q.speaker else Text("unattributed", style="dim italic")
            mark = Text("◉ pinned " if q.text in self.pinned_texts else "▌ ", style="bold yellow")
            options.append(Option(hanging(mark, Attributed(plain(f"“{q.text}”"), speaker))))
        quotes.clear_options()
        quotes.add_options(options)
        quotes.display = bool(options)
        quotes.border_title = "Key quotes"
        quotes.border_subtitle = "tab here, j / k, p pins for the digest"
        if options:
            quotes.highlighted = min(keep, len(options) - 1)

    def _render_body(self) -> None:
        assert self.cleaned is not None
        c = self.cleaned
        body = Text()
        if self.new_sentences:
            n = len(self.new_sentences)
            body.append(f"✦ {n} sentence{'s' if n > 1 else ''} new since the recent coverage of its topics "
                        "(underlined)\n\n", style="bold green")
        for i, paragraph in enumerate(c.paragraphs):
            if i:
                body.append("\n\n")
            shown = highlight_topics(plain(paragraph), self.matchers)
            for sentence in self.new_sentences:
                at = shown.plain.find(sentence)
                if at >= 0:
                    shown.stylize("underline green", at, at + len(sentence))
            body.append_text(shown)
        self.query_one("#article-body", Static).update(body)
        note = self.query_one("#repeats-note", Static)
        note.display = bool(c.collapsed or c.furniture)
        verb = "shown below; press d to hide" if self.show_repeats else "hidden; press d to show"
        note.update(Text(f"{hidden_parts(c)} {verb}", style="dim italic"))
        repeats = self.query_one("#repeats", Static)
        repeats.display = self.show_repeats and bool(c.collapsed or c.furniture)
        repeats.update(self._hidden_parts() if repeats.display else "")
        captions = self.query_one("#captions", Static)
        captions.display = bool(c.captions)
        captions.update(Text("\n", style="dim italic").join(plain(f"Caption: {single}") for single in c.captions))

    def _hidden_parts(self) -> Group:
        """Each hidden part indented under its label (a label as wide as the text's indent would squeeze it)."""
        assert self.cleaned is not None and self.article is not None
        shown, left_out = hidden_entries(self.cleaned)
        parts = [part for label, text in shown for part in (
            Text(label, style="dim bold"), hanging("  ", plain(text, "dim")), Text())]
        if left_out:
            parts.append(Text(f"… and {count_of(left_out, 'more hidden part')} not drawn here: "
                              f"reader show {self.article.id} --json lists every one.", style="dim italic"))
        return Group(*parts)

    def mark_new(self, article_id: int, sentences: Sequence[str]) -> None:
        """Underline the open article's new sentences (they are found after it is shown)."""
        if self.article is not None and self.article.id == article_id and self.cleaned is not None:
            self.new_sentences = tuple(sentences)
            self._render_body()

    def toggle_repeats(self) -> None:
        if self.cleaned is not None:
            self.show_repeats = not self.show_repeats
            self._render_body()
