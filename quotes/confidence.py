"""The `confidence` column: how likely a row is right, as a probability.

Meaning: the estimated probability that the row is someone's quoted words (not a term)
*and* that its speaker is right (lenient match, as `quotes eval` scores it). It is the
product of two rates measured on annotated articles:

- P(quote | classifier score): the share of spans with that `terms.classify` score that
  are real quotes;
- P(speaker | rule): the share of quotes attributed by that rule whose speaker is right.

The tables were measured with `python bench/calibrate.py GOLD.jsonl...` on the French news
dev sets (one outlet left out) and rounded down. They are coarse
on purpose: a row at 0.9 is right about nine times in ten, a row at 0.5 half the time.
Filter with `quotes extract --min-confidence 0.7` to trade recall for precision.
"""

from __future__ import annotations

# classifier score -> P(real quote); scores below terms.QUOTE_THRESHOLD are terms.
_QUOTE_BY_SCORE = ((5, 0.99), (4, 0.97), (3, 0.93), (2, 0.87), (1, 0.85), (0, 0.4), (-99, 0.03))

# attribution rule -> P(speaker right); see quotes/attribution/patterns.py for the rules.
# Rates of `python bench/calibrate.py fr_news_dev.jsonl fr_news_dev2.jsonl --exclude
# outlet=qc-jdq` (2026-12-03), shrunk towards 0.75 where a rule has few quotes.
_SPEAKER_BY_RULE = {
    "incise_after": 0.95,
    "dash_signature": 0.9,
    "according_to": 0.9,
    "cue_verb_before": 0.93,
    "inverted_pronoun": 0.9,
    "incise_inside": 0.9,
    "incise_later": 0.75,
    "passive_agent": 0.85,
    "colon_before": 0.9,
    "sign_bearers": 0.7,
    "subheading": 0.85,
    "carry_previous": 0.8,
    "chain": 0.75,
    "main_subject": 0.8,
    "participle_opener": 0.8,  # a main clause's subject, as main_subject
    "previous_sentence": 0.65,
    "document_voice": 0.6,
    "speech_noun_owner": 0.75,
}
_NO_SPEAKER = 0.2  # a quote with no speaker: sources are rarely unknown in the gold
_OTHER_RULE = 0.6


def quote_probability(score: int) -> float:
    """P(real quote) for a `terms.classify` score."""
    return next(p for floor, p in _QUOTE_BY_SCORE if score >= floor)


def speaker_probability(rule: str | None, speaker: str | None) -> float:
    """P(speaker right) for the rule that attributed the quote."""
    if not speaker:
        return _NO_SPEAKER
    return _SPEAKER_BY_RULE.get(rule or "", _OTHER_RULE)


def confidence(score: int, rule: str | None, speaker: str | None) -> float:
    """The row's confidence, rounded to two decimals."""
    return round(quote_probability(score) * speaker_probability(rule, speaker), 2)
