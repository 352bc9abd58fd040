"""Which charset a served feed is read in, when its Content-Type names a single-byte one its bytes are not in.

A server configured for one charset serves every file with it: a UTF-8 feed sent as
``charset=koi8-r`` or ``charset=windows-1251`` became "п≈п╟пЁп╬п╩п╬п╡п╬п╨" for "Заголовок", and no
repair undoes that. Text in a single-byte charset is almost never valid UTF-8 once it has letters
beyond ASCII (UTF-8's lead and continuation bytes must pair exactly), so a body that decodes as
strict UTF-8, with such letters, is read as UTF-8. A body that does not is read as declared, and a
multi-byte charset (Shift_JIS, GB 2312, EUC-KR, Big5) is always believed: its text can pass for UTF-8.
"""

from __future__ import annotations

import codecs
import re

# A Content-Type's charset parameter, its value in group 1 (quoted or not); the one reading of it here.
CHARSET = re.compile(r";\s*charset\s*=\s*(\"[^\"]*\"|[^;]*)", re.I)
_MULTI_BYTE = frozenset({
    "shift_jis", "cp932", "euc_jp", "euc_jis_2004", "euc_jisx0213", "shift_jis_2004", "shift_jisx0213",
    "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr",
    "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "cp936",
})


def content_type_for_body(data: bytes, content_type: str | None) -> str | None:
    """`content_type` with its charset made utf-8 when it names a single-byte charset and `data` is UTF-8 text."""
    if content_type is None:
        return None
    found = CHARSET.search(content_type)
    if found is None or data.isascii():
        return content_type
    try:
        name = codecs.lookup(found.group(1).strip().strip('"')).name
    except LookupError:
        return content_type  # feedparser's own handling of an unknown name stands
    if name.startswith("utf") or name.replace("-", "_") in _MULTI_BYTE:
        return content_type
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return content_type
    return content_type[:found.start()] + "; charset=utf-8" + content_type[found.end():]
