"""The `confidence` column of English rows: P(quote) x P(speaker right | rule), as
`quotes.confidence` for French, with rates measured on English news.

Rates of `quotes.lang.en` on the English dev articles of two outlets (CBC News, Global
News; the third, HuffingtonPost, left out to check them), 2026-12-07, rounded down and,
for a rule with fewer than ten quotes, shrunk towards 0.75. English incises are sure
(0.90), but a cue verb before the quote less than in French (0.80: "X said the plan
would fail, citing "…"" often reports someone else's words), and a quote standing alone
after its speaker's quote is as sure as an incise (0.89: English news quotes in runs of
paragraphs).
"""

from __future__ import annotations

# classifier score (quotes.lang.en.terms) -> P(real quote)
_QUOTE_BY_SCORE = ((6, 0.95), (5, 0.87), (2, 0.65), (0, 0.25), (-99, 0.1))
_SPEAKER_BY_RULE = {
    "incise_after": 0.9,
    "carry_previous": 0.89,
    "cue_verb_before": 0.8,
    "previous_sentence": 0.85,
    "according_to": 0.85,
    "colon_before": 0.8,
    "main_subject": 0.8,
    "in_words": 0.75,
}
_NO_SPEAKER = 0.1  # the gold almost always names a source
_OTHER_RULE = 0.6


def quote_probability(score: int) -> float:
    """P(real quote) for a `quotes.lang.en.terms.classify` score."""
    return next(p for floor, p in _QUOTE_BY_SCORE if score >= floor)


def confidence(score: int, rule: str | None, speaker: str | None) -> float:
    """The row's confidence, rounded to two decimals."""
    quote = quote_probability(score)
    right = _SPEAKER_BY_RULE.get(rule or "", _OTHER_RULE) if speaker else _NO_SPEAKER
    return round(quote * right, 2)
