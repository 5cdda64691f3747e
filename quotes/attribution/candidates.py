"""Candidate speakers of a quote, each with the features a learned ranker scores.

The hand cascade keeps the first rule that fires and the registry's first answer; their
order was fitted on a few outlets and fails on others (an incise beaten by a competing
subject, a pronoun given the wrong one of two antecedents). Here every piece of evidence
PROPOSES a speaker: every rule of `patterns.RULES` that fires, the context fallbacks
(chain, carry_previous, previous sentence, subheading), the several antecedents a pronoun
or a description could have, the previous quote's speaker, the document's most quoted
speaker, and "no speaker". `quotes.ranker` then CHOOSES among them. This module holds
the candidates, their features and the speaker's own features; the gathering itself is
`quotes.attribution.proposals`.

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

from quotes.attribution.ctx import Attribution
from quotes.attribution.patterns import RULES
from quotes.lexicon import fold, lexicon_lines
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
    ("none_x_cascade", "'no speaker', and the hand cascade found no speaker either"),
    ("none_no_rule", "'no speaker', and no sentence rule of the quote proposes anyone"),
    ("none_far", "'no speaker': 1 - closeness in sentences of the nearest proposed speaker"),
    ("none_other_paragraph", "'no speaker', and no proposed speaker in the quote's paragraph"),
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


_KEY_SPLIT = regex.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 16)  # called for every candidate and earlier speaker
def speaker_key(speaker: str | None) -> tuple[str, ...]:
    """The normalised words a speaker is deduplicated on ("M. Roy" and "Roy" are one)."""
    if not speaker:
        return ()
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", speaker) if not unicodedata.combining(c)
    )
    return tuple(w for w in _KEY_SPLIT.split(plain.lower()) if w and w not in _KEY_DROP)


@functools.cache
def _media() -> frozenset[str]:
    """Folded media and agency names (lexicons/media_fr.txt; none when the list is absent)."""
    try:
        return frozenset(fold(line).replace("' ", "'") for line in lexicon_lines("media_fr.txt"))
    except (OSError, FileNotFoundError):
        return frozenset()


@functools.lru_cache(maxsize=1 << 14)
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
    cascade_rule: str | None = None  # the rule of the cascade's answer (`mark_cascade`)
    first: Attribution | None = None  # the first rule's answer: the cascade's, not rerun

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


class Tally:
    """How often each speaker has been quoted so far in the document, kept up to date as
    the quotes are attributed. Why: recounting every earlier quote for each new one made
    a long document quadratic; `update` reads only the quotes added since the last call.
    """

    def __init__(self) -> None:
        self.counts: dict[tuple[str, ...], int] = {}
        self._first: dict[tuple[str, ...], tuple[int, str]] = {}  # key -> first (index, wording)
        self._top = 0
        self._leaders: set[tuple[str, ...]] = set()
        self._seen = 0

    def update(self, history: Sequence[tuple[int, str | None, str | None]]) -> None:
        """Count the (sentence, speaker, mention) rows of `history` not counted yet."""
        for i in range(self._seen, len(history)):
            s = history[i][1]
            if not s:
                continue
            key = speaker_key(s)
            n = self.counts[key] = self.counts.get(key, 0) + 1
            self._first.setdefault(key, (i, s))
            if n > self._top:
                self._top, self._leaders = n, {key}
            elif n == self._top:
                self._leaders.add(key)
        self._seen = len(history)

    def leader(self) -> str | None:
        """The most quoted speaker; on a tie, the one quoted first (its first wording)."""
        if not self._leaders:
            return None
        return min(self._first[k] for k in self._leaders)[1]


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


_CASCADE_CONTEXT = frozenset({"chain", "carry_previous", "previous_sentence", "subheading"})


def _by_rule(c: Candidate) -> bool:
    return any(c.features.get(f"rule_{r}") for r in (*RULE_NAMES, *_ATTRIBUTION_RULES, "other"))


def is_context_only(c: Candidate) -> bool:
    """Proposed by a context fallback and by no sentence rule (for reports)."""
    return any(c.features.get(n) for n in _CONTEXT) and not any(
        c.features.get(f"rule_{r}") for r in RULE_NAMES
    )
