"""`reader show ID --copies` on the bundled samples: the DHS wire story ran in three outlets."""

import json
from pathlib import Path

from reader.store import ArticleFilter, Store
from tests.e2e.test_cli import reader, workdir  # noqa: F401 (a fixture)

CUT = ("Illinois, New York and Massachusetts have tried to withdraw from the program, but federal officials have "
       "said participation is not optional.")


def fetched(workdir: Path) -> tuple[str, dict[str, int]]:  # noqa: F811
    db = str(workdir / "r.db")
    reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir)
    with Store(db) as store:
        ids = {a.feed_name: a.id for a in store.list_articles(ArticleFilter(search="DHS"))}
    return db, ids


def test_copies_as_json_list_what_each_outlet_added_and_cut(workdir: Path) -> None:  # noqa: F811
    db, ids = fetched(workdir)
    out = reader("--config", "feeds.toml", "--db", db, "show", str(ids["Metro Ledger"]), "--copies", "--json",
                 cwd=workdir)
    assert out.returncode == 0, out.stderr
    copies = json.loads(out.stdout)["copies"]
    assert [c["source"] for c in copies] == ["Civic Wire", "Metro Ledger", "Capitol Dispatch"]
    assert set(copies[0]) == {"source", "link", "headline", "added", "cut"}
    assert copies[0]["added"] == copies[0]["cut"] == []
    assert copies[1]["added"] == [] and copies[1]["cut"] == [CUT]
    assert copies[1]["headline"] == "DHS presses ahead with Secure Communities despite criticism"
    assert [p[:37] for p in copies[2]["added"]] == ["“Secure Communities already tells ICE",
                                                   "Lake County books about 1,200 people "]
    assert copies[2]["cut"] == [] and copies[2]["link"].startswith("https://capitoldispatch.example/")


def test_copies_as_text_mark_additions_and_cuts(workdir: Path) -> None:  # noqa: F811
    db, ids = fetched(workdir)
    out = reader("--config", "feeds.toml", "--db", db, "show", str(ids["Civic Wire"]), "--copies", cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Earliest copy: Civic Wire — DHS to Press Ahead")
    assert "\nMetro Ledger — headline: DHS presses ahead" in out.stdout
    assert "  − Illinois, New York and Massachusetts" in out.stdout
    assert "  + “Secure Communities already tells ICE" in out.stdout


def test_copies_of_a_lone_story_or_a_file_are_clear(workdir: Path) -> None:  # noqa: F811
    db, _ = fetched(workdir)
    with Store(db) as store:
        [lone] = store.list_articles(ArticleFilter(search="Fare hike"))
    out = reader("--config", "feeds.toml", "--db", db, "show", str(lone.id), "--copies", cwd=workdir)
    assert out.returncode == 0 and "No other outlet in the store ran this story." in out.stdout
    out = reader("--config", "feeds.toml", "--db", db, "show", "feeds.toml", "--copies", cwd=workdir)
    assert out.returncode == 2 and "--copies needs the id of a stored article" in out.stderr
    out = reader("--config", "feeds.toml", "--db", db, "show", "99999", "--copies", cwd=workdir)
    assert out.returncode == 2 and "no article with id 99999" in out.stderr


def test_hostile_copies_reach_the_terminal_only_through_the_sanitiser(tmp_path: Path) -> None:
    from html import escape

    from tests.conftest import write_config
    from tests.hostile import ALL_IN_ONE, assert_terminal_safe

    body = " ".join(f"Paragraph {n} of the wire story says the county board voted on Monday, by {n} votes to "
                    f"{n + 1}, to end agreement {n * 7} with federal immigration authorities." for n in range(12))
    for name, extra in (("wire", ""), ("paper", f"<p>{ALL_IN_ONE} said the county sheriff, who opposed it.</p>")):
        doc = (f"<rss version='2.0'><channel><title>{ALL_IN_ONE}</title><item><guid>{name}-1</guid>"
               f"<title>Board ends deal {ALL_IN_ONE}</title><link>http://127.0.0.1/{name}</link>"
               f"<description>{escape(f'<p>{body}</p>{extra}')}</description></item></channel></rss>")
        (tmp_path / f"{name}.xml").write_text(doc, encoding="utf-8")
    write_config(tmp_path, '[[feeds]]\nname = "Wire"\nurl = "wire.xml"\n\n'
                           '[[feeds]]\nname = "Paper"\nurl = "paper.xml"\n')
    db = str(tmp_path / "r.db")
    fetched = reader("--config", "feeds.toml", "--db", db, "fetch", cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stderr
    with Store(db) as store:
        ids = [a.id for a in store.list_articles()]
    assert len(ids) == 2
    for extra in ([], ["--json"]):
        out = reader("--config", "feeds.toml", "--db", db, "show", str(ids[0]), "--copies", *extra, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        assert "Paper" in out.stdout and "No other outlet" not in out.stdout
        assert_terminal_safe(out.stdout)
