"""Candidate speakers of an English quote, for the learned ranker (`quotes train`).

As in French (quotes.attribution.candidates, whose feature names these are, so one
ranker format and one fitting code serve both languages): every piece of evidence
PROPOSES a speaker, the ranker CHOOSES. Proposals: every rule of
`quotes.lang.en.rules.RULES` that fires (not only the first), the several antecedents a
pronoun may have, the source of the sentence before, the previous quote's speaker, and
"no speaker". The cascade's own answer is flagged afterwards (`mark_cascade`).
Candidates are resolved inside `People.dry`, so proposing never changes whom later
pronouns resolve to: only the chosen speaker is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quotes.attribution.candidates import Pool, speaker_feats, speaker_key
from quotes.attribution.ctx import Attribution
from quotes.lang.en.people import People, pronouns
from quotes.lang.en.rules import RULES, Found, Sentence
from quotes.lang.en.standalone import introduced, speech_subject
from quotes.lexicon import fold
from quotes.nlp import Tok
from quotes.prepared import Item

_KNOWN_RULES = frozenset(
    {"incise_after", "according_to", "cue_verb_before", "colon_before", "main_subject"}
)
_LONG, _SHORT = 150, 40  # characters of a quote: long / short (feature interactions)

Resolve = Callable[[People, Sequence[Tok], int], str | None]


def _mention_feats(toks: Sequence[Tok]) -> dict[str, float]:
    if len(toks) == 1 and fold(toks[0].text) in (*pronouns(), "his", "her", "their", "its"):
        return {"m_pronoun": 1.0}
    if any(t.ent == "PER" or t.pos == "PROPN" for t in toks):
        return {"m_name": 1.0}
    if any(t.ent == "ORG" for t in toks) or toks[-1].text.endswith("s"):
        return {"m_group": 1.0, "m_description": 1.0}
    return {"m_description": 1.0}


def _kind_feats(it: Item, by_rule: bool) -> dict[str, float]:
    size = it.span.end - it.span.start
    out: dict[str, float] = {}
    if it.verdict.kind == "partial":
        out["partial_x_rule" if by_rule else "partial_x_context"] = 1.0
    if size > _LONG and not by_rule:
        out["long_x_context"] = 1.0
    if size < _SHORT and by_rule:
        out["short_x_rule"] = 1.0
    return out


def pool_of(
    it: Item,
    s: Sentence,
    people: People,
    resolve: Resolve,
    before: Sentence | None,
    last: tuple[int, str] | None,
    gap: int,
    counts: dict[tuple[str, ...], int],
) -> Pool:
    """Every candidate speaker of quote `it` of sentence `s` (`before`: the sentence
    before, parsed; `last`: the previous quote's (sentence, speaker), `gap` sentences
    back; `counts`: quotes per speaker so far)."""
    pool = Pool()
    with people.dry():
        fired = 0
        for rank, rule in enumerate(RULES):
            found = rule(s, it.span)
            if found is None:
                continue
            fired += 1
            name = rule.__name__
            tag = f"rule_{name}" if name in _KNOWN_RULES else "rule_other"
            feats = {tag: 1.0, "rule_first": 1.0 - rank / len(RULES), "char_close": 1.0}
            feats.update(sent_close=1.0, same_paragraph=1.0, **_kind_feats(it, True))
            _propose(pool, people, resolve, s, found, feats, counts)
        if before is not None:
            for found in (speech_subject(before), introduced(before)):
                if found is not None:  # the source it reports, else the person it introduces
                    feats = {"src_prev_sentence": 1.0, "sent_close": 0.5}
                    feats.update(_kind_feats(it, False))
                    _propose(pool, people, resolve, before, found, feats, counts)
                    break
        for c in pool.candidates():
            c.features["n_rules"] = min(fired, 3) / 3.0
    if last is not None:
        close = max(0.0, 1.0 - gap / 5.0)
        feats = {"src_prev_quote": 1.0, "prev_gap": close, **_kind_feats(it, False)}
        if gap < 4:
            feats["src_carry"] = 1.0
        how = Attribution("carry_previous", None, None)
        speaker = {**feats, **speaker_feats(last[1], counts)}
        pool.add(last[1], speaker, rule="carry_previous", attribution=how)
    pool.add(None, {"none": 1.0})
    return pool


def _propose(
    pool: Pool,
    people: People,
    resolve: Resolve,
    s: Sentence,
    found: Found,
    feats: dict[str, float],
    counts: dict[tuple[str, ...], int],
) -> None:
    """The speaker a rule's mention resolves to and, for a pronoun, its other
    antecedents, each with its features."""
    toks = s.toks[found.first : found.last + 1]
    mention = s.text[toks[0].start : toks[-1].end]
    kind = _mention_feats(toks)
    speaker = resolve(people, toks, toks[0].start)
    if "m_pronoun" in kind:
        word = {"his": "he", "her": "she", "their": "they", "its": "it"}.get(
            fold(toks[0].text), fold(toks[0].text)
        )
        for r, (name, salient, agree) in enumerate(people.antecedents(word, toks[0].start)):
            ante = {"src_antecedent": 1.0, "ante_rank": 1.0 - r / 3.0, **kind, **feats}
            ante.update({"ante_first": 1.0} if r == 0 else {})
            ante.update({"sal_subject": 1.0} if salient else {"sal_named": 1.0})
            ante.update({"agree": 1.0} if agree else {})
            how = Attribution(found.rule, None, None)
            pool.add(
                name,
                {**ante, **speaker_feats(name, counts)},
                mention=mention,
                rule=found.rule,
                attribution=how,
            )
        return
    pool.add(
        speaker,
        {**feats, **kind, **speaker_feats(speaker, counts)},
        mention=mention,
        cue=found.cue,
        rule=found.rule,
        attribution=Attribution(found.rule, None, found.cue),
    )


def count(counts: dict[tuple[str, ...], int], speaker: str | None) -> None:
    """One more quote for `speaker` (the `quote_count` feature)."""
    if speaker:
        key = speaker_key(speaker)
        counts[key] = counts.get(key, 0) + 1
