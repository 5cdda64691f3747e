"""Quotes in single marks, the British way (quotes.single_quotes, through scan and the
English pipeline). Sentences written for these tests."""

from __future__ import annotations

import itertools

from helpers import english_speakers as speakers
from hypothesis import given
from hypothesis import strategies as st
from test_scanner import contents as quoted

from quotes.scanner import scan
from quotes.single_quotes import scan_single, single_style

UK = (
    "‘We will not back down,’ said Sarah Dunmore, the union’s general secretary.\n\n"
    "She added: ‘Our members have had enough. They can’t wait any longer.’\n\n"
    "The minister said the offer was ‘fair and final’."
)


def test_single_marks_are_the_quotes_of_a_british_text() -> None:
    assert single_style(UK, [])
    assert quoted(UK) == [
        "We will not back down,",
        "Our members have had enough. They can’t wait any longer.",
        "fair and final",
    ]


def test_apostrophes_and_possessives_do_not_close_a_quote() -> None:
    text = "‘It is the nurses’ fault, not ours,’ said Ian Rudd. ‘We’re exhausted.’"
    assert quoted(text) == ["It is the nurses’ fault, not ours,", "We’re exhausted."]


def test_straight_single_marks_and_elisions() -> None:
    text = "'It is a disgrace,' said Tom Hale, a rock 'n' roll fan since the '80s. 'Truly.'"
    assert quoted(text) == ["It is a disgrace,", "Truly."]


def test_a_quote_over_paragraphs_reopens_each_one() -> None:
    text = "‘First we lost the ward.\n\n‘Then we lost the staff,’ she said. ‘Now this.’"
    assert quoted(text) == ["First we lost the ward.\n\n‘Then we lost the staff,", "Now this."]


def test_an_unclosed_single_quote_is_recovered_at_its_paragraph_end() -> None:
    text = (
        "‘We will win this,’ said Ann Lowe. ‘We always do.’\n\n‘No doubt about it\n\n"
        "The vote is on Monday."
    )
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [
        "We will win this,",
        "We always do.",
        "No doubt about it",
    ]
    assert [s.recovered for s in spans] == [False, False, True]


def test_double_marks_inside_stay_in_the_quote() -> None:
    text = "‘He told me “never again”,’ she recalled. ‘And he meant it.’"
    assert quoted(text) == ["He told me “never again”,", "And he meant it."]


def test_texts_with_double_marks_keep_them() -> None:
    text = "“We will not back down,” said Dunmore. It’s the union’s ‘last offer’, she said."
    assert not single_style(text, scan(text))
    assert quoted(text) == ["We will not back down,"]


def test_single_marks_nested_in_double_ones_stay_inside() -> None:
    """American style: single marks inside double ones are no outer quotes."""
    text = "“He told me ‘no way’ and ‘never’,” she said. “I left.”"
    assert quoted(text) == ["He told me ‘no way’ and ‘never’,", "I left."]


def test_the_speakers_of_a_british_text() -> None:
    assert speakers(UK) == ["Sarah Dunmore", "Sarah Dunmore", "The minister"]


_PIECES = st.sampled_from(["‘", "’", "'", "“", "”", "s", "a", " ", "\n\n", ",", ".", "We"])


@given(st.lists(_PIECES, max_size=60))
def test_single_spans_slice_the_text_in_order_without_overlap(pieces: list[str]) -> None:
    text = "".join(pieces)
    spans = scan_single(text)
    for s in spans:
        assert 0 <= s.open_pos < s.start <= s.end <= s.close_pos <= len(text)
        assert text[s.open_pos] in "‘'"
    assert all(a.close_pos < b.open_pos for a, b in itertools.pairwise(spans))


def test_one_lone_single_mark_is_no_quote() -> None:
    """Two single openers at least make a British text: a stray ‘ alone never opens."""
    assert quoted("‘We are ready, said the coach.") == []
    assert quoted("It is Tom’s car, from the ’90s.") == []


def test_words_a_headline_quotes_in_single_marks_are_not_used_freely() -> None:
    """ "Storm season as 'stress test'": the headline quotes the words too, so the
    quote below is no label the journalist repeats (quotes.terms.DocStats)."""
    text = (
        "Storm season as 'stress test'\n\nA long winter can serve as a \"stress test\" for "
        "a marriage, and many fail, said Dr. Ana Ruiz, a counsellor in Halifax."
    )
    assert speakers(text) == ["Ana Ruiz"]
