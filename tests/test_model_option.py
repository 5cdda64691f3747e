"""`--model`, `--attribution` and `--weights` on `quotes extract`, `eval` and `index`: what
reaches the pipeline, the one-line usage errors (exit 2), and `--jobs` workers running
with the parent's setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import nlp, pipeline, ranker, runner
from quotes.attribution import choice
from quotes.cli import app
from quotes.io.readers import Origin
from quotes.model import Document, Quote

TEXT = "« Le chantier sera terminé en juin », a promis l'architecte Lucie Marchand."
GOLD_QUOTE = "Le chantier sera terminé en juin"


@pytest.fixture(autouse=True)
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each test in its own folder, with no setting left from the environment or from an
    earlier test (the CLI sets this process's model)."""
    monkeypatch.chdir(tmp_path)
    for var in ("QUOTES_ATTRIBUTION", "QUOTES_WEIGHTS", nlp.MODEL_ENV):
        monkeypatch.delenv(var, raising=False)
    nlp.use_model(None)
    yield
    nlp.use_model(None)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    s = TEXT.index(GOLD_QUOTE)
    line = {
        "id": "g1",
        "text": TEXT,
        "quotes": [
            {
                "start": s,
                "end": s + len(GOLD_QUOTE),
                "text": GOLD_QUOTE,
                "kind": "direct",
                "speaker": "Lucie Marchand",
                "mention": None,
                "cue": None,
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def weights(tmp_path: Path) -> Path:
    """A valid weights file, as `quotes train` writes them (the shipped ranker, saved)."""
    path = tmp_path / "mine.json"
    ranker.load_default().save(path)
    return path


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """What the pipeline entries get: their keyword arguments and the spaCy model in use
    when called. Nothing is parsed."""
    calls: list[dict] = []

    def one(doc: Document, **kw: object) -> list[Quote]:
        calls.append({**kw, "model": nlp.current_model()})
        return []

    def many(docs: list[Document], **kw: object) -> list[list[Quote] | Exception]:
        calls.append({**kw, "model": nlp.current_model()})
        return [[] for _ in docs]

    monkeypatch.setattr(pipeline, "extract_document", one)
    monkeypatch.setattr(pipeline, "extract_documents", many)
    return calls


def invoke(command: str, source: Path, *options: str):
    """`quotes extract|index|eval` on `source`, in this process (--jobs 1)."""
    args = {
        "extract": ["extract", str(source), "-q", "--jobs", "1"],
        "index": ["index", "q.db", str(source), "-q", "--jobs", "1"],
        "eval": ["eval", str(source), "-q"],
    }[command]
    return CliRunner().invoke(app, [*args, *options])


def source_for(command: str, article: Path, gold: Path) -> Path:
    return gold if command == "eval" else article


COMMANDS = ["extract", "index", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_defaults_reach_the_pipeline(command, article, gold, seen) -> None:
    result = invoke(command, source_for(command, article, gold))
    assert seen, result.output
    assert seen[0]["attribution"] == choice.DEFAULT
    assert seen[0]["weights"] is None
    assert seen[0]["model"] == nlp.DEFAULT_MODEL


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("mode", ["rules", "model"])
def test_attribution_option_reaches_the_pipeline(command, mode, article, gold, seen) -> None:
    invoke(command, source_for(command, article, gold), "--attribution", mode)
    assert [c["attribution"] for c in seen] == [mode]


@pytest.mark.parametrize("command", COMMANDS)
def test_option_overrides_the_environment(command, article, gold, seen, monkeypatch) -> None:
    monkeypatch.setenv("QUOTES_ATTRIBUTION", "model")
    invoke(command, source_for(command, article, gold), "--attribution", "rules")
    monkeypatch.setenv("QUOTES_ATTRIBUTION", "rules")
    invoke(command, source_for(command, article, gold), "--attribution", "model")
    monkeypatch.setenv("QUOTES_ATTRIBUTION", "model")
    invoke(command, source_for(command, article, gold))
    assert [c["attribution"] for c in seen] == ["rules", "model", "model"]


@pytest.mark.parametrize("command", COMMANDS)
def test_weights_reach_the_pipeline_as_an_absolute_path(
    command, article, gold, weights, seen
) -> None:
    invoke(command, source_for(command, article, gold), "--weights", weights.name)
    assert seen[0]["weights"] == str(weights.resolve())
    assert seen[0]["attribution"] == "model"  # weights imply the model...
    seen.clear()
    src = source_for(command, article, gold)
    invoke(command, src, "--weights", weights.name, "--attribution", "rules")
    assert seen[0]["attribution"] == "rules"  # ...unless the rules are asked for
    assert seen[0]["weights"] is None


@pytest.mark.parametrize("command", COMMANDS)
def test_model_option_sets_the_model_in_use(command, article, gold, seen, tmp_path) -> None:
    """A directory (a saved spaCy pipeline) is accepted as is: the pipeline must see it as
    the model in use (nothing is parsed here)."""
    saved = tmp_path / "my_pipeline"
    saved.mkdir()
    invoke(command, source_for(command, article, gold), "--model", str(saved))
    assert [c["model"] for c in seen] == [str(saved)]


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_weights_file_is_a_usage_error(command, article, gold, seen) -> None:
    result = invoke(command, source_for(command, article, gold), "--weights", "absent.json")
    _one_line_error(result, "--weights", "absent.json", "no such file")
    assert seen == []  # stopped before any document


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "cannot read ranker weights"),
        ('{"format": "something else"}', "not a quotes ranker"),
        ('["a list"]', "malformed ranker weights"),
    ],
)
def test_invalid_weights_file_is_a_usage_error(
    command, content, why, article, gold, seen, tmp_path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = invoke(command, source_for(command, article, gold), "--weights", str(bad))
    _one_line_error(result, "--weights", "bad.json", why)
    assert seen == []


def test_invalid_weights_from_the_environment_name_the_variable(
    article, seen, tmp_path, monkeypatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("QUOTES_WEIGHTS", str(bad))
    _one_line_error(invoke("extract", article), "$QUOTES_WEIGHTS", "not a quotes ranker")
    # the rules need no weights: a stale variable does not stop them
    assert invoke("extract", article, "--attribution", "rules").exit_code == 0


def test_bad_attribution_values(article, seen, monkeypatch) -> None:
    result = invoke("extract", article, "--attribution", "vote")
    assert result.exit_code == 2 and seen == []
    monkeypatch.setenv("QUOTES_ATTRIBUTION", "vote")
    _one_line_error(invoke("extract", article), "QUOTES_ATTRIBUTION", "vote")


@pytest.mark.parametrize("command", COMMANDS)
def test_model_not_installed_is_a_usage_error(command, article, gold, seen) -> None:
    result = invoke(command, source_for(command, article, gold), "--model", "fr_core_news_zz")
    _one_line_error(result, "fr_core_news_zz", "is not installed", "pip install fr_core_news_zz==")
    assert seen == []


def test_model_from_the_environment_is_checked_too(article, seen, monkeypatch) -> None:
    monkeypatch.setenv(nlp.MODEL_ENV, "fr_core_news_zz")
    _one_line_error(invoke("extract", article), "fr_core_news_zz", "pip install")
    assert seen == []


def test_model_is_not_checked_with_fast(article) -> None:
    """--fast loads no model: a --model that is not installed does not matter."""
    result = invoke("extract", article, "--fast", "--model", "fr_core_news_zz")
    assert result.exit_code == 0, result.output


def test_help_lists_the_options() -> None:
    for command in COMMANDS:
        out = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout
        assert "--model" in out and "--attribution" in out and "--weights" in out, command


# ------------------------------------------------------------- worker processes

SPEAKERS = ["Lucie Marchand", "Omar Benali", "Inès Carpentier", "Yves Le Goff"]


def corpus(path: Path, n: int = 12) -> Path:
    """Short articles written for these tests: attributed quotes, and quotes with no one
    nearby (where the ranker and the cascade differ)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            who = SPEAKERS[i % len(SPEAKERS)]
            text = (
                f"La piscine du quartier rouvrira après {i + 2} mois de travaux. "
                f"« Les bassins seront chauffés dès l'automne », a annoncé {who}. "
                "Le parking reste fermé.\n\nLa rue sera repavée en mars.\n\n"
                "« Ce sera une belle saison. »"
            )
            f.write(json.dumps({"id": f"p{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def test_workers_run_with_the_parents_attribution(tmp_path: Path) -> None:
    """--jobs 2 writes the rows of --jobs 1 under each mode, and with weights of our own
    that never keep the cascade's answer; those give other speakers than the rules
    (otherwise this test could not tell a worker that ignored the setting)."""
    src = corpus(tmp_path / "c.jsonl")
    data = ranker.load_default().to_json()
    data["weights"] = [-1e3 if f == "cascade" else w for f, w in zip(*_fw(data), strict=True)]
    contrarian = tmp_path / "contrarian.json"
    contrarian.write_text(json.dumps(data), encoding="utf-8")
    settings = {
        "rules": ["--attribution", "rules"],
        "model": ["--attribution", "model"],
        "contrarian": ["--weights", str(contrarian)],
    }
    out = {}
    for name, options in settings.items():
        for jobs in ("1", "2"):
            path = tmp_path / f"{name}{jobs}.jsonl"
            args = ["extract", str(src), "-o", str(path), "-q", "-j", jobs, *options]
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 0, result.output
            out[name, jobs] = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for name in settings:
        assert out[name, "1"] == out[name, "2"], name
    assert len(out["rules", "1"]) == 24

    def speakers(name: str) -> list[str | None]:
        return [row["speaker"] for row in out[name, "2"]]

    assert speakers("contrarian") != speakers("rules")


def _fw(data: dict) -> tuple[list[str], list[float]]:
    return list(data["features"]), list(data["weights"])


def test_workers_run_with_the_parents_model(tmp_path: Path) -> None:
    """runner.process on 2 worker processes: each worker loads the model of `Options`
    (here one that is not installed, so every document says which model it tried)."""
    docs = [(Origin("t", i + 1), Document(f"d{i}", TEXT)) for i in range(runner.BATCH_SIZE + 2)]
    options = runner.Options(model="fr_core_news_zz", attribution="rules")
    outcomes = list(runner.process(iter(docs), options, jobs=2))
    assert len(outcomes) == len(docs)
    for o in outcomes:
        assert o.skipped is not None and "fr_core_news_zz" in o.skipped.reason


def test_workers_get_the_weights_file(tmp_path: Path, weights: Path) -> None:
    """A weights file is loaded by the workers themselves: one that vanished after the
    parent's check fails there, naming the path."""
    gone = tmp_path / "gone.json"
    docs = [(Origin("t", 1), Document("d", TEXT))]
    options = runner.Options(attribution="model", weights=str(gone))
    with pytest.raises(ranker.WeightsError, match=r"gone\.json"):
        list(runner.process(iter(docs), options, jobs=2))
    fine = runner.Options(attribution="model", weights=str(weights))
    (outcome,) = runner.process(iter(docs), fine, jobs=2)
    assert outcome.rows and outcome.rows[0]["speaker"] == "Lucie Marchand"


# ------------------------------------------------------------------ Python API


def test_api_checks_model_and_weights_before_parsing(tmp_path: Path, monkeypatch) -> None:
    import quotes
    from quotes import backends

    monkeypatch.setattr(pipeline, "parse_pieces", lambda *a, **k: pytest.fail("parsed"))
    with pytest.raises(backends.ModelNotAvailable, match="pip install fr_core_news_zz=="):
        quotes.extract(TEXT, model="fr_core_news_zz")
    with pytest.raises(backends.ModelNotAvailable, match="fr_core_news_zz"):
        quotes.extract_frame([TEXT], model="fr_core_news_zz")
    with pytest.raises(ranker.WeightsError, match="absent"):
        quotes.extract(TEXT, weights=str(tmp_path / "absent.json"))
    with pytest.raises(ranker.WeightsError, match="absent"):
        quotes.extract_frame([TEXT], weights=str(tmp_path / "absent.json"))
    with pytest.raises(ValueError, match="attribution"):
        quotes.extract(TEXT, attribution="vote")


def test_api_model_and_attribution_reach_the_pipeline(monkeypatch, weights, tmp_path) -> None:
    """quotes.extract / extract_frame: model= is the model in use during the call only (a
    folder stands for a saved pipeline: nothing is parsed here)."""
    import quotes

    saved = tmp_path / "saved_pipeline"
    saved.mkdir()

    calls: list[tuple[str, dict]] = []

    def fake(doc: Document, **kw: object) -> list[Quote]:
        calls.append((nlp.current_model(), kw))
        return []

    monkeypatch.setattr(pipeline, "extract_document", fake)
    quotes.extract(TEXT, model=str(saved), attribution="model", weights=str(weights))
    quotes.extract_frame([TEXT], attribution="rules", model=str(saved))
    quotes.extract(TEXT)
    assert [(m, kw["attribution"], kw["weights"]) for m, kw in calls] == [
        (str(saved), "model", str(weights)),
        (str(saved), "rules", None),
        (nlp.DEFAULT_MODEL, None, None),
    ]
    assert nlp.current_model() == nlp.DEFAULT_MODEL  # a call's model= does not outlive it
