"""Readers' corrections (quotes.index.review): stored apart, applied by `--corrected`,
kept across re-indexing, safe under concurrent writes, exported as gold."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from quotes.cli import app
from quotes.evaluation import load_gold
from quotes.index.review import ReviewError, history, record
from quotes.index.search import search, speakers
from quotes.index.store import Writer, connect
from quotes.serve.app import make_app

TEXTS = {
    "d1": "Au conseil, « Nous voterons le budget », a déclaré Anne Roy. "
    "Puis « Le pont sera fini en mai », a ajouté le maire.",
    "d2": "« La grève continue », a lancé Luc Petit devant l'usine.",
}


def rows_of(doc_id: str, speakers_: list[str | None]) -> list[dict[str, object]]:
    text = TEXTS[doc_id]
    out, at = [], 0
    for speaker in speakers_:
        start = text.index("« ", at) + 2
        end = text.index(" »", start)
        at = end
        out.append(
            {
                "quote": text[start:end],
                "speaker": speaker,
                "speaker_mention": speaker,
                "cue": "a déclaré",
                "kind": "direct",
                "start": start,
                "end": end,
                "context": text,
                "confidence": 0.8,
            }
        )
    return out


EXTRACTED = {"d1": ["Anne Roy", "Anne Roy"], "d2": ["Luc Petit"]}


def build(tmp_path: Path) -> Path:
    db = tmp_path / "q.db"
    con = connect(db, create=True)
    writer = Writer(con)
    for doc_id, names in EXTRACTED.items():
        writer.replace_document(doc_id, rows_of(doc_id, names), {"source": "Le Courrier"})
    writer.commit()
    con.close()
    return db


def row_id(db: Path, words: str) -> int:
    return int(search(db, f'"{words}"')["id"][0])


def test_a_corrected_speaker_is_applied_only_with_corrected(tmp_path: Path) -> None:
    db = build(tmp_path)
    record(db, row_id(db, "pont sera fini"), "speaker", "Marc Dumas")
    plain = search(db, "pont")
    assert plain["speaker"][0] == "Anne Roy"  # the extracted row is never changed
    fixed = search(db, "pont", corrected=True)
    assert fixed["speaker"][0] == "Marc Dumas" and fixed["correction"][0] == "speaker"
    assert list(search(db, speaker="Dumas", corrected=True)["quote"]) == [
        "Le pont sera fini en mai"
    ]
    assert list(search(db, speaker="Anne Roy", corrected=True)["quote"]) == [
        "Nous voterons le budget"
    ]
    counts = speakers(db, corrected=True).set_index("speaker")["quotes"].to_dict()
    assert counts == {"Anne Roy": 1, "Marc Dumas": 1, "Luc Petit": 1}


def test_false_quotes_are_left_out_and_the_latest_correction_holds(tmp_path: Path) -> None:
    db = build(tmp_path)
    rid = row_id(db, "grève continue")
    record(db, rid, "false")
    assert "La grève continue" not in set(search(db, corrected=True)["quote"])
    assert "Luc Petit" not in set(speakers(db, corrected=True)["speaker"])
    record(db, rid, "confirm", reviewer="ed")  # changed their mind: the row is back
    back = search(db, "grève", corrected=True)
    assert back["speaker"][0] == "Luc Petit" and back["correction"][0] == "confirm"
    assert [c["action"] for c in history(db, rid)] == ["false", "confirm"]


def test_corrections_survive_indexing_the_document_again(tmp_path: Path) -> None:
    db = build(tmp_path)
    record(db, row_id(db, "pont sera fini"), "speaker", "Marc Dumas")
    con = connect(db)
    writer = Writer(con)  # a new extraction of d1: new row ids, same offsets
    writer.replace_document("d1", rows_of("d1", ["Anne Roy", None]), {"source": "Le Courrier"})
    writer.commit()
    con.close()
    assert search(db, "pont", corrected=True)["speaker"][0] == "Marc Dumas"


def test_bad_corrections_are_refused(tmp_path: Path) -> None:
    db = build(tmp_path)
    with pytest.raises(ReviewError, match="no quote"):
        record(db, 999, "confirm")
    with pytest.raises(ReviewError, match="action"):
        record(db, row_id(db, "budget"), "delete")


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = build(tmp_path)
    ids = [row_id(db, "budget"), row_id(db, "grève continue")]
    errors: list[BaseException] = []

    def correct(k: int) -> None:
        try:
            for n in range(25):
                record(db, ids[k], "speaker", f"Reviewer{k} Name{n}", reviewer=f"r{k}")
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=correct, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [len(history(db, i)) for i in ids] == [25, 25]
    assert search(db, "budget", corrected=True)["speaker"][0] == "Reviewer0 Name24"


def test_review_mode_form(tmp_path: Path) -> None:
    db = build(tmp_path)
    rid = row_id(db, "pont sera fini")
    client = TestClient(make_app(db, review=True))
    page = client.get(f"/quote/{rid}")
    assert 'id="review"' in page.text
    done = client.post(
        f"/review/{rid}",
        data={"action": "speaker", "speaker": "Marc Dumas"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/quote/{rid}"
    page = client.get(f"/quote/{rid}")
    assert "Speaker corrected" in page.text and "extracted: Anne Roy" in page.text
    assert "corrected" in client.get("/", params={"q": "pont"}).text
    other_site = client.post(
        f"/review/{rid}", data={"action": "false"}, headers={"Origin": "https://evil.example"}
    )
    assert other_site.status_code == 403
    assert client.post(f"/review/{rid}", data={"action": "erase"}).status_code == 400
    assert client.post("/review/999", data={"action": "confirm"}).status_code == 404
    read_only = TestClient(make_app(db))
    assert 'id="review"' not in read_only.get(f"/quote/{rid}").text
    assert read_only.post(f"/review/{rid}", data={"action": "false"}).status_code in (404, 405)


def test_search_cli_corrected(tmp_path: Path) -> None:
    db = build(tmp_path)
    record(db, row_id(db, "pont sera fini"), "speaker", "Marc Dumas")
    args = ["search", "--db", str(db), "pont", "--format", "json"]
    assert json.loads(CliRunner().invoke(app, args).stdout)[0]["speaker"] == "Anne Roy"
    fixed = CliRunner().invoke(app, [*args, "--corrected"])
    assert json.loads(fixed.stdout)[0]["speaker"] == "Marc Dumas"


def test_export_gold(tmp_path: Path) -> None:
    db = build(tmp_path)
    record(db, row_id(db, "pont sera fini"), "speaker", "Marc Dumas")
    record(db, row_id(db, "budget"), "confirm")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in TEXTS.items()
        ),
        encoding="utf-8",
    )
    gold = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(app, ["export-gold", str(db), "--docs", str(docs), "-o", str(gold)])
    assert result.exit_code == 0, result.output
    (doc,) = load_gold(gold)  # d2 was not reviewed: not exported
    assert doc.doc_id == "d1" and doc.meta.get("outlet") == "Le Courrier"
    assert [(q.text, q.speaker, q.ambiguous) for q in doc.quotes] == [
        ("Nous voterons le budget", "Anne Roy", False),
        ("Le pont sera fini en mai", "Marc Dumas", False),
    ]
    scored = CliRunner().invoke(app, ["eval", str(gold), "--json", "--quiet"])
    assert scored.exit_code == 0, scored.output  # the file is what `quotes eval` reads
    assert json.loads(scored.stdout)["gold_quotes"] == 2


def test_export_gold_reports_what_it_cannot_write(tmp_path: Path) -> None:
    db = build(tmp_path)
    record(db, row_id(db, "grève continue"), "false")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d2", "text": "Un autre texte."}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(app, ["export-gold", str(db), "--docs", str(docs), "-o", str(gold)])
    assert result.exit_code == 1
    assert "d2: left out" in result.output and not gold.exists()
    missing = CliRunner().invoke(
        app, ["export-gold", str(tmp_path / "no.db"), "--docs", str(docs), "-o", str(gold)]
    )
    assert missing.exit_code == 2 and "no such index" in missing.output


@pytest.mark.parametrize("keep", [True, False])
def test_export_gold_from_an_index_of_documents(tmp_path: Path, keep: bool) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": k, "text": v, "source": "Le Courrier"}, ensure_ascii=False) + "\n"
            for k, v in TEXTS.items()
        ),
        encoding="utf-8",
    )
    db = tmp_path / "q.db"
    built = CliRunner().invoke(
        app, ["index", str(db), str(docs), "-q", "--jobs", "1", *([] if keep else ["--no-text"])]
    )
    assert built.exit_code == 0, built.output
    record(db, row_id(db, "grève continue"), "speaker", "Luc Petit-Roy")
    gold = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(app, ["export-gold", str(db), "-o", str(gold)])
    if not keep:  # no text kept: the documents must be given again
        assert result.exit_code == 1 and "--docs" in result.output and not gold.exists()
        args = ["export-gold", str(db), "-o", str(gold), "--docs", str(docs)]
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    (doc,) = load_gold(gold)
    assert doc.doc_id == "d2" and doc.text == TEXTS["d2"]
    assert [(q.text, q.speaker) for q in doc.quotes] == [("La grève continue", "Luc Petit-Roy")]


def test_two_browsers_correcting_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two clients POST corrections to a real server at the same time."""
    import socket
    import time
    import urllib.parse
    import urllib.request

    import uvicorn

    db = build(tmp_path)
    ids = [row_id(db, "budget"), row_id(db, "grève continue")]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(make_app(db, review=True), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    statuses: list[int] = []

    def browser(k: int) -> None:
        for n in range(15):
            body = urllib.parse.urlencode({"action": "speaker", "speaker": f"Lecteur{k} N{n}"})
            req = urllib.request.Request(f"http://127.0.0.1:{port}/review/{ids[k]}", body.encode())
            with urllib.request.urlopen(req) as r:  # follows the 303 to the quote page
                statuses.append(r.status)

    try:
        clients = [threading.Thread(target=browser, args=(k,)) for k in (0, 1)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert statuses == [200] * 30
    assert [len(history(db, i)) for i in ids] == [15, 15]


def test_search_cli_min_confidence(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    con = connect(db, create=True)
    writer = Writer(con)
    rows = rows_of("d1", ["Anne Roy", "Anne Roy"])
    rows[1]["confidence"] = 0.3
    writer.replace_document("d1", rows)
    writer.commit()
    con.close()
    args = ["search", "--db", str(db), "--format", "json"]
    assert len(json.loads(CliRunner().invoke(app, args).stdout)) == 2
    high = CliRunner().invoke(app, [*args, "--min-confidence", "0.5"])
    assert [r["quote"] for r in json.loads(high.stdout)] == ["Nous voterons le budget"]
    counted = CliRunner().invoke(
        app, ["speakers", "--db", str(db), "--format", "json", "--min-confidence", "0.5"]
    )
    assert json.loads(counted.stdout)[0]["quotes"] == 1
    bad = CliRunner().invoke(app, [*args, "--min-confidence", "2"])
    assert bad.exit_code == 2
