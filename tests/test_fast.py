"""`--fast` (quotes/fast.py): no model is loaded, quotes are the same, and the word-order
rules still name the speaker of plain incises, "selon X" and inverted pronouns."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quotes import nlp
from quotes.cli import app
from quotes.fast import fast_pieces
from quotes.model import Document
from quotes.pipeline import extract_document


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to load the statistical model fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("--fast must not load the model")

    monkeypatch.setattr(nlp, "get_nlp", refuse)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "« Nous ne céderons rien », a déclaré la ministre Hélène Garnier.",
            "Hélène Garnier",
            "a déclaré",
        ),
        ("Selon Paul Roux, « le port vivra ».", "Paul Roux", "Selon"),
        (
            "Anne Vidal a parlé lundi. « Rien n'est joué », a-t-elle ajouté.",
            "Anne Vidal",
            "a-t-elle ajouté",
        ),
    ],
    ids=["incise", "selon", "inverted-pronoun"],
)
def test_fast_names_the_speaker_of_plain_patterns(
    no_model: None, text: str, speaker: str, cue: str
) -> None:
    (q,) = extract_document(Document("t", text), fast=True)
    assert (q.speaker, q.cue) == (speaker, cue)


def test_fast_finds_the_same_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spans and kinds come from the scanner and the classifier, as in the default path."""
    text = (
        "Le maire, Paul Roux, a ouvert la séance. « Le budget sera voté », a-t-il dit. "
        "Les « bonnets verts » ont quitté la salle, « furieux et déçus »."
    )
    doc = Document("t", text)
    default = [(q.start, q.end, q.kind) for q in extract_document(doc, include_terms=True)]
    monkeypatch.setattr(nlp, "get_nlp", lambda *a, **k: pytest.fail("model loaded"))
    fast = [(q.start, q.end, q.kind) for q in extract_document(doc, include_terms=True, fast=True)]
    assert fast == default and len(default) == 3


def test_fast_tokens_slice_back_and_tag_by_lexicon() -> None:
    """fast_pieces: offsets into the text, closed-class words and people from lexicons."""
    text = "Intro. « Oui », a dit Hélène Garnier à la presse."
    (toks,) = fast_pieces([(text, (7, len(text)))])
    assert all(text[t.start : t.end] == t.text for t in toks)
    tags = {t.text: (t.pos, t.ent) for t in toks}
    assert tags["a"] == ("AUX", "") and tags["la"] == ("DET", "")
    assert tags["Hélène"] == ("PROPN", "PER") and tags["Garnier"] == ("PROPN", "PER")
    assert tags["dit"][0] == "VERB"


def test_cli_fast_option(tmp_path, no_model: None) -> None:
    """`quotes extract --fast` runs without the model and writes the rows."""
    src = tmp_path / "a.txt"
    src.write_text("« Nous resterons », a déclaré Anne Vidal.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--fast", "-j", "1"])
    assert r.exit_code == 0, r.output
    assert '"speaker": "Anne Vidal"' in out.read_text(encoding="utf-8")
