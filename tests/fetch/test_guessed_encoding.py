"""A feed that names no encoding and is not UTF-8 is read in the encoding its bytes show (try11 F13).

feedparser reads such a document as Windows-1252 without chardet: Korean, Chinese, Japanese and
Russian feeds served without a charset were stored as Latin-1 gibberish. Western text stays
Windows-1252, which the detector (wrongly) calls Baltic or Central European on short samples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.fetch.guessed_encoding import guessed_encoding
from reader.fetch.parse import parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

KOREAN = ("EUC-KR 에서 TypeKey 한글닉네임 표시하기",
          "TypeKey 시스템이 UTF-8로 돌아가는데, 거기서 한글로 된 닉네임을 정할 경우에, EUC-KR로 된 무버블타입 "
          "블록에선 리다이렉트되어 전송되어오는 닉네임이 UTF라 당연히 깨어져 나타난다.")
RUSSIAN = ("Как пережить новогоднюю ночь",
           "Наверное, единственное, во что сегодня можно верить безоговорочно, так это в то, что Новый год "
           "обязательно наступит. Несмотря ни на что! Это не просто очередной праздник, это - веха!")
CHINESE = ("不断移民漫画系列：专业工作",
           "这是一个关于移民政策的新闻报道，市议会在星期一讨论了这个问题，议员们说需要更多时间。")
FRENCH = ("Café crème, déjà vu — “cité”", "Le conseil a voté lundi. L’été arrive, a dit le maire.")


def _feed(title: str, body: str) -> str:
    return (f"<rss><channel><title>Feed</title><item><title>{title}</title><guid>https://x.example/1</guid>"
            f"<description>{body}</description></item></channel></rss>")


@pytest.mark.parametrize(("text", "encoding"), [(KOREAN, "euc_kr"), (RUSSIAN, "koi8_r"), (CHINESE, "gb2312"),
                                                 (FRENCH, "cp1252")])
def test_an_undeclared_legacy_encoding_is_read_right(text: tuple[str, str], encoding: str) -> None:
    feed = parse_feed_bytes(_feed(*text).encode(encoding), "application/xml", "https://x.example/feed")
    (entry,) = feed.entries
    assert (entry.title, entry.content) == text


def test_only_a_document_naming_no_encoding_is_guessed() -> None:
    data = _feed(*RUSSIAN).encode("koi8_r")
    assert guessed_encoding(data, "application/xml") == "koi8_r"
    assert guessed_encoding(data, "application/xml; charset=koi8-r") is None  # said: feedparser reads it
    assert guessed_encoding(b'<?xml version="1.0" encoding="koi8-r"?>' + data, None) is None
    assert guessed_encoding(_feed(*RUSSIAN).encode("utf-8"), None) is None  # UTF-8 needs no guess
    assert guessed_encoding(_feed(*FRENCH).encode("cp1252"), None) is None  # a Latin guess is left to cp1252


def test_a_fetched_feed_without_a_charset_is_stored_readable(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/feed"] = Route(body=_feed(*KOREAN).encode("euc_kr"),
                                        headers={"Content-Type": "application/xml"})
    with Store(tmp_path / "r.db") as store:
        refresh(store, config_for(tmp_path, {"K": feed_server.url("/feed")}))
        (article,) = store.list_articles()
    assert (article.title, article.content) == KOREAN
