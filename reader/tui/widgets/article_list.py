"""The article list: newest first, loaded a page at a time so start-up cost does not grow with the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from reader.models import Article
from reader.tui.format import plain, relative_date

PAGE_SIZE = 200
LOAD_MORE_WITHIN = 20


class ArticleList(DataTable[Text]):
    BINDINGS = [Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]

    def __init__(self, now: datetime, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.now = now
        self.articles: dict[int, Article] = {}
        self.order: list[int] = []
        self.more = False

    def on_mount(self) -> None:
        self.add_column(" ", key="marks", width=2)
        self.add_column("Title", key="title", width=52)
        self.add_column("Outlet", key="outlet", width=18)
        self.add_column("When", key="when", width=10)
        self.add_column("Topics", key="topics")

    @property
    def current(self) -> Article | None:
        if not self.order or self.cursor_row >= len(self.order):
            return None
        return self.articles.get(self.order[self.cursor_row])

    def _cells(self, a: Article, badges: Sequence[str], outlets: int) -> list[Text]:
        marks = Text(("●" if not a.is_read else " ") + ("★" if a.is_starred else " "), style="bold cyan")
        title = plain(a.title or "(untitled)", "bold" if not a.is_read else "")
        if outlets:
            title.append(f"  +{outlets} outlet{'s' if outlets > 1 else ''}", style="dim italic")
        topics = Text(" ".join(f"◆{b}" for b in badges), style="magenta")
        return [marks, title, plain(a.feed_name, "dim"), Text(relative_date(a.published or a.first_seen, self.now)),
                topics]

    def show(self, articles: Sequence[Article], badges: dict[int, list[str]], outlets: dict[int, int],
             more: bool, reset: bool) -> None:
        """Replace (reset) or extend the rows, keeping the cursor on the same article when it is still listed."""
        keep = self.current.id if self.current is not None else None
        if reset:
            self.clear()
            self.articles, self.order = {}, []
        for a in articles:
            if a.id in self.articles:
                continue
            self.articles[a.id] = a
            self.order.append(a.id)
            self.add_row(*self._cells(a, badges.get(a.id, []), outlets.get(a.id, 0)), key=str(a.id))
        self.more = more
        if reset and keep is not None and keep in self.articles:
            self.move_cursor(row=self.order.index(keep))

    def update_article(self, a: Article) -> None:
        if a.id not in self.articles:
            return
        self.articles[a.id] = a
        marks = Text(("●" if not a.is_read else " ") + ("★" if a.is_starred else " "), style="bold cyan")
        self.update_cell(str(a.id), "marks", marks)
        old = self.get_cell(str(a.id), "title")
        old.stylize("bold" if not a.is_read else "not bold", 0, len(a.title or "(untitled)"))
        self.update_cell(str(a.id), "title", old)

    def wants_more(self) -> bool:
        return self.more and self.cursor_row >= len(self.order) - LOAD_MORE_WITHIN
