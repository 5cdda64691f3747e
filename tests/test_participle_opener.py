"""A quote inside an opening speech participle phrase belongs to the main clause's
subject (attribution.openers); the participle's irregular forms are speech verbs
(lexicon._IRREGULAR); an item of a quoted list keeps its article and still counts as a
list item (terms._LIST_TAIL). Sentences written for these tests."""

from __future__ import annotations

import pytest
import regex

from quotes import extract
from quotes.attribution.ctx import Ctx
from quotes.attribution.openers import participle_opener
from quotes.lexicon import is_speech_verb
from quotes.nlp import Tok
from quotes.scanner import Span


@pytest.mark.parametrize("form", ["disant", "disons", "dites", "dirait", "écrivant"])
def test_irregular_forms_of_speech_verbs(form: str) -> None:
    assert is_speech_verb(form)


def test_a_word_that_only_looks_like_a_participle_is_no_speech_verb() -> None:
    assert not is_speech_verb("brillant")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Disant comprendre la «colère» et la «détresse», le président a par ailleurs "
            "fait son mea culpa, après les nombreux appels à sa démission qui ont fusé "
            "dans les rangs des manifestants au cours des derniers mois.",
            "le président",
        ),
        (
            "Affirmant que «tout est prêt», le directeur du club a ouvert les portes.",
            "le directeur du club",
        ),
    ],
)
def test_the_main_subject_after_the_participle_phrase_speaks(sentence: str, speaker: str) -> None:
    rows = extract(sentence)
    assert rows and {r.speaker for r in rows} == {speaker}


def test_every_item_of_a_list_with_articles_is_quoted() -> None:
    rows = extract(
        "Disant comprendre la «colère» et la «détresse», le président a fait son mea culpa."
    )
    assert [r.quote for r in rows] == ["colère", "détresse"]


def test_a_participle_that_reports_nothing_gives_no_source() -> None:
    assert extract("En lisant «Le Monde», le chat s'est endormi.") == []


def _misparsed(sentence: str, pos: dict[str, str]) -> list[Tok]:
    """The sentence's tokens as the small model sometimes parses such a sentence: the
    participle a proper noun and the root, every word hanging from it, no subject link."""
    out = []
    for i, m in enumerate(regex.finditer(r"\w+|[^\w\s]", sentence)):
        w = m.group()
        tag = pos.get(w, "PUNCT" if not w.isalnum() else "NOUN")
        out.append(Tok(i, w, w.lower(), tag, "root" if i == 0 else "dep", 0, m.start(), m.end()))
    return out


def test_the_rule_reads_word_order_when_the_tree_is_wrong() -> None:
    text = "Disant comprendre la «colère», le président a fait son mea culpa."
    pos = {"Disant": "PROPN", "la": "DET", "le": "DET", "a": "AUX", "fait": "VERB", "son": "DET"}
    toks = _misparsed(text, pos)
    open_pos = text.index("«")
    span = Span(open_pos + 1, text.index("»"), open_pos, text.index("»"), "«", 0)
    found = participle_opener(Ctx(text, span, toks, [span]))
    assert found is not None
    assert (found.mention.text, found.cue) == ("le président", "Disant")


def test_a_sentence_end_before_the_comma_stops_the_rule() -> None:
    text = "Disant «non». Plus tard, le président a parlé."
    toks = _misparsed(text, {"Disant": "PROPN", "le": "DET", "a": "AUX", "parlé": "VERB"})
    span = Span(text.index("«") + 1, text.index("»"), text.index("«"), text.index("»"), "«", 0)
    assert participle_opener(Ctx(text, span, toks, [span])) is None
