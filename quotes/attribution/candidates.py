"""Candidate speakers of a quote, each with the features a learned ranker scores.

The hand cascade keeps the first rule that fires and the registry's first answer; their
order was fitted on a few outlets and fails on others (an incise beaten by a competing
subject, a pronoun given the wrong one of two antecedents). Here every piece of evidence
PROPOSES a speaker: every rule of `patterns.RULES` that fires, the context fallbacks
(chain, carry_previous, previous sentence, subheading), the several antecedents a pronoun
or a description could have, the previous quote's speaker, the document's most quoted
speaker, and "no speaker". `quotes.ranker` then CHOOSES among them.

Candidates are kept per normalised speaker (`speaker_key`): a speaker proposed twice
keeps the union of its features (the largest value of each; every feature is written so
that larger means "more evidence"). Features are general properties of French news text
and of the candidates, never a name or a phrase.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.mention import Mention
from quotes.attribution.patterns import RULES, sentence_source
from quotes.attribution.resolve import (
    MAX_SENTENCES_BACK,
    NAMED,
    SOURCE,
    SUBJECT,
    Registry,
    _compatible,  # gender/number agreement, the registry's own test (not re-implemented)
)
from quotes.lexicon import first_name_gender, fold, lexicon_lines, words
from quotes.nlp import Tok
from quotes.scanner import Span

RULE_NAMES: tuple[str, ...] = tuple(r.__name__ for r in RULES)
_ATTRIBUTION_RULES = ("according_to", "cue_verb_before")  # rule names other than functions

# (name, why it may matter). One place for the whole feature list; `quotes.ranker` stores
# the names with the weights, so a weights file stays readable and checkable.
FEATURES: tuple[tuple[str, str], ...] = (
    *(
        (f"rule_{n}", f"proposed by the sentence rule `{n}`")
        for n in (*RULE_NAMES, *_ATTRIBUTION_RULES)
    ),
    ("rule_other", "proposed by a sentence rule not known when the weights were fitted"),
    ("rule_first", "1 - rank of its best proposing rule in RULES order (0 when no rule)"),
    ("n_rules", "how many sentence rules propose it, scaled: agreement of independent cues"),
    ("cascade", "the hand cascade's answer (first rule, then fallbacks, then subheading)"),
    ("src_chain", "the speaker of the quote this one is listed with («A», «B», dit X)"),
    ("src_carry", "carry_previous: the last quote's speaker, this quote standing alone"),
    ("src_prev_sentence", "the source of the previous sentence (`sentence_source`)"),
    ("src_subheading", "the speaker of another quote repeating this one's words"),
    ("src_antecedent", "one of the antecedents of a pronoun or description mention"),
    ("ante_first", "the registry's first antecedent (what `resolve` answers)"),
    ("ante_rank", "1 - antecedent rank / 3: second and third choices score lower"),
    ("src_description", "a description's own resolution (role alias, apposition...)"),
    ("desc_literal", "the description itself is the speaker ('le porte-parole')"),
    ("src_prev_quote", "the previous quote's speaker"),
    ("prev_same_paragraph", "... and that previous quote is in the same paragraph"),
    ("prev_gap", "closeness in sentences of that previous quote (1 same, 0 far)"),
    ("src_most_quoted", "the document's most quoted speaker so far"),
    ("none", "the option 'no speaker'"),
    ("m_name", "its mention carries a name"),
    ("m_pronoun", "its mention is a pronoun (il, elle, a-t-il dit)"),
    ("m_description", "its mention is a description without a name"),
    ("m_group", "its mention is plural or an organisation"),
    ("has_name", "the speaker string holds a capitalised word (a name, not a description)"),
    ("name_x_rule", "has a name and a sentence rule proposes it"),
    ("name_x_context", "has a name but only the context proposes it (previous, most quoted)"),
    ("context_over_rule", "proposed only by the context while a sentence rule found a source"),
    ("cascade_by_rule", "the cascade's answer came from a sentence rule of this quote"),
    ("cascade_by_context", "the cascade's answer came from a context fallback"),
    ("n_words", "words of the speaker string, scaled (long strings are often clauses)"),
    ("char_close", "closeness in characters of mention and quote (log scale)"),
    ("sent_close", "closeness in sentences of mention and quote"),
    ("same_paragraph", "mention and quote in the same paragraph"),
    ("sal_source", "salience: the antecedent was a quote's source"),
    ("sal_subject", "salience: the antecedent was a sentence subject"),
    ("sal_named", "salience: the antecedent was only a named person"),
    ("agree", "gender and number agree with the pronoun"),
    ("disagree", "gender or number disagree with the pronoun"),
    ("quote_count", "quotes of the document this speaker already has (log scale)"),
    ("is_media", "the speaker is a medium or agency (an addressee more often than a source)"),
    ("lone_cap_start", "a lone capitalised word opening the sentence, not a first name"),
    ("partial_x_rule", "a partial quote, proposed by a sentence rule"),
    ("partial_x_context", "a partial quote, proposed only by a context fallback"),
    ("long_x_context", "a long quote (> 150 chars), proposed by a context fallback"),
    ("short_x_rule", "a short quote (< 40 chars), proposed by a sentence rule"),
)
FEATURE_NAMES: tuple[str, ...] = tuple(n for n, _ in FEATURES)
_KNOWN = frozenset(FEATURE_NAMES)
_CONTEXT = ("src_chain", "src_carry", "src_prev_sentence", "src_subheading", "src_prev_quote")
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}")
_KEY_DROP = frozenset("le la les l un une des de du d m mme mr dr".split())


def speaker_key(speaker: str | None) -> tuple[str, ...]:
    """The normalised words a speaker is deduplicated on ("M. Roy" and "Roy" are one)."""
    if not speaker:
        return ()
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", speaker) if not unicodedata.combining(c)
    )
    return tuple(w for w in regex.split(r"[\W_]+", plain.lower()) if w and w not in _KEY_DROP)


@functools.cache
def _media() -> frozenset[str]:
    """Folded media and agency names (lexicons/media_fr.txt; none when the list is absent)."""
    try:
        return frozenset(fold(line).replace("' ", "'") for line in lexicon_lines("media_fr.txt"))
    except (OSError, FileNotFoundError):
        return frozenset()


def is_media(speaker: str) -> bool:
    """Whether the speaker string is a medium ("l'AFP", "La Presse canadienne")."""
    f = fold(speaker).replace("’", "'")
    return f in _media() or regex.sub(r"^(?:l'|le |la |les )", "", f) in _media()


@dataclass
class Candidate:
    """One possible speaker of a quote and the evidence for it."""

    speaker: str | None
    features: dict[str, float] = field(default_factory=dict)
    mention: str | None = None
    cue: str | None = None
    attribution: Attribution | None = None
    rule: str | None = None  # the first source that proposed it, for `explain`


@dataclass
class Pool:
    """The candidates of one quote, one per normalised speaker."""

    by_key: dict[tuple[str, ...], Candidate] = field(default_factory=dict)

    def add(self, speaker: str | None, feats: dict[str, float], **info: object) -> Candidate:
        """Propose `speaker`; an already proposed speaker gains the features (max of each)."""
        key = speaker_key(speaker)
        if speaker and not key:
            key = (fold(speaker),)
        cand = self.by_key.get(key)
        if cand is None:
            cand = Candidate(speaker, {}, **info)  # type: ignore[arg-type]
            self.by_key[key] = cand
        elif speaker and len(speaker) > len(cand.speaker or ""):
            cand.speaker = speaker  # the fuller wording of the same person
        for name, value in feats.items():
            if name in _KNOWN and value > cand.features.get(name, 0.0):
                cand.features[name] = value
        return cand

    def candidates(self) -> list[Candidate]:
        return list(self.by_key.values())


@dataclass
class QuoteInfo:
    """What the features need to know of the quote being attributed."""

    text: str
    span: Span
    sent: int
    kind: str  # direct or partial
    sents: Sequence[tuple[int, int]]


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
    k = 0
    for i, (a, _) in enumerate(sents):
        if a <= pos:
            k = i
        else:
            break
    return k


def speaker_feats(speaker: str | None, counts: dict[tuple[str, ...], int]) -> dict[str, float]:
    """Features of the speaker string itself, and of its past in the document."""
    if not speaker:
        return {"none": 1.0}
    f: dict[str, float] = {}
    ws = speaker.split()
    if any(_NAME_WORD.match(w) for w in ws[1:]) or (
        ws and _NAME_WORD.match(ws[0]) and fold(ws[0]) not in _KEY_DROP
    ):
        f["has_name"] = 1.0
    f["n_words"] = min(len(ws), 10) / 10.0
    n = counts.get(speaker_key(speaker), 0)
    if n:
        f["quote_count"] = math.log1p(n) / 3.0
    if is_media(speaker):
        f["is_media"] = 1.0
    return f


def antecedents(
    reg: Registry, pronoun: Mention, sentence: int, top: int = 3
) -> list[tuple[str, Mention, int, int, bool]]:
    """Up to `top` antecedents of a pronoun, best first, as (speaker, mention, sentence,
    salience, agrees): the registry's `antecedent` ranking, but several answers, and the
    gender/number disagreement kept as a feature instead of a filter (taggers mark gender
    wrong often enough that the best name may be "incompatible")."""
    ranked: dict[str, tuple[tuple[int, ...], str, Mention, int, int, bool]] = {}
    for m, speaker in reg.entries:
        if m.start >= pronoun.start or not (speaker or m.name):
            continue
        sent, salience = reg.ranks.get(m.start, (0, SUBJECT))
        recent_source = salience == SOURCE and sentence - sent <= 1
        if not (m.person or m.pronoun or recent_source or pronoun.number == m.number == "pl"):
            continue
        if m.name and fold(m.name) in reg.places:
            continue
        if sentence - sent > MAX_SENTENCES_BACK:
            continue
        agrees = _compatible(pronoun, m)
        unsure = salience == NAMED and not m.gender and " " not in (m.name or "")
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
        reg.document_author(m, sentence),
        reg.demonstrative(m),
        reg.described_person(m, sentence),
        reg.fuller_description(m),
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
            f[("sal_source", "sal_subject", "sal_named", "sal_named")[sal]] = 1.0
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
    earlier: Sequence[tuple[int, int, str | None]],
    prev: tuple[list[Tok], list[Span]] | None,
    chain: tuple[str | None, str | None] | None,
    carried: str | None,
) -> Pool:
    """All the candidates of one quote, before the cascade records its choice.

    `earlier` holds (sentence, same paragraph 0/1, speaker) of the quotes before it (the cascade's
    speakers); `chain` the (speaker, mention) of the quote it is listed with; `carried` the
    speaker carry_previous would give. Reads the registry, never changes it.
    """
    pool = Pool()
    counts: dict[tuple[str, ...], int] = {}
    for _, _, s in earlier:
        if s:
            counts[speaker_key(s)] = counts.get(speaker_key(s), 0) + 1
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
    if prev is not None:
        a = sentence_source(Ctx.sentence(q.text, prev[0], prev[1]))
        if a is not None and a.mention is not None:
            base = {"src_prev_sentence": 1.0, **ctxf}
            propose_mention(
                pool, q, reg, a.mention, base, counts, cue=a.cue, attribution=a, rule=a.rule
            )
    if earlier:
        k, par, s = earlier[-1]
        if s:
            f = {"src_prev_quote": 1.0, "prev_gap": max(0.0, 1.0 - (q.sent - k) / 5.0), **ctxf}
            if par:
                f["prev_same_paragraph"] = 1.0
            pool.add(s, {**f, **speaker_feats(s, counts)}, rule="previous_quote")
    if counts:
        top = max(counts.values())
        for _, _, s in earlier:  # the first speaker to reach the top count
            if s and counts[speaker_key(s)] == top:
                pool.add(
                    s, {"src_most_quoted": 1.0, **speaker_feats(s, counts)}, rule="most_quoted"
                )
                break
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


_CASCADE_CONTEXT = frozenset({"chain", "carry_previous", "previous_sentence", "subheading"})


def _by_rule(c: Candidate) -> bool:
    return any(c.features.get(f"rule_{r}") for r in (*RULE_NAMES, *_ATTRIBUTION_RULES, "other"))


def is_context_only(c: Candidate) -> bool:
    """Proposed by a context fallback and by no sentence rule (for reports)."""
    return any(c.features.get(n) for n in _CONTEXT) and not any(
        c.features.get(f"rule_{r}") for r in RULE_NAMES
    )
