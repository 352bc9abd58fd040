"""`reader summarize` end to end through a subprocess, and `digest --no-fetch` counting only current feeds."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.test_cli import LEAN, reader

SEED = (REPO / "tests" / "data" / "secure-communities-wnyc.txt").read_text(encoding="utf-8")
WIRE = ("<p>WASHINGTON (Civic Wire) — The Department of Homeland Security said Friday it will keep expanding "
        "Secure Communities, the fingerprint-sharing program, despite a task force report that found it had "
        "eroded trust between immigrants and local police.</p><p>“We are committed to implementing Secure "
        "Communities in a way that focuses our resources on criminal aliens,” ICE Director John Morton said in a "
        "statement.</p><p>Illinois, New York and Massachusetts have tried to withdraw from the program, but "
        "federal officials have said participation is not optional.</p>")
CLUSTERS = [
    {"id": "sc", "topic": {"name": "Secure Communities", "match": ["Secure Communities"]},
     "articles": [{"title": "DHS presses ahead", "html": WIRE, "source": "Civic Wire", "author": "Dana Whitfield",
                   "published": "Fri, 16 Sep 2011 14:02:00 -0400", "link": "https://civicwire.example/1"},
                  {"title": "DHS presses ahead (copy)", "html": WIRE.replace("(Civic Wire) ", ""),
                   "source": "Metro Ledger", "published": "2011-09-16T15:10:00-04:00"},
                  {"text": SEED, "source": "WNYC News"}]},
    {"id": "no-topic", "articles": [{"text": "A powerful storm flooded three coastal cities on Monday and cut "
                                             "power to 200,000 homes, officials said. Crews worked through the "
                                             "night to restore power to the coastal cities."}]},
]


def write_clusters(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_summarize_runs_the_digest_path_on_clusters(tmp_path: Path) -> None:
    source = write_clusters(tmp_path / "in.jsonl", [json.dumps(c) for c in CLUSTERS])
    out = reader("summarize", str(source), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == ["sc", "no-topic"]
    sc = results[0]
    texts = [s["text"] for s in sc["sentences"]]
    assert 1 <= len(texts) <= 5 and all(not re.search(r"\[\d+\]$", t) for t in texts)
    # The wire copy folds into its original: the sentence is cited once, to the earliest copy (index 0).
    lead = next(s for s in sc["sentences"] if s["text"].startswith("The Department of Homeland Security"))
    assert lead["cites"] == [0] and not any(t.startswith("WASHINGTON") for t in texts)
    assert any(2 in s["cites"] for s in sc["sentences"])  # the seed is article 2, with no title
    for s in sc["sentences"]:  # verbatim: each sentence is in the article it cites
        assert all(s["text"] in (CLUSTERS[0]["articles"][i].get("html") or SEED) for i in s["cites"])
    assert {"text", "speaker", "article"} <= set(sc["quotes"][0]) and sc["quotes"][0]["article"] in (0, 2)
    assert results[1]["sentences"] and results[1]["sentences"][0]["cites"] == [0]


def test_summarize_budgets_and_standard_input(tmp_path: Path) -> None:
    line = json.dumps(CLUSTERS[0])
    one = subprocess.run([sys.executable, "-m", "reader", "summarize", "-", "--sentences", "1"], input=line,
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert one.returncode == 0, one.stderr
    assert len(json.loads(one.stdout)["sentences"]) == 1
    short = subprocess.run([sys.executable, "-m", "reader", "summarize", "-", "--words", "45"], input=line,
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    words = sum(len(s["text"].split()) for s in json.loads(short.stdout)["sentences"])
    assert 0 < words <= 45
    bad = reader("summarize", "-", "--words", "0", cwd=tmp_path)
    assert bad.returncode == 2 and "must be positive" in bad.stderr


def test_malformed_lines_get_an_error_each_and_the_rest_go_on(tmp_path: Path) -> None:
    lines = ["{not json", json.dumps(CLUSTERS[1]), json.dumps({"id": "x", "articles": []}), "",
             json.dumps({"id": "y", "articles": [{"title": "no body"}]}), json.dumps([1, 2]),
             json.dumps({"id": "z", "topic": {"match": ["a"]}, "articles": [{"text": "t"}]}),
             json.dumps({**CLUSTERS[1], "id": "last"})]
    out = reader("summarize", str(write_clusters(tmp_path / "in.jsonl", lines)), cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert [json.loads(x)["id"] for x in out.stdout.splitlines()] == ["no-topic", "last"]
    errors = out.stderr.splitlines()
    assert len(errors) == 5
    assert errors[0].startswith("reader: summarize: ") and "in.jsonl:1: not valid JSON" in errors[0]
    assert "in.jsonl:3: \"articles\" must be a non-empty list" in errors[1]
    assert "in.jsonl:5: articles[0] has neither \"text\" nor \"html\"" in errors[2]
    assert "in.jsonl:6:" in errors[3] and "in.jsonl:7: \"topic\" must be null or an object" in errors[4]
    missing = reader("summarize", str(tmp_path / "nope.jsonl"), cwd=tmp_path)
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_summarize_never_imports_textual(tmp_path: Path) -> None:
    source = write_clusters(tmp_path / "in.jsonl", [json.dumps(CLUSTERS[1])])
    out = subprocess.run([sys.executable, "-c", LEAN, "summarize", str(source)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_digest_no_fetch_counts_only_the_feeds_in_feeds_toml(tmp_path: Path) -> None:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    db = str(tmp_path / "r.db")
    assert reader("--config", "feeds.toml", "--db", db, "fetch", cwd=tmp_path).returncode == 0
    config = (tmp_path / "feeds.toml").read_text()
    removed = re.sub(r'\[\[feeds\]\]\nname = "Borderlands Tribune"\n(?:[^\n]+\n)*', "", config)
    assert removed != config
    (tmp_path / "feeds.toml").write_text(removed)
    out = reader("--config", "feeds.toml", "--db", db, "digest", "--no-fetch", "--stdout", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "feeds_read: 4" in out.stdout and "4 feeds read" in out.stdout


def test_an_unexpected_failure_on_one_cluster_is_reported_and_the_rest_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.commands import summarize
    from reader.digest.summarise import SummaryBudget

    real = summarize.summarize_cluster

    def failing_on_b(cluster: summarize.Cluster, budget: SummaryBudget) -> dict[str, object]:
        if cluster.id == "b":
            raise ValueError("boom")
        return real(cluster, budget)

    monkeypatch.setattr(summarize, "summarize_cluster", failing_on_b)
    out, errors = io.StringIO(), io.StringIO()
    lines = [json.dumps({**CLUSTERS[1], "id": i}) for i in "abc"]
    assert summarize.summarize_lines(lines, SummaryBudget(), out, errors, "in.jsonl").failed == 1
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["a", "c"]
    assert "in.jsonl:2: could not summarise this cluster (ValueError: boom)" in errors.getvalue()


def test_plain_text_without_a_title_keeps_its_first_paragraph() -> None:
    from reader.commands.summarize import parse_cluster

    first = "A powerful storm flooded three coastal cities on Monday, officials said."
    for text in (f"{first}\n\nCrews worked through the night.", f"{first}\nCrews worked through the night."):
        [a] = parse_cluster(json.dumps({"id": "x", "articles": [{"text": text}]})).articles
        assert a.content == f"<p>{first}</p><p>Crews worked through the night.</p>"
    headed = "Storm floods coast\nWNYC News\n\nA powerful storm flooded three cities."
    [a] = parse_cluster(json.dumps({"id": "x", "articles": [{"text": headed}]})).articles
    assert a.content == headed  # a title line first: read like the seed, header and all


def test_a_file_that_is_not_json_lines_is_said_once_with_what_to_give(tmp_path: Path) -> None:
    """A plain article (the seed) is not clusters: one message saying what summarize reads, not one a line."""
    article = tmp_path / "article.txt"
    article.write_text(SEED, encoding="utf-8")
    out = reader("summarize", str(article), cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    [error] = out.stderr.splitlines()
    assert error.startswith(f"reader: summarize: {article} is not JSON lines") and "reader show FILE" in error


def test_a_json_error_names_the_column_where_the_line_goes_wrong() -> None:
    from reader.commands.summarize import ClusterError, parse_cluster

    with pytest.raises(ClusterError, match=r"Expecting ',' delimiter at the end of the line\)$"):
        parse_cluster('{"id":"c1","articles":[{"text":"x"}]\n')  # the closing brace is missing
    with pytest.raises(ClusterError, match=r"at column 12\)$"):
        parse_cluster('{"id":"c1",x}\n')


def test_an_article_given_as_a_line_is_named_as_such_and_all_bad_lines_exit_2(
        capsys: pytest.CaptureFixture[str]) -> None:
    from reader.commands import summarize
    from reader.digest.summarise import SummaryBudget

    out, errors = io.StringIO(), io.StringIO()
    lines = ['{"text": ""}', '{"id": [1], "articles": [{"text": "x"}]}', '{"id": "a", "articles": [{"text": " "}]}',
             '{"articles": [{"text": "x"}]}']
    counts = summarize.summarize_lines(lines, SummaryBudget(), out, errors, "in.jsonl")
    said = errors.getvalue().splitlines()
    assert "in.jsonl:1: this line is one article, not a cluster; put it in one: {\"id\": \"c1\"" in said[0]
    assert 'in.jsonl:2: "id" must be a string, such as "c1", or a whole number, not a list' in said[1]
    assert 'in.jsonl:3: articles[0] has an empty "text"; give the article\'s words in "text"' in said[2]
    assert 'in.jsonl:4: the cluster has no "id"' in said[3]
    assert (counts.written, counts.malformed) == (0, 4) and out.getvalue() == ""
    assert summarize._exit_status(counts, "in.jsonl") == 2  # nothing was a cluster: bad input, as elsewhere
    assert "no line of in.jsonl is a cluster summarize can read" in capsys.readouterr().err
    assert summarize._exit_status(summarize.LineCounts(written=1, malformed=1), "in.jsonl") == 1
    assert summarize._exit_status(summarize.LineCounts(malformed=1, crashed=1), "in.jsonl") == 1
    assert summarize._exit_status(summarize.LineCounts(), "in.jsonl") == 0


def test_an_id_comes_back_exactly_as_sent_with_its_controls_escaped() -> None:
    """The caller matches results by id: one with an escape, a bidi override or a C1 control in it comes back the
    same JSON value (a number stays a number), written with those characters as \\u escapes the terminal ignores."""
    from reader.commands import summarize
    from reader.digest.summarise import SummaryBudget

    ids: list[object] = ["c\x1b[31m1\u202e\x07", "\x9b2J\u2066x", "plain é", 7, 10**30, "", "\ud800"]
    out, errors = io.StringIO(), io.StringIO()
    lines = [json.dumps({**CLUSTERS[1], "id": i}) for i in ids]
    assert summarize.summarize_lines(lines, SummaryBudget(), out, errors, "in.jsonl").written == len(ids)
    written = out.getvalue().splitlines()
    assert [json.loads(x)["id"] for x in written] == ids
    assert all(x.isprintable() for x in written)  # no control, bidi or lone surrogate character raw
    assert written[0].startswith('{"id": "c\\u001b[31m1\\u202e\\u0007", "sentences": [{"text": "A powerful storm')
    assert '"id": "plain é"' in written[2]  # letters stay letters
    for value, kind in ((1.5, "a number with a fraction"), (True, "true or false")):
        with pytest.raises(summarize.ClusterError, match=f'"id" must be a string.*or a whole number, not {kind}'):
            summarize.parse_cluster(json.dumps({**CLUSTERS[1], "id": value}))


def test_topic_phrases_are_judged_as_feeds_toml_judges_them() -> None:
    """A phrase with an escape in it is matched as it displays; one of invisible characters alone is refused
    (it matched nothing, and the summary came back empty with no word why)."""
    from reader.commands import summarize

    topic = {"name": "Secure\u200b Communities", "match": ["Secure \x1b[31mCommunities"]}
    cluster = summarize.parse_cluster(json.dumps({**CLUSTERS[0], "topic": topic}))
    assert cluster.topic is not None and cluster.topic.match == ("Secure Communities",)
    assert cluster.topic.name == "Secure Communities"
    for bad, said in ((["\u200b"], '"topic"."match": a phrase "\\u200b" shows as nothing'),
                      (["ok", "\x1b"], '"topic"."match": a phrase "\\x1b" shows as nothing')):
        with pytest.raises(summarize.ClusterError, match=re.escape(said)):
            summarize.parse_cluster(json.dumps({**CLUSTERS[0], "topic": {"name": "T", "match": bad}}))


def test_a_byte_order_mark_before_the_first_line_is_no_reason_to_refuse_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(CLUSTERS[1]).encode() + b"\n")
    out = subprocess.run([sys.executable, "-m", "reader", "summarize", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and json.loads(out.stdout)["id"] == "no-topic", out.stderr
