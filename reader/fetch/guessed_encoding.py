"""A document that names no encoding and is not UTF-8 is read in the encoding its bytes show, when that is clear.

feedparser reads such a document as Windows-1252 (it guesses better only with chardet installed),
so a Korean, Chinese, Japanese or Russian feed served without a charset was stored as Latin-1
gibberish ("EUC-KR ¿¡¼ TypeKey", try11 F13). charset_normalizer (already installed with
trafilatura) tells those apart reliably, but on short Western text it picks the wrong Latin code
page (French text in Windows-1252 read as Baltic cp1257), so only its guesses of scripts that
Windows-1252 cannot be are taken; anything else is left to feedparser's Windows-1252 as before.
Documents that declare an encoding, or are valid UTF-8 (nearly all), cost one decode check at most.
"""

from __future__ import annotations

import codecs
import re

from reader.fetch.charsets import CHARSET

# Where a document can name its encoding: a byte-order mark, or an XML declaration's encoding.
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF32_LE)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=", re.I)
# Encodings (Python codec names) whose script Windows-1252 cannot read: multibyte East Asian ones,
# Cyrillic, Greek, Hebrew, Arabic, Thai, Vietnamese. A Latin code page guessed is no better than cp1252.
TRUSTED_GUESSES = frozenset({
    "big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "hz", "euc_jp", "euc_jis_2004", "shift_jis",
    "shift_jis_2004", "cp932", "iso2022_jp", "euc_kr", "cp949", "johab", "iso2022_kr", "koi8_r", "koi8_u",
    "cp1251", "iso8859_5", "mac_cyrillic", "cp866", "cp855", "cp1253", "iso8859_7", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "tis_620", "cp874", "iso8859_11", "cp1258",
})
GUESS_SAMPLE_BYTES = 256 * 1024  # the detector reads at most this much of a document: its cost stays bounded


def declares_encoding(data: bytes, content_type: str | None) -> bool:
    """True when the HTTP charset, a byte-order mark or the XML declaration names the document's encoding."""
    return (content_type is not None and CHARSET.search(content_type) is not None) or data.startswith(_BOMS) or (
        _XML_ENCODING.match(data[:512]) is not None)


def guessed_encoding(data: bytes, content_type: str | None) -> str | None:
    """The encoding of an undeclared, non-UTF-8 document when its bytes clearly show a non-Latin script, else None."""
    if declares_encoding(data, content_type):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    from charset_normalizer import from_bytes  # lazy: ~0.1 s, and only such documents need it

    best = from_bytes(data[:GUESS_SAMPLE_BYTES]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return best.encoding if name in TRUSTED_GUESSES or best.encoding in TRUSTED_GUESSES else None


def as_utf8(data: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The document in UTF-8, with a Content-Type saying so, when its encoding was guessed; else as given."""
    encoding = guessed_encoding(data, content_type)
    if encoding is None:
        return data, content_type
    text = data.decode(encoding, errors="replace")
    return text.encode("utf-8"), (f"{content_type}; charset=utf-8" if content_type else None)
