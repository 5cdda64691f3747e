"""Long documents cost time in proportion to their length: the bounded structures behind it.

Each structure replaced a scan of everything seen so far (bench/longdoc.py measured the
quadratic cost); the tests check that it answers what the scan answered (properties
against the naive versions, written here) and where its documented bound lies.
"""

from __future__ import annotations

from helpers import at, pron
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.attribution.candidates import Tally, speaker_key
from quotes.attribution.entries import LOOKBACK_CHARS, Entries
from quotes.attribution.mention import Mention
from quotes.attribution.resolve import SUBJECT, Registry
from quotes.scanner import scan
from quotes.sentences import _merge_multi_paragraph, split_sentences


def _mention(start: int) -> Mention:
    return Mention(start, start + 3, "abc", None, "", "sg")


puts = st.lists(st.tuples(st.integers(0, 500), st.integers(0, 40)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(puts, st.integers(0, 45), st.integers(0, 520), st.integers(0, 520))
def test_entries_answer_what_a_sorted_scan_answers(
    ops: list[tuple[int, int]], sentence: int, lo: int, hi: int
) -> None:
    """One entry per start, in text order; `between` is the filtered list; nothing recorded
    for `sentence` or later starts before `since_sentence(sentence)`."""
    entries, naive, recorded = Entries(), {}, {}
    for start, sent in ops:
        m = _mention(start)
        entries.put(m, f"s{sent}", sent)
        naive[start] = (m, f"s{sent}")
        recorded[start] = sent
    assert list(entries) == [naive[k] for k in sorted(naive)]
    assert entries.between(lo, hi) == [naive[k] for k in sorted(naive) if lo <= k < hi]
    bound = entries.since_sentence(sentence)
    assert all(start >= bound for start, sent in recorded.items() if sent >= sentence)
    for start in naive:
        assert entries.at(start) == naive[start]
    assert entries.at(10_000) is None


def test_entries_recent_sees_only_the_lookback() -> None:
    entries = Entries()
    for start in (0, 5_000, 30_000, 31_000):
        entries.put(_mention(start), None, start // 1000)
    assert [m.start for m, _ in entries.recent(31_000)] == [30_000]
    assert [m.start for m, _ in entries.recent(30_000 + LOOKBACK_CHARS)] == [30_000, 31_000]
    assert [m.start for m, _ in entries.recent(LOOKBACK_CHARS + 1)] == [5_000]


speakers_st = st.lists(st.sampled_from(["Anne Roy", "M. Roy", "Luc Petit", None, "Petit"]))


@settings(max_examples=200, deadline=None)
@given(speakers_st, st.integers(0, 20))
def test_tally_matches_a_recount(speakers: list[str | None], cut: int) -> None:
    """Updated in two steps, the tally gives the counts and the most quoted speaker (the
    first quoted on a tie, in its first wording) that recounting every quote gives."""
    history = [(i, s, None) for i, s in enumerate(speakers)]
    tally = Tally()
    tally.update(history[:cut])
    tally.update(history)
    counts: dict[tuple[str, ...], int] = {}
    for s in speakers:
        if s:
            counts[speaker_key(s)] = counts.get(speaker_key(s), 0) + 1
    assert tally.counts == counts
    top = max(counts.values(), default=0)
    first = next((s for s in speakers if s and counts[speaker_key(s)] == top), None)
    assert tally.leader() == first


def _naive_merge(sents: list[tuple[int, int]], qranges: list[tuple[int, int]]) -> list:
    merged: list[tuple[int, int]] = []
    for a, b in sents:
        if merged and any(qa < merged[-1][1] and qb > a for qa, qb in qranges if qa < a):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 30), min_size=1, max_size=15),
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 80)), max_size=8),
)
def test_merge_multi_paragraph_matches_the_scan(lengths: list[int], quotes: list) -> None:
    """The running maximum joins the same sentences as testing every quote."""
    sents, pos = [], 0
    for n in lengths:
        sents.append((pos, pos + n))
        pos += n + 1
    qranges = sorted((a, a + n) for a, n in quotes)
    assert _merge_multi_paragraph(sents, qranges) == _naive_merge(sents, qranges)


def test_quote_over_two_paragraphs_is_one_sentence_among_many() -> None:
    para = "Le conseil a voté. « Nous irons, a dit Anne Roy.\n\n« Et nous gagnerons. »"
    text = "\n\n".join([para] * 50)
    got = [text[a:b] for a, b in split_sentences(text, scan(text))]
    assert got.count("« Nous irons, a dit Anne Roy.\n\n« Et nous gagnerons. »") == 50


def test_role_alias_within_the_lookback_only() -> None:
    """A role repeated an article's length later still names the person; one repeated
    more than LOOKBACK_CHARS later is not linked (in a book, likely someone else)."""
    filler = "Le conseil a voté la route. " * 100  # 2,800 characters
    intro = "Le maire de Lormière, Paul Garnier, est venu. "
    near = intro + filler + "Le maire de Lormière a parlé."
    far = intro + filler * (LOOKBACK_CHARS // len(filler) + 1) + "Le maire de Lormière a parlé."
    for text, expected in ((near, "Paul Garnier"), (far, None)):
        reg = Registry(text)
        named = at(text, "Le maire de Lormière, Paul Garnier", name="Paul Garnier", person=True)
        reg.add(named, "Paul Garnier", 0, SUBJECT)
        later = at(text, "Le maire de Lormière", person=True, occurrence=1)
        assert reg.role_alias(later) == expected


def test_pronoun_finds_its_antecedent_among_thousands_of_mentions() -> None:
    """Pronouns look back four sentences however many mentions came before; a person
    named just too far back is not an antecedent."""
    text = "".join(f"Luc Petit{i} parle. " for i in range(3000)) + "Anne Roy arrive. Puis elle rit."
    reg = Registry(text)
    for i in range(3000):
        name = f"Luc Petit{i}"
        reg.add(at(text, name + " ", name=name, gender="m", person=True), name, i, SUBJECT)
    reg.add(at(text, "Anne Roy", name="Anne Roy", gender="f", person=True), "Anne Roy", 3000)
    assert reg.antecedent(pron(text, "elle"), 3001) == "Anne Roy"
    il = Mention(len(text) - 3, len(text) - 1, "il", None, "m", "sg", pronoun=True)
    assert reg.antecedent(il, 3001) == "Luc Petit2999"
    assert reg.antecedent(il, 3004) is None  # Luc Petit2999 is five sentences back
