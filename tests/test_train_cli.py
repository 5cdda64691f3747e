"""`quotes train` on a small gold file written here (own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from quotes import ranker
from quotes.cli import app

DOCS = [
    (
        "a1",
        "ouest",
        "« Nous tiendrons », a affirmé Claire Morin. « Rien ne change », a-t-elle ajouté.",
        ["Claire Morin", "Claire Morin"],
    ),
    (
        "a2",
        "ouest",
        "Le maire Paul Roux a croisé Marie Dupont. « Il faut parler du budget », a-t-il lancé.",
        ["Paul Roux"],
    ),
    (
        "b1",
        "est",
        "« La route restera fermée », a prévenu Luc Petit. « Le chantier a du retard. »",
        ["Luc Petit", "Luc Petit"],
    ),
    (
        "b2",
        "est",
        "Selon Anne Roche, « la saison sera longue ». « Nous sommes prêts », a dit Henri Blanc.",
        ["Anne Roche", "Henri Blanc"],
    ),
]


def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = []
    for doc_id, outlet, text, speakers in DOCS:
        quotes, pos = [], 0
        for speaker in speakers:
            a = text.index("«", pos) + 2
            b = text.index("»", a) - 1
            quotes.append({"start": a, "end": b, "text": text[a:b], "speaker": speaker})
            pos = b
        lines.append(json.dumps({"id": doc_id, "outlet": outlet, "text": text, "quotes": quotes}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_writes_a_loadable_model_and_the_leave_one_out_table(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    result = CliRunner().invoke(
        app, ["train", str(gold_file(tmp_path)), "-o", str(out), "--by", "outlet", "-q"]
    )
    assert result.exit_code == 0, result.output
    model = ranker.load(out)
    assert model.meta["examples"] == 7 and sorted(model.meta["groups"]) == ["est", "ouest"]
    lines = result.output.splitlines()
    assert any(line.startswith("est ") for line in lines)
    assert any(line.startswith("ouest ") for line in lines)
    assert any(line.startswith("pooled ") and " 7 " in line for line in lines)


def test_exclude_leaves_documents_out(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    result = CliRunner().invoke(
        app, ["train", str(gold_file(tmp_path)), "-o", str(out), "--exclude", "outlet=est", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert ranker.load(out).meta["documents"] == 2


def test_a_missing_gold_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", str(tmp_path / "nope.jsonl"), "-o", "w.json"])
    assert result.exit_code == 2
    assert "no such gold file" in result.output


def test_the_leave_one_out_table_stays_aligned_with_long_outlet_names() -> None:
    from quotes.train_cli import FoldResult, format_folds

    folds = [
        FoldResult("a-very-long-outlet-name", 10, 8, 9, [], []),
        FoldResult("b", 5, 4, 4, [], []),
    ]
    lines = format_folds(folds, "outlet").splitlines()
    ends = {len(line) for line in lines}
    assert len(ends) == 1, lines  # every row as wide as the header
    assert lines[1].split() == ["a-very-long-outlet-name", "10", "0.800", "0.900", "0", "0", "0"]
