"""`quotes serve` through the ASGI client: every route, its filters and its bad parameters
(a readable message and a 4xx, never a traceback). The index is built from rows as
`quotes extract` writes them, so no NLP model is needed."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_index import build as build_index
from test_index import row as index_row

from quotes.index.store import Writer, connect
from quotes.serve.app import make_app
from quotes.serve.params import PAGE_SIZE


def row(quote: str, speaker: str | None, **extra: object) -> dict[str, object]:
    """A `quotes extract` row (test_index's), with role and gender columns."""
    context = f"Au conseil, « {quote} », a déclaré {speaker} mardi."
    fields = {"context": context, "speaker_role": None, "speaker_gender": "unknown", **extra}
    return index_row(quote, speaker, **fields)


DOCS = {
    "a1": (
        {"date": "2024-03-04", "source": "Le Courrier", "url": "https://example.org/a1"},
        [
            row(
                "L’État doit rouvrir la maternité de la vallée",
                "Emmanuel Macron",
                speaker_role="président",
                speaker_gender="male",
            ),
            row(
                "Nous ne céderons rien sur les retraites", "Sophie Lambert", speaker_gender="female"
            ),
        ],
    ),
    "a2": (
        {"date": "2024-03-06", "source": "La Gazette"},
        [
            row(
                "L'Etat doit rouvrir la maternité de la vallée !",
                "M. Macron",
                speaker_gender="male",
            ),
            row('=HYPERLINK("http://x.example","clic")', "Karim Benali", confidence=0.4),
        ],
    ),
    "a3": (
        {"date": "2024-04-10", "source": "Le Courrier"},
        [
            row("L’État doit rouvrir la maternité de la valée", "Macron", speaker_gender="male"),
            row(
                "<script>alert(1)</script> la vallée",
                "Sophie Lambert",
                kind="partial",
                url="javascript:alert(2)",
            ),
        ],
    ),
}


def build(path: Path, docs: dict = DOCS) -> Path:
    return build_index(path, docs)


def as_version(db: Path, version: str) -> None:
    """Make `db` look like an index written with an older schema: version 2 had no role,
    no gender and no language, version 3 no language."""
    con = sqlite3.connect(db)
    con.execute("DROP INDEX IF EXISTS quotes_gender")
    con.execute("ALTER TABLE quotes DROP COLUMN lang")
    if version == "2":
        con.execute("ALTER TABLE quotes DROP COLUMN speaker_role")
        con.execute("ALTER TABLE quotes DROP COLUMN speaker_gender")
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (version,))
    con.commit()
    con.close()


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(make_app(build(tmp_path)), raise_server_exceptions=False)


def quotes_on(page: str) -> int:
    return page.count('<td class="quote">')


def test_home_lists_the_newest_quotes(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert quotes_on(page.text) == 6
    assert page.text.index("valée") < page.text.index("Nous ne céderons")  # newest first


def test_search_highlights_and_escapes(client: TestClient) -> None:
    page = client.get("/", params={"q": "vallée"})
    assert page.status_code == 200
    assert "<mark>vallée</mark>" in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert 'href="https://example.org/a1"' in page.text
    assert "javascript:" not in page.text  # only http(s) article links


def test_speaker_filter_takes_aliases(client: TestClient) -> None:
    page = client.get("/", params={"q": "maternité", "speaker": "macron"})
    assert quotes_on(page.text) == 3
    page = client.get("/", params={"speaker": "Sophie Lambert"})
    assert quotes_on(page.text) == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2024-03-05"}, 4),
        ({"until": "2024-03-04"}, 2),
        ({"source": "La Gazette"}, 2),
        ({"kind": "partial"}, 1),
        ({"min_conf": "0.5"}, 5),
        ({"q": "maternité", "source": "Le Courrier", "since": "2024-04-01"}, 1),
    ],
)
def test_filters(client: TestClient, params: dict, expected: int) -> None:
    page = client.get("/", params=params)
    assert page.status_code == 200
    assert quotes_on(page.text) == expected


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"since": "04/03/2024"}, "since"),
        ({"until": "demain"}, "until"),
        ({"min_conf": "high"}, "min_conf"),
        ({"min_conf": "2"}, "min_conf"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"kind": "opinion"}, "kind"),
        ({"lang": "de"}, "lang"),
        ({"q": "!!!"}, "no words"),
    ],
)
def test_bad_parameters_are_a_message_and_400(client: TestClient, params: dict, said: str) -> None:
    page = client.get("/", params=params)
    assert page.status_code == 400
    assert said in page.text
    assert "Traceback" not in page.text
    assert '<form method="get"' in page.text  # the search box is still there
    assert 'class="message error"' in page.text


def test_sql_looking_text_is_only_text(client: TestClient, tmp_path: Path) -> None:
    page = client.get("/", params={"q": "'; DROP TABLE quotes; --", "speaker": "x' OR 1=1 --"})
    assert page.status_code == 200
    assert quotes_on(page.text) == 0
    assert quotes_on(client.get("/").text) == 6


def test_paging(tmp_path: Path) -> None:
    rows = [row(f"Le budget numéro {i} sera voté", "Anne Roy") for i in range(PAGE_SIZE + 5)]
    db = build(tmp_path, {"d": ({"date": "2024-01-01"}, rows)})
    client = TestClient(make_app(db))
    first = client.get("/", params={"q": "budget"})
    assert quotes_on(first.text) == PAGE_SIZE
    assert 'id="next" href="/?q=budget&amp;page=2"' in first.text
    second = client.get("/", params={"q": "budget", "page": 2})
    assert quotes_on(second.text) == 5
    assert 'id="next"' not in second.text and 'id="prev"' in second.text
    shown = set()
    for text in (first.text, second.text):
        shown |= {line for line in text.split("\n") if "numéro" in line}
    assert len(shown) == PAGE_SIZE + 5  # no row on both pages, none skipped


def test_distinct_view_counts_documents(client: TestClient) -> None:
    page = client.get("/", params={"q": "maternité", "distinct": "1"})
    assert quotes_on(page.text) == 1
    assert "<td>3</td><td>2024-03-04</td>" in page.text


def test_csv_download_is_formula_safe(client: TestClient) -> None:
    got = client.get("/search.csv", params={"speaker": "Karim Benali"})
    assert got.status_code == 200
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert rows[0]["quote"] == '\'=HYPERLINK("http://x.example","clic")'
    data = json.loads(client.get("/search.json", params={"speaker": "Karim Benali"}).text)
    assert data[0]["quote"] == '=HYPERLINK("http://x.example","clic")'
    assert client.get("/search.xml").status_code == 404
    assert client.get("/search.csv", params={"since": "hier"}).status_code == 400


def test_quote_page_shows_context_and_repeats_in_date_order(client: TestClient) -> None:
    found = json.loads(
        client.get("/search.json", params={"q": "maternité", "source": "La Gazette"}).text
    )
    page = client.get(f"/quote/{found[0]['id']}")
    assert page.status_code == 200
    assert "<mark>L&#x27;Etat doit rouvrir" in page.text or "<mark>L'Etat doit rouvrir" in page.text
    repeats = page.text[page.text.index('id="repeats"') :]
    assert repeats.index("a1") < repeats.index("a2") < repeats.index("a3")
    assert client.get("/quote/99999").status_code == 404
    assert client.get("/quote/abc").status_code == 404


def test_speaker_page(client: TestClient) -> None:
    page = client.get("/speaker", params={"name": "Macron"})
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "<th>2024-03</th><th>2024-04</th>" in page.text
    assert "<td>2</td><td>1</td>" in page.text
    assert "président (1)" in page.text
    assert client.get("/speaker", params={"name": "Macron", "by": "week"}).status_code == 200
    assert client.get("/speaker", params={"name": "Macron", "by": "year"}).status_code == 400
    assert client.get("/speaker", params={"name": "Nobody Here"}).status_code == 404
    assert client.get("/speaker").status_code == 400


def test_sources_overview_counts_genders(client: TestClient) -> None:
    page = client.get("/sources")
    assert page.status_code == 200
    # Le Courrier, March: one man, one woman
    assert "<td>Le Courrier</td><td>2024-03</td><td>1</td><td>1</td><td>0</td>" in page.text
    assert "50%" in page.text


def test_unknown_route_is_a_page_not_a_traceback(client: TestClient) -> None:
    page = client.get("/nowhere")
    assert page.status_code == 404
    assert "<html" in page.text


def test_speaker_suggestions(client: TestClient) -> None:
    names = client.get("/api/speakers", params={"prefix": "mac"}).json()
    assert names == ["Emmanuel Macron", "M. Macron", "Macron"]
    assert client.get("/api/speakers", params={"prefix": "emmanuel mac"}).json() == [
        "Emmanuel Macron"
    ]
    assert client.get("/api/speakers", params={"prefix": "M."}).json() == []


def test_the_page_needs_nothing_from_elsewhere(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "mark" in css.text
    page = client.get("/", params={"q": "vallée"}).text
    assert "http://" not in page.replace('href="https://example.org/a1"', "")
    assert "https://" not in page.replace('href="https://example.org/a1"', "")


@pytest.mark.parametrize("version", ["2", "3"])
def test_an_index_of_an_older_version_is_upgraded(tmp_path: Path, version: str) -> None:
    db = build(tmp_path)
    as_version(db, version)
    page = TestClient(make_app(db)).get("/", params={"q": "retraites"})
    assert page.status_code == 200 and quotes_on(page.text) == 1
    english = TestClient(make_app(db)).get("/", params={"q": "retraites", "lang": "en"})
    assert english.status_code == 200 and quotes_on(english.text) == 0


def test_serve_cli_errors_are_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotes.cli import app

    missing = CliRunner().invoke(app, ["serve", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
    assert "no such index" in missing.output and "Traceback" not in missing.output
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    assert CliRunner().invoke(app, ["serve", str(bad)]).exit_code == 2
    db = build(tmp_path)
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = CliRunner().invoke(app, ["serve", str(db), "--port", str(port)])
    assert taken.exit_code == 2 and "busy" in taken.output


def test_bar_chart_scales_and_escapes() -> None:
    from quotes.serve import charts

    svg = charts.bars([("2024-01", 4), ("<b>", 2)], "quotes of A & B")
    assert 'height="120"' in svg and 'height="60"' in svg  # 4 -> full height, 2 -> half
    assert "&lt;b&gt;" in svg and "<b>" not in svg and "A &amp; B" in svg
    assert charts.bars([], "none") == ""
    bar = charts.gender_bar({"female": 1, "male": 3, "unknown": 0}, width=100)
    assert 'width="25.0"' in bar and 'width="75.0"' in bar and "unknown" not in bar


def test_gender_by_source_share(tmp_path: Path) -> None:
    from quotes.index.pages import gender_by_source

    db = build(tmp_path)
    table = gender_by_source(db)
    march = table[(table["source"] == "La Gazette") & (table["period"] == "2024-03")]
    assert march[["female", "male", "unknown"]].values.tolist() == [[0, 1, 1]]
    assert float(march["share_female"].iloc[0]) == 0.0
    weekly = gender_by_source(db, by="week")  # weeks as SQLite's %W (Monday first)
    assert set(weekly["period"]) == {"2024-W10", "2024-W15"}


def test_serve_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    db = build(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from quotes.cli import app; app()",
            "serve",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline, body = time.monotonic() + 60, ""
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=retraites") as r:
                    body = r.read().decode()
            except OSError:
                time.sleep(0.2)
        assert "retraites" in body
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err
    assert f"127.0.0.1:{port}" in out


@pytest.mark.parametrize("version", ["2", "3"])
def test_indexing_into_an_older_index_upgrades_it(tmp_path: Path, version: str) -> None:
    db = build(tmp_path)
    as_version(db, version)
    con = connect(db, create=True)  # what `quotes index` opens it with
    writer = Writer(con)
    new = row("Une phrase neuve", "Anne Roy", speaker_gender="female", lang="fr")
    writer.replace_document("a4", [new])
    writer.commit()
    con.close()
    page = TestClient(make_app(db)).get("/sources")
    assert page.status_code == 200
    assert "<td>undated</td><td>1</td><td>0</td><td>0</td>" in page.text
    french = TestClient(make_app(db)).get("/", params={"lang": "fr"})
    assert quotes_on(french.text) == 1 and "Une phrase neuve" in french.text
