"""Gathering a quote's candidate speakers (the evidence of `quotes.attribution.candidates`).

`collect` runs every sentence rule and context fallback before the cascade records its
choice; `propose_mention` turns one mention into its speakers (the registry's answer and,
for a pronoun or a description, the other antecedents or resolutions); `mark_cascade`
adds, once the cascade is done, its answer and the features comparing candidates, among
them the evidence for "no speaker" (no rule fired, the context is far or weak).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from quotes.attribution.aliases import fuller_description
from quotes.attribution.candidates import (
    _CASCADE_CONTEXT,
    _KNOWN,
    Candidate,
    Pool,
    QuoteInfo,
    Tally,
    _by_rule,
    speaker_feats,
)
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.documents import document_author
from quotes.attribution.kinds import speaks_as_one
from quotes.attribution.mention import Mention
from quotes.attribution.patterns import RULES, sentence_source
from quotes.attribution.resolve import (
    Registry,
    _compatible,  # gender/number agreement, the registry's own test (not re-implemented)
)
from quotes.lexicon import first_name_gender, fold, words
from quotes.nlp import Tok
from quotes.scanner import Span


def _mention_feats(q: QuoteInfo, m: Mention, sent: int | None = None) -> dict[str, float]:
    """Features of a mention: its type, its distance to the quote, its look."""
    f: dict[str, float] = {}
    if m.pronoun:
        f["m_pronoun"] = 1.0
    elif m.name:
        f["m_name"] = 1.0
    else:
        f["m_description"] = 1.0
    first = fold(m.text.split()[0]) if m.text.split() else ""
    if m.number == "pl" or first in words("organisations_fr.txt"):
        f["m_group"] = 1.0
    if m.end <= q.span.open_pos:
        gap = q.span.open_pos - m.end
    else:
        gap = max(0, m.start - q.span.close_pos)
    f["char_close"] = max(0.0, 1.0 - math.log1p(gap) / 8.0)
    lo, hi = sorted((m.start, q.span.open_pos))
    if "\n" not in q.text[lo:hi]:
        f["same_paragraph"] = 1.0
    d = q.sent - (sent if sent is not None else _sentence_at(q.sents, m.start))
    f["sent_close"] = max(0.0, 1.0 - abs(d) / 5.0)
    tokens = m.text.split()
    if len(tokens) == 1 and tokens[0][:1].isupper() and not first_name_gender(tokens[0]):
        a = q.sents[_sentence_at(q.sents, m.start)][0]
        if not q.text[a : m.start].strip(" «“\"'\u00a0"):
            f["lone_cap_start"] = 1.0
    return f


def _sentence_at(sents: Sequence[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding `pos` (sentences are in text order)."""
    return max(0, bisect.bisect_right(sents, pos, key=lambda s: s[0]) - 1)


def antecedents(
    reg: Registry, pronoun: Mention, sentence: int, top: int = 3
) -> list[tuple[str, Mention, int, int, bool]]:
    """Up to `top` antecedents of a pronoun, best first, as (speaker, mention, sentence,
    salience, agrees): the registry's `antecedent` ranking, but several answers, and the
    gender/number disagreement kept as a feature instead of a filter (taggers mark gender
    wrong often enough that the best name may be "incompatible")."""
    ranked: dict[str, tuple[tuple[int, ...], str, Mention, int, int, bool]] = {}
    for m, speaker, sent, salience, unsure in reg.antecedent_candidates(pronoun, sentence):
        agrees = _compatible(pronoun, m)
        key = (not agrees, sentence - sent + unsure, salience, -m.start)
        who = speaker or reg.canonical(m.name or "")
        if who and (who not in ranked or key < ranked[who][0]):
            ranked[who] = (key, who, m, sent, salience, agrees)
    best = sorted(ranked.values(), key=lambda r: r[0])[:top]
    return [(who, m, sent, sal, agrees) for _, who, m, sent, sal, agrees in best]


def _descriptions(reg: Registry, m: Mention, sentence: int) -> list[str]:
    """Every answer the registry's description resolvers give, in `resolve`'s order."""
    out = []
    for answer in (
        reg.role_alias(m),
        reg.apposed_name(m),
        document_author(reg, m, sentence),
        reg.demonstrative(m),
        reg.described_person(m, sentence),
        fuller_description(reg, m),
    ):
        if answer and answer not in out:
            out.append(answer)
    return out


def propose_mention(
    pool: Pool,
    q: QuoteInfo,
    reg: Registry,
    m: Mention,
    base: dict[str, float],
    counts: dict[tuple[str, ...], int],
    **info: object,
) -> None:
    """Propose the speakers a mention may designate: its `resolve` answer, and for a
    pronoun or a description the other antecedents / resolutions."""
    mf = {**base, **_mention_feats(q, m)}
    first = reg.resolve(m, q.sent)
    pool.add(first, {**mf, **speaker_feats(first, counts)}, mention=m.text, **info)
    if m.pronoun:
        for rank, (who, am, sent, sal, agrees) in enumerate(antecedents(reg, m, q.sent)):
            f = {**base, **_mention_feats(q, am, sent), **speaker_feats(who, counts)}
            f.update(m_pronoun=1.0, src_antecedent=1.0, ante_rank=1.0 - rank / 3.0)
            f["agree" if agrees else "disagree"] = 1.0
            f[("sal_source", "sal_subject", "sal_named", "sal_named", "sal_named")[sal]] = 1.0
            if who == first:
                f["ante_first"] = 1.0
            pool.add(who, f, mention=m.text, **info)
    elif not m.name:
        for who in _descriptions(reg, m, q.sent):
            f = {**mf, **speaker_feats(who, counts), "src_description": 1.0}
            pool.add(who, f, mention=m.text, **info)
        f = {**mf, **speaker_feats(m.text, counts), "desc_literal": 1.0}
        pool.add(m.text, f, mention=m.text, **info)


def collect(
    q: QuoteInfo,
    toks: list[Tok],
    spans: list[Span],
    reg: Registry,
    last: tuple[int, int, str | None] | None,
    tally: Tally,
    prev: tuple[list[Tok], list[Span]] | None,
    chain: tuple[str | None, str | None] | None,
    carried: str | None,
    memo: dict[tuple[int, bool], Attribution | None] | None = None,
) -> Pool:
    """All the candidates of one quote, before the cascade records its choice.

    `last` is (sentence, same paragraph 0/1, speaker) of the quote before it (the cascade's
    speaker), `tally` counts the speakers of all the quotes before it; `chain` the
    (speaker, mention) of the quote it is listed with; `carried` the speaker
    carry_previous would give; `memo` keeps the previous sentence's source per sentence
    (the quotes of one sentence share it). Reads the registry, never changes it.
    """
    pool = Pool()
    counts = tally.counts
    ctx = Ctx(q.text, q.span, toks, spans)
    found = []
    for rank, rule in enumerate(RULES):
        a = rule(ctx)
        if a is not None and a.mention is not None:
            found.append((rank, a))
    for rank, a in found:
        name = f"rule_{a.rule}" if f"rule_{a.rule}" in _KNOWN else "rule_other"
        base = {name: 1.0, "rule_first": 1.0 - rank / len(RULES), "n_rules": len(found) / 3.0}
        base.update(_quote_feats(q, True))
        propose_mention(
            pool, q, reg, a.mention, base, counts, cue=a.cue, attribution=a, rule=a.rule
        )  # type: ignore[arg-type]
    ctxf = _quote_feats(q, False)
    if chain is not None and chain[0]:
        pool.add(
            chain[0],
            {"src_chain": 1.0, **ctxf, **speaker_feats(chain[0], counts)},
            mention=chain[1],
            rule="chain",
        )
    if carried:
        pool.add(
            carried,
            {"src_carry": 1.0, **ctxf, **speaker_feats(carried, counts)},
            rule="carry_previous",
        )
    pool.first = found[0][1] if found else None
    if prev is not None:
        memo = {} if memo is None else memo
        key = (q.sent, speaks_as_one(q.text[q.span.start : q.span.end]))
        if key not in memo:
            memo[key] = sentence_source(Ctx.sentence(q.text, prev[0], prev[1]), key[1])
        a = memo[key]
        if a is not None and a.mention is not None:
            base = {"src_prev_sentence": 1.0, **ctxf}
            propose_mention(
                pool, q, reg, a.mention, base, counts, cue=a.cue, attribution=a, rule=a.rule
            )
    if last is not None:
        k, par, s = last
        if s:
            f = {"src_prev_quote": 1.0, "prev_gap": max(0.0, 1.0 - (q.sent - k) / 5.0), **ctxf}
            if par:
                f["prev_same_paragraph"] = 1.0
            pool.add(s, {**f, **speaker_feats(s, counts)}, rule="previous_quote")
    if (s := tally.leader()) is not None:  # on a tie, the first quoted
        pool.add(s, {"src_most_quoted": 1.0, **speaker_feats(s, counts)}, rule="most_quoted")
    pool.add(None, {"none": 1.0})
    return pool


def _quote_feats(q: QuoteInfo, by_rule: bool) -> dict[str, float]:
    """Quote kind and length, crossed with the kind of evidence (a linear model cannot
    otherwise say "a partial quote's main_subject is good, a context fallback is not")."""
    n = q.span.end - q.span.start
    f: dict[str, float] = {}
    if q.kind == "partial":
        f["partial_x_rule" if by_rule else "partial_x_context"] = 1.0
    if by_rule and n < 40:
        f["short_x_rule"] = 1.0
    if not by_rule and n > 150:
        f["long_x_context"] = 1.0
    return f


def mark_cascade(
    pool: Pool, speaker: str | None, subheading: str | None, rule: str | None = None
) -> None:
    """Once the cascade's final answer is known: flag it, add the subheading candidate,
    and the features that compare a candidate with the others of its quote (a name
    proposed by the context weighs less when the quote's own sentence names a source)."""
    if subheading:
        f = {"src_subheading": 1.0, **speaker_feats(subheading, {})}
        pool.add(subheading, f, rule="subheading")
    by_context = rule in _CASCADE_CONTEXT
    mark = {"cascade": 1.0, "cascade_by_context" if by_context else "cascade_by_rule": 1.0}
    pool.add(speaker, {**mark, **speaker_feats(speaker, {})} if speaker else {"cascade": 1.0})
    cands = pool.candidates()
    fired = any(_by_rule(c) for c in cands)
    for c in cands:
        if not c.speaker:
            continue
        own = _by_rule(c)
        if c.features.get("has_name"):
            c.features["name_x_rule" if own else "name_x_context"] = 1.0
        if fired and not own:
            c.features["context_over_rule"] = 1.0
    pool.cascade_rule = rule
    none = pool.by_key.get(())
    if none is not None:
        none.features.update(_none_feats(cands, speaker is None, fired))


def _none_feats(cands: Sequence[Candidate], cascade_none: bool, fired: bool) -> dict[str, float]:
    """Evidence for "no speaker": the cascade found no one, no sentence rule fired, the
    nearest proposed speaker is far (in sentences) or outside the quote's paragraph."""
    named = [c.features for c in cands if c.speaker]
    close = max((_closeness(f) for f in named), default=0.0)
    near = any(f.get(n) for f in named for n in _NEAR)
    f = {"none_far": 1.0 - close} if close < 1.0 else {}
    if cascade_none:
        f["none_x_cascade"] = 1.0
    if not fired:
        f["none_no_rule"] = 1.0
    if not near:
        f["none_other_paragraph"] = 1.0
    return f


_NEAR = ("same_paragraph", "prev_same_paragraph", "src_chain", "src_carry")


def _closeness(f: dict[str, float]) -> float:
    if f.get("src_chain") or f.get("src_carry"):
        return 1.0
    return max(f.get("prev_gap", 0.0), f.get("sent_close", 0.0))
