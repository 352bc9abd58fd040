"""Names, tags and feed URLs in feeds.toml are judged as a person sees them: what cannot be told apart is one.

A name made only of invisible characters shows as nothing; two names that differ only by invisible
characters, or by a Cyrillic or Greek letter standing in for a Latin one, show as one name; two URLs
that differ only in what does not change the address (a default port, the host's case, a trailing
dot) are one feed. Each is refused with both lines named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import ConfigError, parse_config_text
from reader.config.lookalikes import LATIN_LOOKALIKES, skeleton


def _feeds(*names: str, tags: tuple[str, ...] = ()) -> str:
    return "".join(f'[[feeds]]\nname = "{n}"\nurl = "https://f{i}.example/rss"\ntags = {list(tags)!r}\n\n'
                   for i, n in enumerate(names)).replace("'", '"')


def _refused(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        parse_config_text(text, Path("feeds.toml"))
    return caught.value


@pytest.mark.parametrize("name", ["\\u2800", "\\U000e0041\\U000e0042", "\\ufe0f", "\\u3164 \\uffa0", "\\u115f\\u1160",
                                  "\\u17b4\\u17b5", "\\U0001d173\\U0001d17a", "\\ufe00\\U000e0100", "\\u200d"])
def test_a_name_of_only_invisible_characters_is_refused(name: str) -> None:
    error = _refused(_feeds(name))
    assert error.line == 2 and error.key == "feeds[0].name" and "shows as nothing" in str(error)
    assert "\\u" in str(error) or "\\U" in str(error)  # the characters are written out, so they can be found


@pytest.mark.parametrize("other", ["Metro\\U000e0041 Ledger", "Metro\\u17b4 Ledger", "Metro Ledger\\ufe0f",
                                   "Metro \\u2800Ledger", "Metro\\U0001d173 Ledger", "Me\\u200dtro Ledger"])
def test_names_that_differ_only_by_invisible_characters_are_one_name(other: str) -> None:
    error = _refused(_feeds("Metro Ledger", other))
    assert error.line == 7 and "feeds[0].name on line 2 reads the same" in str(error)


def test_an_emoji_with_and_without_its_selector_is_one_name() -> None:
    error = _refused(_feeds("👍 News", "👍\\ufe0f News"))
    assert "feeds[0].name on line 2 reads the same; they differ only by invisible characters" in str(error)


def test_a_cyrillic_letter_for_a_latin_one_is_refused_naming_both_letters_and_lines() -> None:
    error = _refused(_feeds("Metro Ledger", "Metrо Ledger"))  # Cyrillic о
    assert error.line == 7 and error.key == "feeds[1].name"
    assert str(error) == (
        'feeds.toml:7: feeds[1].name: duplicate feed name "Metrо Ledger": feeds[0].name on line 2 reads the same; '
        'it has "о" (U+043E CYRILLIC SMALL LETTER O) where the other has "o" (U+006F LATIN SMALL LETTER O), '
        "and the two look the same; each feed needs a name of its own")


def test_greek_capitals_for_latin_ones_and_topics_too() -> None:
    assert "U+039F GREEK CAPITAL LETTER OMICRON" in str(_refused(_feeds("OPEN Gov", "ΟΡΕΝ Gov")))
    topics = '[[topics]]\nname = "Visa policy"\nmatch = ["visa"]\n\n[[topics]]\nname = "Visа policy"\nmatch = ["x"]\n'
    error = _refused(topics)
    assert error.key == "topics[1].name" and error.line == 6 and "topics[0].name on line 2" in str(error)


def test_names_that_can_be_told_apart_are_kept_as_written() -> None:
    config = parse_config_text(_feeds("Вести", "Vesti", "WNYC", "wnyc", "👩\\u200d💻 Desk"), Path("feeds.toml"))
    assert [f.name for f in config.feeds] == ["Вести", "Vesti", "WNYC", "wnyc", "👩\u200d💻 Desk"]
    # ZWJ is kept in the name shown, but a name without it is no other name
    assert "differ only by invisible characters" in str(_refused(_feeds("👩\\u200d💻 Desk", "👩💻 Desk")))


def test_a_tag_that_passes_for_another_is_refused_naming_both_lines() -> None:
    text = ('[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\ntags = ["local"]\n\n'
            '[[feeds]]\nname = "B"\nurl = "https://b.example/rss"\ntags = ["radio", "lоcal"]\n')
    error = _refused(text)
    assert error.line == 9 and error.key == "feeds[1].tags"
    assert 'the tag "local" of feeds[0].tags on line 4' in str(error) and "CYRILLIC SMALL LETTER O" in str(error)
    same = text.replace('"lоcal"', '"local\\u200b"')
    assert parse_config_text(same, Path("feeds.toml")).feeds[1].tags == ("radio", "local")


@pytest.mark.parametrize("other", ["http://news.example:80/rss", "HTTP://NEWS.example/rss", "http://news.example./rss",
                                   "https://news.example:443/rss", "https://news.example/rss/",
                                   "http://news.example.:80/rss"])
def test_urls_that_are_one_address_are_one_feed(other: str) -> None:
    text = (f'[[feeds]]\nname = "A"\nurl = "http://news.example/rss"\n\n'
            f'[[feeds]]\nname = "B"\nurl = "{other}"\n')
    error = _refused(text)
    assert error.line == 7 and error.key == "feeds[1].url"
    assert 'already used by feeds[0] on line 3 as "http://news.example/rss", the same feed' in str(error)


def test_urls_that_differ_in_what_matters_are_different_feeds() -> None:
    urls = ["http://news.example/rss", "http://news.example:8080/rss", "http://news.example/rss?lang=fr",
            "http://other.example/rss", "http://news.example/atom"]
    text = "".join(f'[[feeds]]\nname = "F{i}"\nurl = "{u}"\n\n' for i, u in enumerate(urls))
    assert [f.url for f in parse_config_text(text, Path("feeds.toml")).feeds] == urls


def test_the_lookalike_table_maps_only_cyrillic_and_greek_letters_to_latin_ones() -> None:
    import unicodedata

    for char, latin in LATIN_LOOKALIKES.items():
        assert unicodedata.name(char).split()[0] in ("CYRILLIC", "GREEK"), char
        assert latin.isascii() and latin.isalpha() and len(latin) == 1
        assert unicodedata.category(char)[0] == "L" and char.isupper() == latin.isupper()
    assert skeleton("Ёлка") != skeleton("Елка") and skeleton("Café") == skeleton("Cafe\u0301")
