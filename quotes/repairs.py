"""Repairs of the model's slips on `Tok` records, whatever backend parsed them.

Why this module: the small French model tags some first names as adjectives or
"miscellaneous" entities when they open a sentence ("Anne Roy ne désarme pas." gives
"Anne" ADJ/MISC, the root of the sentence), so the sentence has no person for a later
"elle" or "Selon elle" to point back to. A known first name (lexicons/first_names)
followed by a capitalised word is a person's name in news text; the rules then see it
as the model sees "Paul Vidal".
"""

from __future__ import annotations

from dataclasses import replace

from quotes.lexicon import first_name_gender
from quotes.nlp import Tok

# Entities a first name may carry and still be a person's: the model's slips. A name
# the model calls an organisation or a place ("France Télévisions", "Sainte-Anne") keeps
# its label.
_SLIPS = frozenset({"", "MISC", "PER"})
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", "VERB"})


def _capitalised_word(tok: Tok) -> bool:
    return tok.text[:1].isupper() and tok.text[1:2].islower() and tok.ent in _SLIPS


def first_name_runs(toks: list[Tok]) -> list[Tok]:
    """`toks` with each run "known first name + capitalised words" as PROPN/PER, when the
    model left any of it out of a person entity and called none of it ORG or LOC."""
    out = toks
    i = 0
    while i + 1 < len(toks):
        first, after = toks[i], toks[i + 1]
        if not (
            _capitalised_word(first)
            and first_name_gender(first.text) is not None
            and _capitalised_word(after)
            and after.pos in _NAME_POS
        ):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _capitalised_word(toks[j]) and toks[j].pos in _NAME_POS:
            j += 1
        if any(t.ent != "PER" or t.pos != "PROPN" for t in toks[i:j]):
            out = out if out is not toks else list(toks)
            for k in range(i, j):
                out[k] = replace(toks[k], pos="PROPN", ent="PER")
        i = j
    return out
