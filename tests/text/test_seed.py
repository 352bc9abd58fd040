"""The seed article is the acceptance test: `reader show seed.txt --json` must give exactly this."""

import json
import subprocess
import sys

import pytest

from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_json() -> dict:
    out = subprocess.run([sys.executable, "-m", "reader", "show", str(SEED), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_json_has_exactly_the_promised_keys(seed_json: dict) -> None:
    assert list(seed_json) == ["title", "byline", "source", "published", "link", "paragraphs", "collapsed",
                               "furniture", "captions", "quotes", "repairs"]
    assert seed_json["furniture"] == []
    assert set(seed_json["collapsed"][0]) == {"text", "kept"}
    assert set(seed_json["quotes"][0]) == {"text", "speaker", "paragraph", "described"}


def test_header_fields(seed_json: dict) -> None:
    assert seed_json["title"] == "Task Force Critical of Secure Communities Program"
    assert seed_json["source"] == "WNYC News"
    assert seed_json["byline"] == "Mirela Iverac"
    assert seed_json["published"] == "2011-09-17"


def test_repeated_paragraph_shown_once_and_teaser_folded(seed_json: dict) -> None:
    paragraphs = seed_json["paragraphs"]
    assert sum(p.startswith("Most significantly,") for p in paragraphs) == 1
    assert not any(p.startswith("But data showed") for p in paragraphs)
    teaser = next(c for c in seed_json["collapsed"] if c["text"].startswith("But data showed"))
    assert teaser["text"] in paragraphs[teaser["kept"]]
    assert paragraphs[teaser["kept"]].startswith("Immigration and Customs Enforcement")
    repeat = next(c for c in seed_json["collapsed"] if c["text"].startswith("Most significantly"))
    assert paragraphs[repeat["kept"]] == repeat["text"]
    # The kept copies stay in the body's order: the article reads from "A task force created..." on.
    assert paragraphs[0].startswith("A task force created")


def test_caption_set_apart(seed_json: dict) -> None:
    assert seed_json["captions"] == [
        "Rally Against the Secure Communities Program in Front of Governor Cuomo's Office in May (Mirela Iverac/WNYC)"
    ]
    assert not any("Rally Against" in p for p in seed_json["paragraphs"])


def test_no_mojibake_and_last_quotation_closed(seed_json: dict) -> None:
    assert "â€" not in json.dumps(seed_json, ensure_ascii=False)
    last = seed_json["paragraphs"][-1]
    assert last.startswith("The released report stated that “several Task Force members")
    assert last.endswith("different interpretations”")
    assert last.count("“") == last.count("”") == 1


def test_first_pinned_quote_is_the_reports(seed_json: dict) -> None:
    first = seed_json["quotes"][0]
    assert first["text"] == ("To the extent that Secure Communities may damage community policing, "
                             "the result can be greater levels of crime")
    # "the report said": the critical report the task force presented, as the first paragraph says; and
    # every quote from it, whatever words the story uses ("The released report stated"), credited alike.
    assert first["speaker"] == "the task force’s report"
    assert {q["speaker"] for q in seed_json["quotes"]} == {"the task force’s report"}
    # The words within quotation marks only: no sentence's closing comma or full stop.
    assert all(not q["text"].endswith((".", ",")) for q in seed_json["quotes"])
    assert "adverse impact" not in [q["text"] for q in seed_json["quotes"]]


def test_missing_file_and_binary_file_are_one_line_errors(tmp_path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>")
    for target, message in ((str(tmp_path / "nope.txt"), "no such file"), (str(binary), "binary file"),
                            (str(empty), "no readable text")):
        out = subprocess.run([sys.executable, "-m", "reader", "show", target], capture_output=True, text=True)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and message in out.stderr and "Traceback" not in out.stderr
