"""Seven speed-ups for feedparser that leave its results unchanged, applied once per process.

Profiled on news feeds (escaped HTML descriptions, curly quotes), with the sanitiser and URI
resolution already off, these are where feedparser spent its time:

- Text arrives in pieces: xml.sax's expat reader splits text at every entity reference and
  line break, so one escaped description (``&lt;p&gt;…``) becomes dozens of calls. This
  module is also a SAX driver (feedparser picks drivers by module name from
  ``feedparser.api.PREFERRED_XML_PARSERS``) whose expat parser has ``buffer_text`` on, so a run
  of text arrives whole.
- Every element's text goes through ``str.translate`` with a dict of Windows-1252 fixes. For
  any text with a character past ASCII (every article with a curly quote), each character not
  in the dict costs a raised and caught KeyError. A string table covering the Basic
  Multilingual Plane gives the same result (tests check every code point) at a third of the cost.
  And the table changes only the C1 controls (U+0080-U+009F): a text without one, almost
  every text, is not translated at all. That test sits inside `_FeedParserMixin.pop`, so pop is
  compiled again from its own source with the one line changed (skipped if the line is not there).
- Every start tag joins the base URI with itself (urljoin plus a scheme check). Both functions are
  pure, so their results are cached.
- Every entry's link and permalink guid is joined with the base URI, and each is different, so the
  cache misses. A plain absolute http(s) URI (``PLAIN_ABSOLUTE``) is what urljoin returns for
  it, so it is returned as it is; anything else goes to feedparser's own function.
- Every description, content and title element deep-copies its content parameters (a dict of a
  few strings) through copy.deepcopy's generic machinery; a dict of strings is copied directly.
- FeedParserDict's item methods check every key for remapped and derived names; a key that is
  neither goes straight to the dict (``plain_keys_direct``).
"""

from __future__ import annotations

import copy
import functools
import inspect
import re
import textwrap
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any
from xml.sax.expatreader import ExpatParser

TEXT_BUFFER_BYTES = 1 << 16
URL_CACHE_SIZE = 512


class BufferedExpatParser(ExpatParser):
    """ExpatParser whose expat parser joins adjacent text (and entity references) into one call."""

    def reset(self) -> None:
        super().reset()
        expat = self._parser  # type: ignore[attr-defined]  # set by ExpatParser.reset
        expat.buffer_text = True
        expat.buffer_size = TEXT_BUFFER_BYTES


def create_parser(*args: Any, **kwargs: Any) -> BufferedExpatParser:
    """The entry point xml.sax.make_parser looks for in a driver module."""
    return BufferedExpatParser(*args, **kwargs)


def translation_table(fixes: dict[int, str]) -> str:
    """A str.translate table with the same effect as `fixes` (code point -> replacement character).

    Code points past the table's end (outside the Basic Multilingual Plane) raise IndexError
    inside translate, which, like a missing dict key, leaves the character as it is.
    """
    chars = list(map(chr, range(0x10000)))  # built at every worker's start: a generator took twice as long
    for code, replacement in fixes.items():
        chars[code] = replacement
    return "".join(chars)


def tune_feedparser() -> None:
    """Apply the speed-ups to the imported feedparser (idempotent)."""
    import feedparser.api
    import feedparser.mixin as mixin

    drivers: list[str] = feedparser.api.PREFERRED_XML_PARSERS
    if __name__ not in drivers:
        drivers.insert(0, __name__)
    # Each replacement is skipped if feedparser changed underneath; tests/fetch/test_feedparser_tuning.py
    # then fails, rather than every feed.
    table = getattr(mixin, "_cp1252", None)
    if isinstance(table, dict):
        mixin._cp1252 = translation_table(table)
    for name in ("make_safe_absolute_uri", "_urljoin"):
        function = getattr(mixin, name, None)
        if callable(function):
            setattr(mixin, name, _cached(function))
    join = getattr(mixin, "_urljoin", None)
    if callable(join) and not hasattr(join, "plain_absolute_first"):
        mixin._urljoin = _plain_absolute_first(join)
    pop = getattr(mixin._FeedParserMixin, "pop", None)
    if callable(pop) and not hasattr(pop, "translates_c1_only"):
        mixin._FeedParserMixin.pop = translating_c1_only(pop, mixin.__dict__)
    if getattr(mixin, "copy", None) is copy:
        mixin.copy = SimpleNamespace(deepcopy=functools.partial(copy_content_params, mixin.FeedParserDict))
    mapping = mixin.FeedParserDict
    if not hasattr(mapping.__getitem__, "plain_keys_direct") and isinstance(getattr(mapping, "keymap", None), dict):
        for name, method in plain_keys_direct(mapping).items():
            setattr(mapping, name, method)


# An http(s) URI that urljoin gives back unchanged: printable ASCII without spaces, quotes, angle or
# square brackets (IPv6 hosts are checked by urlsplit), braces, backslashes or ";" (path
# parameters); a host right after "//" (feedparser folds extra slashes); no empty "?" or "#"
# (urlunsplit drops them).
_URI_CHAR = r"""[!$-:=@-Z_a-z~]"""  # "/" and ":" included, "?" and "#" not
PLAIN_ABSOLUTE = re.compile(rf"https?://(?!/){_URI_CHAR}+(?:\?(?:{_URI_CHAR}|\?)+)?(?:#(?:{_URI_CHAR}|[?#])+)?\Z")


def _plain_absolute_first(join: Callable[[str, str], str]) -> Callable[[str, str], str]:
    def plain_absolute_first(base: str, uri: str) -> str:
        if uri.startswith(("http://", "https://")) and PLAIN_ABSOLUTE.match(uri):
            return uri
        return join(base, uri)

    plain_absolute_first.plain_absolute_first = True  # type: ignore[attr-defined]
    return plain_absolute_first


_TRANSLATE_LINE = "output = output.translate(_cp1252)"
# Only C1 controls are in the table, so a text without one comes out of translate as it went in.
_TRANSLATE_IF_C1 = r"output = output.translate(_cp1252) if re.search('[\x80-\x9f]', output) else output"


def translating_c1_only(pop: Callable[..., Any], module_globals: dict[str, Any]) -> Callable[..., Any]:
    """feedparser's pop, compiled again from its source with the Windows-1252 translation only for texts that need it.

    Returns `pop` itself when its source is not to be had or no longer has the one line.
    """
    try:
        lines, first = inspect.getsourcelines(pop)
    except (OSError, TypeError):
        return pop
    source = "\n" * (first - 1) + textwrap.dedent("".join(lines))  # tracebacks keep the file's line numbers
    if source.count(_TRANSLATE_LINE) != 1 or "super()" in source or "re" not in module_globals:
        return pop
    defined: dict[str, Any] = {}
    exec(compile(source.replace(_TRANSLATE_LINE, _TRANSLATE_IF_C1), inspect.getfile(pop), "exec"),
         module_globals, defined)
    tuned = defined[pop.__name__]
    tuned.translates_c1_only = True
    tuned.__qualname__ = pop.__qualname__
    return tuned  # type: ignore[no-any-return]


def copy_content_params(mapping_type: type[dict[str, Any]], value: Any, memo: Any = None) -> Any:
    """copy.deepcopy, with a direct copy for a feedparser dict whose values are all strings, numbers or None."""
    if type(value) is mapping_type and all(v is None or type(v) in (str, int, bool) for v in value.values()):
        duplicate = mapping_type()
        for key, item in value.items():
            duplicate[key] = item  # through __setitem__, as deepcopy's reconstruction does
        return duplicate
    return copy.deepcopy(value, memo)


# Keys FeedParserDict's methods treat specially besides those in its keymap (feedparser/util.py).
DERIVED_KEYS = frozenset({"category", "enclosures", "license", "updated", "updated_parsed"})


def plain_keys_direct(mapping: type[dict[str, Any]]) -> dict[str, Callable[..., Any]]:
    """FeedParserDict's item methods with a plain dict operation for every key they do not remap or derive.

    feedparser reads and writes its dicts a few dozen times per entry, and each access first tests
    the key against five derived names and the keymap. For any other key those methods end in the
    plain dict operation, so going there directly gives the same result; other keys take the
    original method.
    """
    special = DERIVED_KEYS | frozenset(mapping.keymap)  # type: ignore[attr-defined]
    getitem, contains, get, setitem = mapping.__getitem__, mapping.__contains__, mapping.get, mapping.__setitem__
    plain_getitem, plain_contains, plain_get = dict.__getitem__, dict.__contains__, dict.get
    plain_setitem = dict.__setitem__

    def __getitem__(self: dict[str, Any], key: str) -> Any:
        return getitem(self, key) if key in special else plain_getitem(self, key)

    def __contains__(self: dict[str, Any], key: object) -> bool:
        return contains(self, key) if key in special else plain_contains(self, key)

    def get_(self: dict[str, Any], key: str, default: Any = None) -> Any:
        return get(self, key, default) if key in special else plain_get(self, key, default)

    def __setitem__(self: dict[str, Any], key: str, value: Any) -> None:
        if key in special:
            setitem(self, key, value)
        else:
            plain_setitem(self, key, value)

    __getitem__.plain_keys_direct = True  # type: ignore[attr-defined]
    get_.__name__ = "get"
    return {"__getitem__": __getitem__, "__contains__": __contains__, "get": get_, "__setitem__": __setitem__}


def _cached(function: Callable[..., Any]) -> Callable[..., Any]:
    if hasattr(function, "cache_info"):
        return function
    return functools.lru_cache(maxsize=URL_CACHE_SIZE)(function)
