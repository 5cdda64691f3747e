"""The spaCy adapter (quotes.nlp): tokens, offsets and the tokenizer repairs attribution
relies on."""

from __future__ import annotations

import pytest

from quotes.nlp import parse_sentences


@pytest.mark.parametrize(
    ("text", "clitic"),
    [
        ("«Nous sommes là», ont-elles lancé.", "-elles"),
        ("«Oui», disent-elles.", "-elles"),
        ("«Oui», dit-elle.", "-elle"),
        ("«Oui», ont-ils dit.", "-ils"),
    ],
)
def test_inverted_clitic_is_one_token(text: str, clitic: str) -> None:
    """nlp._split_inverted_clitics: the French tokenizer splits "-elles" into "-" and
    "elles"; the inverted subject must be one token, as "-ils" already is."""
    (toks,) = parse_sentences(text, [(0, len(text))])
    assert clitic in [t.text for t in toks]
    assert all(text[t.start : t.end] == t.text for t in toks)


def test_typographic_marks_keep_offsets() -> None:
    """nlp.PARSE_FORM: curly apostrophes, guillemets and narrow spaces are parsed as their
    ASCII forms, one for one, so tokens still slice back into the original text."""
    text = "«\u202fL’État n’a rien dit\u202f», a-t-elle ajouté."
    (toks,) = parse_sentences(text, [(0, len(text))])
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert "L’" in [t.text for t in toks] and "-elle" in [t.text for t in toks]
