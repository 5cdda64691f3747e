"""selon X, d'après X, à en croire X, comme l'a dit X, Pour X: the cue phrases of
lexicons/cue_prepositions_fr.txt, matched at any length, and whose words they report."""

from __future__ import annotations

import functools

import regex

from quotes.attribution.clauses import subject_after
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import is_group
from quotes.attribution.mention import Mention, is_pronoun, make_mention
from quotes.lexicon import fold, words


def according_to(ctx: Ctx) -> Attribution | None:
    """selon X / d'après X / à en croire X / comme l'a dit X / Pour X, «…» (the latter at
    the start of a sentence): the phrases of lexicons/cue_prepositions_fr.txt."""
    toks = ctx.toks
    for k, t in enumerate(toks):
        if not ctx.outside(k):
            continue
        found = _cue_phrase(ctx, k)
        if found is None:
            continue
        end, phrase = found
        if phrase == "pour" and k > 0:
            continue  # "pour" is a cue only opening the sentence: "Pour X, «…»"
        cue = ctx.text[t.start : toks[end - 1].end]
        nxt = toks[end] if end < len(toks) else None
        if nxt is not None and is_pronoun(nxt):  # "selon lui": not an adverb to skip
            m: Mention | None = make_mention(ctx.text, [nxt])
        else:
            m = subject_after(ctx, end, stop_at_comma=True)
        if m is not None and _unsourced_words(m):
            continue  # "selon des propos rapportés par…": whose words is said elsewhere
        if m is not None and (phrase != "pour" or m.name or m.pronoun or m.person or is_group(m)):
            return Attribution("according_to", m, cue, t.start)
    return None


@functools.cache
def _first_words() -> frozenset[str]:
    """The first token of every cue phrase ("d'" of "d'après", "comme" of "comme l'a dit")."""
    return frozenset(
        regex.split(r"(?<=')|\s", p.replace("’", "'"))[0] for p in words("cue_prepositions_fr.txt")
    )


_LONGEST_CUE = 7  # tokens of the longest cue phrase ("pour reprendre les mots de")


def _cue_phrase(ctx: Ctx, k: int) -> tuple[int, str] | None:
    """(end, phrase) of the longest cue phrase starting at token k, as the text writes it
    ("d'après" is two tokens, "à l'en croire" four)."""
    preps = words("cue_prepositions_fr.txt")
    toks = ctx.toks
    if fold(toks[k].text).replace("’", "'") not in _first_words():
        return None  # most tokens open no cue phrase: no phrase to build
    best = None
    for end in range(k + 1, min(len(toks), k + _LONGEST_CUE) + 1):
        if not ctx.outside(end - 1):
            break
        phrase = " ".join(fold(ctx.text[toks[k].start : toks[end - 1].end]).split())
        phrase = phrase.replace("’", "'")
        if phrase in preps:
            best = (end, phrase)
    return best


def _unsourced_words(m: Mention) -> bool:
    """ "des propos", "ses déclarations": words with no author in the phrase itself
    (lexicons/reported_words_fr.txt)."""
    ws = [w for w in fold(m.text).replace("'", " ").split() if w not in _ARTICLES]
    return (
        not m.name
        and not m.pronoun
        and bool(ws)
        and ws[0] in words("reported_words_fr.txt")
        and not any(w in ("de", "du", "des", "d") for w in ws[1:])
    )


_ARTICLES = frozenset("le la les l un une des ses son sa leur leurs ces ce cet cette".split())
