"""Every key of the reader in one table: the app's bindings, the footer, the help screen and the tests read it.

Keeping one table means the help screen cannot promise a key that does nothing, and a test can
press every key the help screen lists, in every pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One row of the help screen; `action` empty means the focused pane binds it (see PANE_BINDINGS)."""

    shown: str  # as the help screen shows it
    presses: tuple[str, ...]  # Textual key names, one per key the row names
    description: str
    action: str = ""
    footer: str = ""  # the footer label; empty keeps it out of the footer


KEYS = [
    Key("j / k, ↓ / ↑", ("j", "k", "down", "up"), "move down / up in the focused pane (or scroll the article)"),
    Key("space, g / G", ("space", "g", "G"), "page down; go to the top / bottom of the focused pane"),
    Key("enter", ("enter",), "open the highlighted article, or show the highlighted sidebar entry"),
    Key("tab / shift+tab", ("tab", "shift+tab"), "switch panes (sidebar, list, the open article, its key quotes)"),
    Key("n / N", ("n", "N"), "open the next / previous unread article", "next_unread(True)"),
    Key("] / [", ("right_square_bracket", "left_square_bracket"), "open the next / previous article in the list",
        "step_article(1)"),
    Key("r", ("r",), "refresh every feed in the background", "refresh", "Refresh"),
    Key("e", ("e",), "list the feeds in trouble (sidebar ! failed, ~ read in part), why, and what to do",
        "failed_feeds"),
    Key("m", ("m",), "mark read or unread (opening an article marks it read)", "toggle_read"),
    Key("s", ("s",), "star or unstar", "toggle_star"),
    Key("o", ("o",), "open the article's link in the browser (http and https links only)", "open_link"),
    Key("y", ("y",), "copy the article's link (http and https links only)", "copy_link"),
    Key("/", ("slash",), "search titles and text; escape clears any filter", "search", "Search"),
    Key("p", ("p",), "pin or unpin the highlighted key quote (tab to the quotes, j / k to choose); "
        "pins go in the digest", "pin_quote", "Pin"),
    Key("d", ("d",), "show or hide repeated paragraphs and page furniture", "toggle_repeats"),
    Key("c", ("c",), "compare the story's copies in other outlets (\"+N outlets\"): what each added (+) and "
        "cut (−)", "show_copies"),
    Key("t", ("t",), "show one tracked topic", "pick_topic", "Topic"),
    Key("f", ("f",), "show or hide the feeds sidebar (hidden by default below 100 columns)", "toggle_sidebar",
        "Feeds"),
    Key("ctrl+p", ("ctrl+p",), "command palette (also: change theme)"),
    Key("?", ("question_mark",), "this help", "help", "Keys"),
    Key("q", ("q",), "quit", "quit", "Quit"),
    # Textual's own binding, active everywhere (even while typing a search, where q types a q); not pressed
    # in the every-key test, which would end it.
    Key("ctrl+q", (), "quit from anywhere, even while typing a search"),
]

# What the marks in the list and the sidebar mean: the help screen shows it under the keys.
MARKS = (("list", "● unread · ★ starred · ✦ says something its topics' recent coverage did not · "
          "+N outlets ran the same story (c compares them)"),
         ("sidebar", "▶ the view shown · ! the feed's last fetch failed · ~ its last fetch read only part of "
          "the feed (e says why for both)"))

# Which article m, s, o, y, c, p and d act on: the help screen and the README say it in these words.
ARTICLE_KEYS_RULE = ("m, s, o, y, c, p and d act on the article open in the reading view while it (or its "
                     "quotes) has focus, and on the article highlighted in the list otherwise; p and d need "
                     "that article open.")

# The second key of a two-key row, bound to the opposite action.
_SECOND = {"next_unread(True)": ("N", "next_unread(False)"), "step_article(1)": ("left_square_bracket",
                                                                                  "step_article(-1)")}
_FIRST = {"next_unread(True)": "n", "step_article(1)": "right_square_bracket"}


def app_bindings() -> list[BindingType]:
    """The app-level bindings, with footer labels only on the keys that matter most."""
    bindings: list[BindingType] = [Binding("escape", "clear_search", "Clear", show=False)]
    for key in KEYS:
        if not key.action:
            continue
        first = _FIRST.get(key.action, key.presses[0])
        bindings.append(Binding(first, key.action, key.footer or key.description, show=bool(key.footer)))
        if key.action in _SECOND:
            second, action = _SECOND[key.action]
            bindings.append(Binding(second, action, key.description, show=False))
    return bindings


def pane_bindings(down: str, up: str, page_down: str, first: str, last: str) -> list[BindingType]:
    """j / k, space, g / G for one pane, mapped to that widget's own actions."""
    return [Binding("j", down, "Down", show=False), Binding("k", up, "Up", show=False),
            Binding("space", page_down, "Page down", show=False), Binding("g", first, "Top", show=False),
            Binding("G", last, "Bottom", show=False)]
