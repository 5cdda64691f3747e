"""`quotes eval` over several gold files: pooling, `--by` tables, `--only`/`--exclude`.

Every text here is invented for the tests. The extractor is faked (as in
tests/test_eval_cli.py) so each expected number below is computed by hand from SYSTEM.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from quotes import pipeline
from quotes.eval_cli import register
from quotes.eval_groups import SelectionError, load_gold_files, select_docs
from quotes.eval_report import format_group_errors, group_reports
from quotes.evaluation import GoldDoc, GoldError, GoldQuote, load_gold, score
from quotes.model import Document, Quote

A1 = (
    "Le bourgmestre Paul Lemaire a déclaré : « Le marché restera ouvert tout l’été. » "
    "Il a ajouté : « Nous verrons en septembre. »"
)
A2 = "Pour la directrice Julie Martin, « le bilan est excellent et les chiffres le prouvent »."
SHARED_A = (
    "La syndique Anne Favre estime que « la route doit être refaite ». "
    "Le projet « Horizon » sera présenté jeudi."
)
SHARED_B = (
    "« Les travaux commenceront lundi », a annoncé l’échevin Marc Dubois. "
    "Selon une riveraine, « personne n’a été prévenu »."
)
B1 = "Le ministre a répondu : « Ce n’est pas le moment. »"

#: What the fake extractor finds in each text: (quote, speaker). Per document, vs gold:
#: A1 both quotes, second speaker "il" (unresolved pronoun); A2 44% of the span (wrong span
#: at 80%); SHARED_A the quote plus the title "Horizon" (term taken for a quote); SHARED_B
#: "Dubois" for "Marc Dubois" (lenient only), second quote missed; B1 no speaker.
SYSTEM: dict[str, list[tuple[str, str | None]]] = {
    A1: [
        ("Le marché restera ouvert tout l’été.", "Paul Lemaire"),
        ("Nous verrons en septembre.", "il"),
    ],
    A2: [("le bilan est excellent", "Julie Martin")],
    SHARED_A: [("la route doit être refaite", "Anne Favre"), ("Horizon", None)],
    SHARED_B: [("Les travaux commenceront lundi", "Dubois")],
    B1: [("Ce n’est pas le moment.", None)],
}


def row(
    doc_id: str,
    text: str,
    quotes: list[tuple[str, str | None]],
    nonquotes: tuple[tuple[str, str], ...] = (),
    **meta: Any,
) -> dict[str, Any]:
    """A gold line built from substrings, so offsets are right by construction."""

    def span(s: str) -> dict[str, Any]:
        return {"start": text.index(s), "end": text.index(s) + len(s), "text": s}

    return {
        "id": doc_id,
        **meta,
        "text": text,
        "quotes": [{**span(q), "kind": "direct", "speaker": spk} for q, spk in quotes],
        "nonquotes": [{**span(s), "kind": kind} for s, kind in nonquotes],
    }


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture
def golds(tmp_path: Path) -> list[Path]:
    """Two files; "shared" is an id of both; B1 has no outlet."""
    a = write(
        tmp_path / "dev_a.jsonl",
        [
            row(
                "a1",
                A1,
                [
                    ("Le marché restera ouvert tout l’été.", "Paul Lemaire"),
                    ("Nous verrons en septembre.", "Paul Lemaire"),
                ],
                outlet="be-dh",
                source="test",
            ),
            row(
                "shared",
                SHARED_A,
                [("la route doit être refaite", "Anne Favre")],
                (("Horizon", "title"),),
                outlet="ch-b",
            ),
            row(
                "a2",
                A2,
                [("le bilan est excellent et les chiffres le prouvent", "Julie Martin")],
                outlet="ch-b",
            ),
        ],
    )
    b = write(
        tmp_path / "dev_b.jsonl",
        [
            row(
                "shared",
                SHARED_B,
                [
                    ("Les travaux commenceront lundi", "Marc Dubois"),
                    ("personne n’a été prévenu", "une riveraine"),
                ],
                outlet="be-dh",
            ),
            row("b1", B1, [("Ce n’est pas le moment.", "le ministre")]),
        ],
    )
    return [a, b]


SEEN: list[str] = []


def fake_extract(doc: Document, **options: object) -> list[Quote]:
    SEEN.append(doc.doc_id)
    out = []
    for quote, speaker in SYSTEM[doc.text]:
        s = doc.text.index(quote)
        out.append(
            Quote(doc.doc_id, quote, speaker, None, None, "direct", s, s + len(quote), "", 0)
        )
    return out


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    SEEN.clear()
    monkeypatch.setattr(pipeline, "extract_document", fake_extract)


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Throwaway root so `eval` is a sub-command, as in quotes/cli.py."""

    register(app)
    return app


def run(*args: str) -> Any:
    return CliRunner().invoke(make_app(), ["eval", *args, "-q"])


def table(text: str, first: str) -> dict[str, list[str]]:
    """The rows of the table whose header starts with `first`, as {label: cells}."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [first])
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        label, *cells = re.split(r"\s{2,}", line.strip())
        rows[label] = cells
    return rows


# --- loading several files -------------------------------------------------------------


def test_metadata_and_file_kept_on_gold_docs(golds: list[Path]) -> None:
    docs = load_gold(golds[0])
    assert docs[0].meta == {"outlet": "be-dh", "source": "test"}
    assert docs[0].gold_file == str(golds[0])
    assert load_gold(golds[1])[1].meta == {}


def test_colliding_ids_get_the_file_stem_and_nothing_is_dropped(golds: list[Path]) -> None:
    docs = load_gold_files(golds)
    assert [d.doc_id for d in docs] == ["a1", "dev_a:shared", "a2", "dev_b:shared", "b1"]
    assert [d.text for d in docs] == [A1, SHARED_A, A2, SHARED_B, B1]


def test_prefixed_id_never_lands_on_an_existing_id(tmp_path: Path) -> None:
    one = write(tmp_path / "one.jsonl", [row("x", B1, []), row("two:x", A2, [])])
    two = write(tmp_path / "two.jsonl", [row("x", A1, [])])
    docs = load_gold_files([one, two])
    assert [(d.doc_id, d.text) for d in docs] == [("one:x", B1), ("two:x", A2), ("two~2:x", A1)]


def test_bad_files_all_reported_and_same_file_twice_refused(
    tmp_path: Path, golds: list[Path]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "abc"}\n', encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold_files([golds[0], bad, tmp_path / "absent.jsonl"])
    assert len(info.value.problems) == 2
    assert "bad.jsonl:1: missing field quotes" in info.value.problems[0]
    assert "no such gold file" in info.value.problems[1]
    with pytest.raises(GoldError, match="given twice"):
        load_gold_files([golds[0], golds[0]])


# --- groups ----------------------------------------------------------------------------


def _scored(golds: list[Path]) -> tuple[Any, Any]:
    docs = load_gold_files(golds)
    return docs, score(docs, {d.doc_id: fake_extract(Document(d.doc_id, d.text)) for d in docs})


def test_group_reports_add_up_to_the_pooled_report(golds: list[Path]) -> None:
    docs, report = _scored(golds)
    groups = group_reports(report, docs, "outlet")
    assert list(groups) == ["-", "be-dh", "ch-b"]
    assert [r.doc_id for r in groups["be-dh"].docs] == ["a1", "dev_b:shared"]
    assert sum(g.documents for g in groups.values()) == report.documents == 5
    for t in (0.3, 0.8):
        assert sum(g.spans[t].matched for g in groups.values()) == report.spans[t].matched
    assert sum(len(g.errors) for g in groups.values()) == len(report.errors) == 5
    with pytest.raises(ValueError, match="not in the gold documents"):
        group_reports(report, docs[:2], "outlet")


def test_same_file_name_in_two_folders_stays_two_groups(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    one = write(tmp_path / "x" / "gold.jsonl", [row("d1", B1, [])])
    two = write(tmp_path / "y" / "gold.jsonl", [row("d2", A2, [])])
    docs, report = _scored([one, two])
    assert list(group_reports(report, docs, "file")) == [str(one), str(two)]


def test_by_outlet_table(golds: list[Path]) -> None:
    result = run(*map(str, golds), "--by", "outlet")
    assert result.exit_code == 0, result.output
    # columns: docs gold F1@30 F1@80 spk-lenient spk-strict e2e-F1 spk-n. By hand, e.g.
    # be-dh: 4 gold, 3 system, 3 matched -> F1 6/7; speaker 2/3 lenient, 1/3 strict;
    # end to end 2 matched -> P 2/3, R 1/2, F1 4/7. ch-b @80: 1 of 2 gold, 3 system -> 0.4.
    assert table(result.stdout, "outlet") == {
        "-": ["1", "1", "1.000", "1.000", "0.000", "0.000", "0.000", "1"],
        "be-dh": ["2", "4", "0.857", "0.857", "0.667", "0.333", "0.571", "3"],
        "ch-b": ["2", "2", "0.800", "0.400", "1.000", "1.000", "0.800", "2"],
        "pooled": ["5", "7", "0.857", "0.714", "0.667", "0.500", "0.571", "6"],
    }
    assert result.stdout.index("spans @30%") < result.stdout.index("outlet ")
    assert "errors by cause" not in result.stdout


def test_by_file_table(golds: list[Path]) -> None:
    result = run(*map(str, golds), "--by", "file")
    assert result.exit_code == 0, result.output
    assert table(result.stdout, "file") == {
        "dev_a.jsonl": ["3", "4", "0.889", "0.667", "0.750", "0.750", "0.667", "4"],
        "dev_b.jsonl": ["2", "3", "0.800", "0.800", "0.500", "0.000", "0.400", "2"],
        "pooled": ["5", "7", "0.857", "0.714", "0.667", "0.500", "0.571", "6"],
    }


def test_errors_cause_table_before_the_detailed_list(golds: list[Path]) -> None:
    result = run(*map(str, golds), "--by", "outlet", "--errors")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("outlet ") < out.index("errors by cause and outlet") < out.index("== ")
    assert table(out, "cause") == {  # columns: -, be-dh, ch-b, total
        "missed quote": ["0", "1", "0", "1"],
        "missing speaker": ["1", "0", "0", "1"],
        "term taken for a quote": ["0", "0", "1", "1"],
        "unresolved pronoun": ["0", "1", "0", "1"],
        "wrong span": ["0", "0", "1", "1"],
        "total": ["1", "2", "2", "5"],
    }
    assert "[dev_b:shared]" in out  # the detailed list names the renamed document


def test_cause_table_with_a_group_called_total() -> None:
    """A group named "total" keeps its own column next to the totals one."""
    text = "Il a dit : « Bonjour à tous. »"
    s = text.index("Bonjour")
    gold = GoldQuote(s, s + 15, "Bonjour à tous.", "direct", "Paul")
    docs = [GoldDoc("d", text, [gold], meta={"outlet": "total"})]
    report = score(docs, {})  # nothing found: one missed quote
    lines = format_group_errors(group_reports(report, docs, "outlet"), "outlet").splitlines()
    assert lines[1].split() == ["cause", "total", "total"]
    assert lines[2].split() == ["missed", "quote", "1", "1"]
    assert lines[-1].split() == ["total", "1", "1"]


def test_json_groups(golds: list[Path]) -> None:
    result = run(*map(str, golds), "--by", "outlet", "--json", "--errors")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["group_by"] == "outlet"
    assert list(data["groups"]) == ["-", "be-dh", "ch-b"]
    ch_b = data["groups"]["ch-b"]
    assert ch_b["documents"] == 2 and ch_b["spans"]["at80"]["matched"] == 1
    assert ch_b["spans"]["at80"]["f1"] == pytest.approx(0.4)
    assert ch_b["error_counts"] == {"term taken for a quote": 1, "wrong span": 1}
    pooled_keys = {"documents", "gold_quotes", "spans", "end_to_end", "speaker", "failed_docs"}
    assert all(pooled_keys <= set(g) for g in data["groups"].values())
    assert data["documents"] == 5
    assert [d["doc_id"] for d in data["docs"]] == [
        "a1",
        "dev_a:shared",
        "a2",
        "dev_b:shared",
        "b1",
    ]
    plain = json.loads(run(*map(str, golds), "--json").stdout)
    assert "groups" not in plain and "group_by" not in plain


# --- choosing documents ----------------------------------------------------------------


def test_exclude_keeps_the_documents_out_of_extraction(golds: list[Path]) -> None:
    result = run(*map(str, golds), "--exclude", "outlet=ch-b", "--json")
    assert result.exit_code == 0, result.output
    assert SEEN == ["a1", "dev_b:shared", "b1"]
    assert json.loads(result.stdout)["documents"] == 3
    assert "scoring 3 of 5 gold documents" in result.stderr


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["--only", "outlet=-"], ["b1"]),
        (["--only", "outlet=be-dh", "--only", "outlet=-"], ["a1", "dev_b:shared", "b1"]),
        (["--only", "outlet=be-dh", "--only", "file=dev_b.jsonl"], ["dev_b:shared"]),
        (["--only", "source=test"], ["a1"]),
        (
            ["--only", "outlet=ch-b", "--exclude", "file=dev_a.jsonl", "--exclude", "source=test"],
            None,
        ),
    ],
)
def test_only_and_exclude(golds: list[Path], args: list[str], kept: list[str] | None) -> None:
    result = run(*map(str, golds), *args, "--json")
    if kept is None:  # everything filtered out: an error, not an empty report
        assert result.exit_code == 2
        assert "no gold document left" in result.stderr
        return
    assert result.exit_code == 0, result.output
    assert [d["doc_id"] for d in json.loads(result.stdout)["docs"]] == kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "outlett=ch-b"], "--only: no gold document has a field 'outlett'"),
        (["--exclude", "outlet=ch-c"], "--exclude outlet=ch-c: no gold document has this value"),
        (["--by", "outlets"], "--by: no gold document has a field 'outlets'"),
        (["--only", "outlet"], "--only expects FIELD=VALUE, got 'outlet'"),
    ],
)
def test_unknown_field_or_value_exits_2_before_extraction(
    golds: list[Path], args: list[str], message: str
) -> None:
    result = run(*map(str, golds), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]
    assert SEEN == []


def test_unknown_field_message_lists_the_fields(golds: list[Path]) -> None:
    with pytest.raises(SelectionError, match=r"\(fields: file, outlet, source\)"):
        select_docs(load_gold_files(golds), only=[("outlett", "x")])


def test_one_bad_file_among_several_exits_2(tmp_path: Path, golds: list[Path]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = run(str(golds[0]), str(bad))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: ") and "bad.jsonl:1: bad JSON" in result.stderr
    assert SEEN == []
