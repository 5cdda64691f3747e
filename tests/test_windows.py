"""What the parser sees (quotes.windows, nlp.parse_pieces with `elide`): the sentences
around quotes, long quotes' words replaced by one placeholder token that keeps their
offsets, and the same speakers as when every word is parsed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import windows
from quotes.nlp import PLACEHOLDER, parse_pieces
from quotes.scanner import scan
from quotes.windows import may_name_someone
from tests.helpers import extract

LONG = "Nous ne partirons pas tant que la mairie n’aura pas rouvert la crèche du quartier"


def test_sentences_to_parse_takes_each_quote_and_the_sentences_before() -> None:
    """sentences_to_parse: a quote's sentence and CONTEXT_SENTENCES_BEFORE (3) before it,
    clipped at the document's first sentence, each once, in order."""
    assert windows.sentences_to_parse([1], 10) == [0, 1]
    assert windows.sentences_to_parse([8, 5], 10) == [2, 3, 4, 5, 6, 7, 8]
    assert windows.sentences_to_parse([], 10) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Elle a dit : « {LONG} ».", True),
        ("Elle a dit : « Nous ne partirons pas ».", False),  # short: parsed as it is
        (f"« {LONG}, a-t-elle dit, et nous le ferons savoir ».", False),  # incise inside
        (f"« {LONG}, selon la porte-parole, et nous le ferons savoir ».", False),
    ],
)
def test_elidable(text: str, expected: bool) -> None:
    """elidable: only long quotes whose words no rule reads."""
    (span,) = scan(text)
    assert windows.elidable(text, span) is expected


def test_placeholder_token_keeps_the_quote_offsets() -> None:
    """parse_pieces(elide=…): the elided words become one token spanning them; the tokens
    after it keep their own offsets, in a piece that does not start the text."""
    text = f"Premier paragraphe. Elle a dit : « {LONG} », puis « {LONG} » en partant."
    (span1, span2) = scan(text)
    start = text.index("Elle")
    (toks,) = parse_pieces(
        [(text, (start, len(text)))], elide=[[(span1.start, span1.end), (span2.start, span2.end)]]
    )
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert [t.text for t in toks].count(LONG) == 2
    assert "n’aura" not in [t.text for t in toks]
    assert [t.text for t in toks][-3:] == ["en", "partant", "."]


def test_an_elided_range_outside_the_piece_is_ignored() -> None:
    text = f"Elle a dit : « {LONG} »."
    (span,) = scan(text)
    (toks,) = parse_pieces([(text, (0, 10))], elide=[[(span.start, span.end)]])
    assert [t.text for t in toks] == ["Elle", "a", "dit"]


@pytest.mark.parametrize(
    "text",
    [
        f"La maire, Claire Fontaine, a déclaré : « {LONG} ».",
        f"« {LONG} », a expliqué Marc Olivier, porte-parole du collectif.",
        f"Sophie Laurent est arrivée tôt. Elle prévient : « {LONG} ».",
        f"Selon Paul Henri, « {LONG} ».",
        f"Jean Moreau a promis que « {LONG} ». « Et ensuite nous verrons », a-t-il ajouté.",
        f"« {LONG}, a-t-elle affirmé, et nous le ferons savoir », a dit Léa Simon.",
    ],
)
def test_elision_gives_the_speakers_of_the_full_parse(text: str, monkeypatch) -> None:
    """The parser reading a placeholder for the quoted words finds the same speakers and
    spans as when it reads every word."""
    elided = [(q.quote, q.speaker, q.start) for q in extract(text)]
    monkeypatch.setattr(windows, "ELIDE_MIN_WORDS", 10**6)
    full = [(q.quote, q.speaker, q.start) for q in extract(text)]
    assert elided == full
    assert all(speaker for _, speaker, _ in elided)


WORDS = st.sampled_from(
    ["Il", "a", "dit", "nous", "«", "»", "“", "”", ",", ".", "Anne", PLACEHOLDER]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), st.data())
def test_every_token_slices_back_whatever_is_elided(text: str, data: st.DataObject) -> None:
    """Property: with any ranges elided (even overlapping, empty or out of the piece),
    every token's text is the document's text at its offsets."""
    n = len(text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple)
    ranges = sorted(data.draw(st.lists(bounds, max_size=4)))
    (toks,) = parse_pieces([(text, (0, n))], elide=[ranges])
    assert all(text[t.start : t.end] == t.text for t in toks)


STOP = frozenset({"il", "elle", "mais", "selon", "le", "la", "les", "de"})


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Il a ajouté que la réunion aurait lieu lundi.", False),
        ("Mais les habitants attendent toujours.", False),
        ("il a promis de revenir.", False),
        ("Selon Claire Dumas, rien n'est décidé.", True),  # a capital after the first word
        ("Dumas a promis de revenir.", True),  # the first word is no function word
        ("Le maire de l'Isle a parlé.", True),  # a capital after an apostrophe
        ("« … », a-t-il dit.", False),  # the placeholder has no letters
        ("2024 sera difficile, a-t-elle dit.", False),
        ("", False),
    ],
)
def test_may_name_someone(form, expected):
    assert may_name_someone(form, STOP) is expected


def test_sentences_without_names_parse_the_same_without_the_entity_recognizer():
    """parse_pieces skips NER where no name can be; the records equal a full run's."""
    from quotes.nlp import _convert, get_nlp

    text = (
        "Il a ajouté que la réunion aurait lieu lundi. "
        "Mais les habitants attendent toujours des réponses. "
        "Selon Claire Dumas, rien n'est encore décidé."
    )
    ranges = [(0, 45), (46, 97), (98, len(text))]
    nlp = get_nlp()
    full = [_convert(nlp(text[a:b]), a, text[a:b]) for a, b in ranges]
    assert parse_pieces([(text, r) for r in ranges]) == full
    assert any(t.ent == "PER" for t in full[2])
