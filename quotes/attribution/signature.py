"""A quote signed with a dash: «…» – Marie Dupont / «…» — Paul Roy, ancien ministre.

Epigraphs, book excerpts, a quote of the day and embedded posts put the author's name
after a dash that follows the closing mark, on the same line or on the next one
(`quotes.sentences` joins such a line to the quote's sentence). No verb names the
speech there: the dash is the cue. The signature is a name (or an organisation), maybe
followed by a comma, a parenthesis or a role, and nothing else of a clause: a dash
followed by a sentence ("— Et vous, qu'en pensez-vous ?", a dialogue line) signs nothing,
and neither does a dash after marks inside a sentence (le projet «Horizon» — Marie Roy…).
"""

from __future__ import annotations

from dataclasses import replace

from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import is_organisation, key_words
from quotes.attribution.mention import _DASHES, make_mention
from quotes.attribution.phrases import noun_phrase

_SIGNING_DASHES = _DASHES | {"―"}  # the mention dashes, and the horizontal bar
_MAX_PHRASE = 12  # tokens of the signing phrase, its role included
_ENDS = frozenset({",", "(", ".", ";"})
_NAME_POS = frozenset({"PROPN", "NOUN", "X"})
# after the name, signs of a clause (the tagger misses verbs in dialogue lines)
_CLAUSE = frozenset("? ! je j' tu il elle on nous vous ils elles".split())


def dash_signature(ctx: Ctx) -> Attribution | None:
    """The name right after a dash after the closing mark signs the quote."""
    toks, k = ctx.toks, ctx.after()
    if ctx.text[ctx.toks[0].start : ctx.span.open_pos].strip(' «“"„\u00a0'):
        return None  # a signature follows a quote that opens its line, not a term mid-text
    while k < len(toks) and not toks[k].text.strip():
        k += 1  # the line break before "— Name"
    if k + 1 >= len(toks) or toks[k].text not in _SIGNING_DASHES:
        return None
    if toks[k].text == "-" and toks[k].start == toks[k - 1].end:
        return None  # «…»-là: a hyphen glued to the mark, no dash
    a = k + 1
    if not toks[a].text[:1].isupper():
        return None
    b = min(noun_phrase(toks, a), a + _MAX_PHRASE)
    c = next((j for j in range(a, b) if toks[j].text == ","), b)  # the name, before a role
    if c == a or (c < len(toks) and toks[c].text not in _ENDS and toks[c].text.strip()):
        return None  # not a name alone: "— Et vous, qu'en pensez-vous ?"
    if toks[a].pos not in _NAME_POS and not toks[a].ent:
        return None  # "— Et vous, …": a dialogue line
    if any(t.pos in ("VERB", "AUX") or t.text.lower() in _CLAUSE for t in toks[b:]):
        return None  # "— Marie, tu viens ?": a line of dialogue, not a signature
    if c + 1 < b and toks[c + 1].text[:1].isupper():
        b = c  # "— Hervé Gagnon, Vérité, tome 2": a work's title, not a role
    m = make_mention(ctx.text, toks[a:b])
    organisation = m is not None and is_organisation(m)
    if m is None or not (m.name is not None or organisation):
        return None
    if organisation and m.name is not None and key_words(m.name) == key_words(m.text)[:1]:
        m = replace(m, name=None, person=False)  # "Syndicat des enseignants": its head noun
    return Attribution("dash_signature", m, toks[k].text, toks[k].start)
