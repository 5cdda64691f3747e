"""The Stanza backend (quotes.backends.stanza_fr), with no model download ever: real
`stanza.Document` objects are built from CoNLL-U (tests/data/stanza_fr.conllu, written
by tests/data/make_stanza_conllu.py) and handed to the backend in place of Stanza's
pipeline. Tests that need the `stanza` package skip without the [stanza] extra."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import backends, pipeline
from quotes.backends import stanza_fr
from quotes.cli import app
from quotes.model import Document
from quotes.nlp import ModelNotAvailable

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "stanza_fr.conllu"
runner = CliRunner()


@pytest.fixture
def stanza():  # type: ignore[no-untyped-def]
    return pytest.importorskip("stanza", reason="needs the [stanza] extra")


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "empty"))
    return tmp_path / "empty"


def install_fake_models(root: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A models folder laid out as `stanza.download` leaves it (empty weight files)."""
    for proc in stanza_fr.PROCESSORS:
        (root / "fr" / proc).mkdir(parents=True)
        (root / "fr" / proc / "default.pt").write_bytes(b"")
    (root / "resources.json").write_text("{}")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(root))
    return root


@pytest.fixture
def fake_models(tmp_path: Path, monkeypatch) -> Path:
    return install_fake_models(tmp_path / "stanza_resources", monkeypatch)


def fixture_blocks() -> dict[str, str]:
    """The fixture's CoNLL-U sentences, by the text each was parsed from."""
    blocks = FIXTURE.read_text(encoding="utf-8").strip().split("\n\n")
    return {b.splitlines()[0].removeprefix("# text = "): b + "\n" for b in blocks}


def fixture_documents(stanza) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Stanza Documents of the fixture, by the text each was parsed from."""
    from stanza.utils.conll import CoNLL

    return {text: CoNLL.conll2doc(input_str=b) for text, b in fixture_blocks().items()}


class FixturePipeline:
    """Stands in for `stanza.Pipeline`: returns the fixture's Document for each text."""

    def __init__(self, docs: dict[str, object]) -> None:
        self.docs = docs

    def __call__(self, batch: list) -> list:  # type: ignore[type-arg]
        missing = [d.text for d in batch if d.text not in self.docs]
        assert not missing, f"not in the fixture (rerun make_stanza_conllu.py): {missing}"
        return [self.docs[d.text] for d in batch]


@pytest.fixture
def stanza_backend(stanza, monkeypatch):  # type: ignore[no-untyped-def]
    backend = stanza_fr.StanzaBackend(pipeline=FixturePipeline(fixture_documents(stanza)))
    monkeypatch.setattr(pipeline, "get_backend", lambda name, device="cpu": backend)
    return backend


def fixture_maker():  # type: ignore[no-untyped-def]
    """tests/data/make_stanza_conllu.py, loaded as a module (it is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_conllu", DATA / "make_stanza_conllu.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_stanza_fixture_matches_the_pieces_the_backend_parses() -> None:
    """The fixture covers exactly what the pipeline asks the backend to parse."""
    assert list(fixture_blocks()) == fixture_maker().pieces()


@pytest.mark.parametrize("text", fixture_maker().SENTENCES)
def test_stanza_path_gives_the_quotes_speakers_and_offsets_of_the_spacy_path(
    text: str, stanza_backend
) -> None:  # type: ignore[no-untyped-def]
    def rows(backend: str) -> list[tuple]:
        found = pipeline.extract_document(Document("d", text), backend=backend)
        return [
            (q.quote, q.speaker, q.start, q.end, q.kind, q.cue, q.speaker_mention) for q in found
        ]

    via_stanza = rows("stanza")
    assert via_stanza == rows("spacy")
    assert via_stanza and all(speaker for _, speaker, *_ in via_stanza)
    assert all(text[start:end] == quote for quote, _, start, end, *_ in via_stanza)


def test_stanza_multi_word_token_is_one_token_that_slices_back(stanza) -> None:  # type: ignore[no-untyped-def]
    """ "du" = "de" + "le": one Tok with the text "du", the preposition's tag and
    attachment, the article's gender; the noun it precedes keeps its own head."""
    docs = fixture_documents(stanza)
    text = next(t for t in docs if "club du village" in t)
    toks = stanza_fr.tokens_of(docs[text], 100, text)
    du = next(t for t in toks if t.text == "du")
    village = next(t for t in toks if t.text == "village")
    assert (du.pos, du.dep, du.head, du.gender) == ("ADP", "case", village.i, "m")
    texts = [t.text for t in toks]
    assert texts[du.i - 1 : du.i + 2] == ["club", "du", "village"]
    assert all(text[t.start - 100 : t.end - 100] == t.text for t in toks)
    assert [t.i for t in toks] == list(range(len(toks)))
    assert [t.ent for t in toks if t.text in ("Sophie", "Martin")] == ["PER", "PER"]


def test_stanza_backend_without_models_fails_at_once_naming_the_download(no_models) -> None:
    """`quotes extract - --backend stanza` with no models: exit 2, the fix named, no
    traceback (with or without the [stanza] extra, the message names the next step)."""
    result = runner.invoke(app, ["extract", "-", "--backend", "stanza"], input="« Oui », dit-il.")
    assert result.exit_code == 2
    assert "quotes models download stanza" in result.output
    assert "Traceback" not in result.output


def test_stanza_python_api_raises_a_clear_error_without_models(no_models) -> None:
    import quotes

    with pytest.raises(ModelNotAvailable, match="quotes models download stanza"):
        quotes.extract("« Oui », dit-il.", backend="stanza")


def test_stanza_auto_picks_spacy_without_models_and_stanza_with_them(
    stanza, no_models, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    assert backends.resolve("auto") == "spacy"
    assert backends.resolve("spacy") == "spacy"
    install_fake_models(tmp_path / "full", monkeypatch)
    assert backends.resolve("auto") == "stanza"
    with pytest.raises(ValueError, match="unknown backend"):
        backends.resolve("nltk")


def test_stanza_models_listing(stanza, fake_models) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0
    assert "fr_core_news_sm" in result.output and "(default)" in result.output
    assert f"models in {fake_models}" in result.output
    assert "fr/depparse: default.pt" in result.output
    assert "--backend auto uses: stanza" in result.output


def test_stanza_models_listing_says_what_is_missing(stanza, no_models) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0
    assert "fr/ner: missing" in result.output
    assert "quotes models download stanza" in result.output
    assert "--backend auto uses: spacy" in result.output


def test_stanza_download_honours_stanza_resources_dir(stanza, no_models, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    monkeypatch.setattr(stanza, "download", lambda lang, **kw: calls.append((lang, kw)))
    result = runner.invoke(app, ["models", "download", "stanza"])
    assert result.exit_code == 0, result.output
    ((lang, kw),) = calls
    assert lang == "fr" and kw["model_dir"] == str(no_models)
    assert kw["processors"] == "tokenize,mwt,pos,lemma,depparse,ner"


def test_stanza_download_failure_is_a_message(stanza, no_models, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def offline(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("no route to host")

    monkeypatch.setattr(stanza, "download", offline)
    result = runner.invoke(app, ["models", "download", "stanza"])
    assert result.exit_code == 1
    assert "download failed" in result.output and "Traceback" not in result.output
