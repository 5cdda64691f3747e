"""The learned choice among an English quote's candidates (`--attribution model`):
English weights fitted by `quotes train` on English gold, shipped and chosen per
language. Sentences written for these tests; the gold file is data/sample_en_gold.jsonl
(articles written for the project)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from quotes import extract, ranker
from quotes.attribution import choice
from quotes.cli import app

GOLD = Path(__file__).resolve().parent.parent / "data" / "sample_en_gold.jsonl"
TEXT = (
    "Jane Roe, the mayor, spoke first at the meeting on Monday.\n\n"
    '"We will rebuild the bridge this year," Tom Lee said.\n\n'
    '"It is the only road to the school."\n\n'
    '"Nobody wants another winter like the last one," she added.'
)


def test_train_fits_english_weights_on_english_gold(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    result = CliRunner().invoke(app, ["train", str(GOLD), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    fitted = ranker.load(out)
    assert fitted.meta["lang"] == "en"
    assert fitted.meta["documents"] == 8


def test_gold_in_two_languages_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    french = {
        "id": "fr1",
        "text": "« Nous ne lâcherons rien », a déclaré la maire, Anne Roy, devant la mairie.",
        "quotes": [],
    }
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        GOLD.read_text("utf-8") + json.dumps(french, ensure_ascii=False) + "\n", "utf-8"
    )
    result = CliRunner().invoke(app, ["train", str(mixed), "-o", str(tmp_path / "w.json")])
    assert result.exit_code == 2
    assert "several languages" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "w.json").exists()


def test_english_weights_ship_with_their_language() -> None:
    english = ranker.load_default("en")
    assert english.meta["lang"] == "en"
    assert english.meta["groups"] != ranker.load_default("fr").meta["groups"]


def test_a_french_weights_file_leaves_english_text_to_the_shipped_english_weights(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fr.json"
    ranker.load_default("fr").save(path)
    assert choice.ranker_for("model", str(path), "en") is ranker.load_default("en")
    assert choice.ranker_for("model", str(path), "fr").meta == ranker.load_default("fr").meta


def test_model_mode_names_the_speakers_the_rules_name_on_plain_cues() -> None:
    rules = extract(TEXT, lang="en", attribution="rules")
    model = extract(TEXT, lang="en", attribution="model")
    expected = ["Tom Lee", "Tom Lee", "Jane Roe"]  # "she": the woman named first
    assert [q.speaker for q in model] == [q.speaker for q in rules] == expected
    assert all(0.0 <= q.confidence <= 1.0 for q in model)


def test_the_ranker_chooses_in_model_mode(tmp_path: Path) -> None:
    """Weights that never keep the cascade's answer: model mode must then name someone
    else for some quote (a mode that ignored the ranker could not)."""
    data = ranker.load_default("en").to_json()
    names, values = data["features"], data["weights"]
    data["weights"] = [-1e3 if f == "cascade" else w for f, w in zip(names, values, strict=True)]
    path = tmp_path / "contrarian.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rules = [q.speaker for q in extract(TEXT, lang="en", attribution="rules")]
    contrarian = [q.speaker for q in extract(TEXT, lang="en", weights=str(path))]
    assert contrarian != rules
    assert len(contrarian) == len(rules)
