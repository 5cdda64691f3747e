"""Clause analysis shared by the attribution rules: verb groups, subjects, mentions.

French places a source in a handful of syntactic slots: the subject of a speech verb
(nsubj, or after the verb in an incise, which `fr_core_news_sm` labels obj/xcomp), the
clitic of an inverted verb ("a-t-elle dit"), or, when the parser leaves a verb without a
subject, the nearest name before it in its clause. These helpers find those slots on
`Tok` records; the rules in `patterns.py` decide which slot applies to a quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quotes.attribution.mention import (
    PRONOUNS,
    Mention,
    is_pronoun,
    make_mention,
    noun_phrase,
    skip_adverbials,
)
from quotes.lexicon import fold, is_speech_verb, speech_verbs, tagged, words
from quotes.nlp import Tok
from quotes.scanner import Span

_CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})


_NO_QUOTE = Span(-1, -1, -1, -1, "", 0)


@dataclass(frozen=True)
class Ctx:
    """One quote in its parsed sentence."""

    text: str
    span: Span
    toks: Sequence[Tok]
    quotes: Sequence[Span]  # every quote of the sentence, in order (this one included)

    @classmethod
    def sentence(cls, text: str, toks: Sequence[Tok], quotes: Sequence[Span]) -> Ctx:
        """A context for the sentence as a whole (no quote in focus)."""
        return cls(text, _NO_QUOTE, toks, quotes)

    def before(self) -> int:
        """Index of the first token at or after the opening mark."""
        return next(
            (k for k, t in enumerate(self.toks) if t.start >= self.span.open_pos), len(self.toks)
        )

    def after(self) -> int:
        """Index of the first token after the closing mark."""
        return next(
            (k for k, t in enumerate(self.toks) if t.start > self.span.close_pos), len(self.toks)
        )

    def inside(self) -> list[Tok]:
        return [t for t in self.toks if self.span.start <= t.start < self.span.end]

    def outside(self, k: int) -> bool:
        """True when token k is outside every quote of the sentence."""
        t = self.toks[k]
        return not any(q.open_pos <= t.start <= q.close_pos for q in self.quotes)


@dataclass(frozen=True)
class Attribution:
    """Which words designate the source of a quote, and by which rule and cue."""

    rule: str
    mention: Mention | None
    cue: str | None
    cue_at: int = -1  # document offset of the cue word, when there is one


def subject_clitic(tok: Tok) -> str | None:
    f = fold(tok.text)
    if f.startswith("-"):
        f = f[1:].removeprefix("t-")
        return f if f in _CLITICS else None
    return None


def verb_group(toks: Sequence[Tok], i: int) -> tuple[int, Tok | None] | None:
    """End of the verb group starting at i ("a-t-il déclaré", "s'est réjoui", "estime").

    Returns (end index, subject clitic token or None), or None if no verb starts at i.
    """
    j, has_verb, clitic = i, False, None
    while j < len(toks):
        t, f = toks[j], fold(toks[j].text)
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if (
            f in ("s'", "se", "en", "y", "ne", "n'", "l'") and not has_verb and nxt is not None
        ) or f == "-t":
            j += 1
        elif subject_clitic(t):
            clitic = t
            j += 1
        elif not has_verb and clitic is None and t.pos == "VERB" and _non_finite(t):
            return None  # "affirmant", "condamnées par": no inversion, not an incise
        elif t.pos in ("VERB", "AUX") or is_speech_verb(t.text, t.lemma) or "-t-" in t.text:
            if "-t-" in t.text or (
                t.text.count("-") == 1
                and fold(t.text).endswith(("-il", "-elle", "-ils", "-elles", "-on"))
            ):
                clitic = t
            has_verb = True
            j += 1
        elif has_verb and (t.pos == "ADV" or f in ("quant", "lui", "eux")) and f != "selon":
            j += 1
        elif has_verb and f == "a" and nxt is not None and nxt.pos == "VERB":
            j += 1  # "a tenu à souligner"
        else:
            break
    return (j, clitic) if has_verb else None


def _non_finite(t: Tok) -> bool:
    """Gerunds, participles and infinitives (checked on the ending: the tagger errs).

    Endings are read with accents ("crie" is a present, "crié" a participle).
    """
    w = t.text.lower()
    if w.endswith(("ant", "ants")):
        return True
    if t.form == "part":
        return w.endswith(("é", "ée", "és", "ées", "i", "is", "u", "us"))
    return t.form == "inf" and w.endswith(("er", "ir", "re"))


def clitic_mention(tok: Tok) -> Mention | None:
    f = fold(tok.text)
    p = f.rsplit("-", 1)[-1]
    if p not in ("il", "elle", "ils", "elles"):
        return None
    return make_mention_pronoun(tok, p)


def make_mention_pronoun(tok: Tok, p: str) -> Mention:
    g, n = PRONOUNS[p]
    start = tok.end - len(p)
    return Mention(start, tok.end, p, None, g, n, pronoun=True)


def impersonal(toks: Sequence[Tok], a: int, b: int) -> bool:
    """Passive inversions ("est-il indiqué", "a-t-il été précisé") whose "il" is nobody."""
    forms = [fold(t.text).split("-")[0] for t in toks[a:b]]
    return "est" in forms or "ete" in forms


def subject_after(ctx: Ctx, k: int, stop_at_comma: bool = False) -> Mention | None:
    toks = ctx.toks
    a = skip_adverbials(toks, k)
    if a >= len(toks) or not ctx.outside(a):
        return None
    if (
        toks[a].pos not in ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ")
        and not toks[a].text[:1].isupper()
        and fold(toks[a].text) not in ("des", "du")
    ):
        return None  # "que…", "qu’il…": a clause, not an inverted subject
    if (
        toks[a].pos == "PRON"
        and not is_pronoun(toks[a])
        and fold(toks[a].text)
        not in ("l'un", "l'une", "un", "une", "certains", "certaines", "plusieurs")
    ):
        return None
    b = noun_phrase(toks, a)
    if stop_at_comma:  # "Selon le pêcheur, la mesure…": the clause starts after the comma
        comma = next((j for j in range(a, b) if toks[j].text == ","), b)
        named = comma + 1 < b and toks[comma + 1].ent == "PER"
        b = b if named else comma
    return make_mention(ctx.text, toks[a:b]) if b > a else None


def cue_text(ctx: Ctx, a: int, b: int) -> str:
    return " ".join(ctx.text[ctx.toks[a].start : ctx.toks[b - 1].end].split())


def _antecedent(toks: Sequence[Tok], v: int) -> int | None:
    head = toks[v].head
    return head if toks[head].pos in ("NOUN", "PROPN") else None


def subject_mention(ctx: Ctx, s: int) -> Mention | None:
    """The mention headed by token s (a subject found by the parser)."""
    return _mention_at(ctx, s)


def _mention_at(ctx: Ctx, s: int) -> Mention | None:
    tok = ctx.toks[s]
    if is_pronoun(tok):
        return make_mention(ctx.text, [tok])
    if tok.pos == "PRON" or tok.text.startswith("-"):
        return None  # "cela", "celles-ci": not a source we can name
    sub = [t.i for t in ctx.toks if _descends(ctx.toks, t.i, s)]
    a = min(sub)
    while a < s and (ctx.toks[a].text in ',«“"' or ctx.toks[a].pos in ("SCONJ", "CCONJ", "ADP")):
        a += 1
    a = _role_before(ctx, a)
    b = noun_phrase(ctx.toks, a)
    b = max(b, s + 1)
    if not all(ctx.outside(m) for m in range(a, b)):
        b = next(m for m in range(a, b) if not ctx.outside(m))
    phrase = ctx.toks[a:b]
    if not any((t.pos in ("NOUN", "PROPN") or t.ent) and t.text[:1].isalnum() for t in phrase):
        return None  # "que", "cela": not a source
    return make_mention(ctx.text, phrase)


def _role_before(ctx: Ctx, a: int) -> int:
    """Start of a role apposition right before a name: "La ministre de la Santé, [Hélène
    Garnier]" (the parser often makes the name alone the subject)."""
    toks = ctx.toks
    if a < 2 or toks[a - 1].text != "," or not toks[a].text[:1].isupper():
        return a
    k = a - 2
    while k >= 0 and toks[k].text not in ",;:«»()" and toks[k].pos not in ("VERB", "AUX"):
        k -= 1
    start = k + 1
    roles = tagged("roles_fr.txt")
    has_role = any(fold(t.text) in roles for t in toks[start : a - 1])
    return start if has_role and all(ctx.outside(i) for i in range(start, a)) else a


def _descends(toks: Sequence[Tok], i: int, root: int) -> bool:
    seen = 0
    while seen < 50:
        if i == root:
            return True
        if toks[i].head == i:
            return False
        i, seen = toks[i].head, seen + 1
    return False


def verb_subject(ctx: Ctx, k: int, depth: int = 0) -> Mention | None:
    """The subject of verb k: its nsubj, or an inverted subject after it ("…, a dit X"),
    or the subject of the verb it depends on (coordination, gerund, subordinate)."""
    toks = ctx.toks
    for t in toks:
        if (
            t.head == k
            and t.i != k
            and (t.dep.startswith("nsubj") or (t.dep == "expl:subj" and is_pronoun(t)))
        ):
            if t.text.startswith("-") and impersonal(toks, max(0, t.i - 2), t.i + 3):
                continue  # "est-il indiqué", "a-t-il été précisé": nobody
            if fold(t.text) == "qui":
                a = _antecedent(toks, k)
                m = _mention_at(ctx, a) if a is not None and ctx.outside(a) else None
            else:
                m = _mention_at(ctx, t.i) if ctx.outside(t.i) else None
            if m is not None:
                return m
            break
    if toks[k].form == "fin" or any(
        toks[c].head == k and toks[c].pos == "AUX" for c in range(max(0, k - 2), k)
    ):
        group = verb_group(toks, _group_start(toks, k))
        if (
            group is not None
            and group[1] is None
            and k > 0
            and _after_quote_or_comma(toks, _group_start(toks, k))
        ):
            m = subject_after(ctx, group[0])
            if m is not None:
                return m
    tv = toks[k]
    if depth < 3 and tv.head != k and tv.dep in ("conj", "advcl", "xcomp", "ccomp", "parataxis"):
        found = verb_subject(ctx, tv.head, depth + 1)
        if found is not None:
            return found
    if _non_finite(toks[k]) and fold(toks[k].text).endswith("ant"):
        # "X a appelé…, estimant que…": the subject of the clause before the gerund;
        # "Dénonçant «…», un des représentants, X, a appelé": the next clause's subject.
        prev = [
            j
            for j in range(k)
            if ctx.outside(j) and toks[j].form == "fin" and toks[j].pos in ("VERB", "AUX")
        ]
        nxt = next(
            (j for j in range(k + 1, len(toks)) if ctx.outside(j) and toks[j].form == "fin"), None
        )
        target = prev[0] if prev else nxt
        return verb_subject(ctx, target, depth + 1) if target is not None and depth < 3 else None
    return left_subject(ctx, _group_start(toks, k))


_CLAUSE_BREAK = frozenset(
    {"que", "qu'", "qui", "dont", "ou", ";", ":", "mais", "car", "tandis", "alors"}
)


def left_subject(ctx: Ctx, g: int) -> Mention | None:
    """The subject written before a verb the parser left without one.

    The nearest person's name before the verb in its clause ("…, Brigitte Bourguignon
    (majorité présidentielle), a appelé"), else the clause's first noun phrase.
    """
    toks = ctx.toks
    start = g
    while start > 0:
        t = toks[start - 1]
        if fold(t.text) in _CLAUSE_BREAK or not ctx.outside(start - 1):
            break
        after_det = start > 1 and toks[start - 2].pos == "DET"  # "dans l’est": a noun
        if t.pos in ("VERB", "AUX") and t.form == "fin" and not after_det:
            break
        start -= 1
    per = [i for i in range(start, g) if toks[i].ent == "PER"]
    if per:
        b = per[-1] + 1
        a = per[-1]
        while a > start and toks[a - 1].ent == "PER":
            a -= 1
        return make_mention(ctx.text, toks[max(start, _role_before(ctx, a)) : b])
    if toks[start].pos == "VERB":  # "Saisi en urgence, le Conseil d'État … a estimé"
        start = next((i + 1 for i in range(start, g) if toks[i].text == ","), start)
    a = skip_adverbials(toks, start)
    while a < g and toks[a].pos in ("NOUN",) and fold(toks[a].text) in words("incise_skip_fr.txt"):
        a += 1
    if (a < g and toks[a].pos in ("DET", "PROPN", "NOUN", "NUM")) or (
        a < g and is_pronoun(toks[a])
    ):
        b = min(noun_phrase(toks, a), g)
        return make_mention(ctx.text, toks[a:b]) if b > a else None
    return None


def _group_start(toks: Sequence[Tok], k: int) -> int:
    """Back from a participle to its auxiliary and clitics: "a-t-il déclaré", "s'est dit"."""
    while k > 0 and (
        toks[k - 1].pos == "AUX"
        or fold(toks[k - 1].text) in ("s'", "se", "-t", "en", "y")
        or subject_clitic(toks[k - 1])
        or (toks[k - 1].pos == "ADV" and k > 1 and toks[k - 2].pos == "AUX")
    ):
        k -= 1
    return k


def _after_quote_or_comma(toks: Sequence[Tok], k: int) -> bool:
    return k > 0 and toks[k - 1].text in ',»”"'


def cue_verb_token(toks: Sequence[Tok], k: int) -> bool:
    """A speech verb used as a verb: not "les annonces", not "l'arme dite intermédiaire"."""
    t = toks[k]
    prev = toks[k - 1] if k > 0 else None
    light = prev is not None and prev.lemma in ("faire", "tenir", "mettre")
    if light and t.pos in ("VERB", "AUX") and fold(f"{prev.lemma} {t.text}") in speech_verbs():
        return True  # "a fait valoir", "faire savoir"
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and fold(nxt.text) in ("que", "qu'") and is_speech_verb(t.text, t.lemma):
        return prev is None or prev.pos != "DET"  # "la ministre juge que": a verb
    after_subject = prev is not None and (prev.pos == "PROPN" or is_pronoun(prev))
    if t.pos == "NOUN" and after_subject and is_speech_verb(t.text, t.lemma):
        return True  # "M. Duval dénonce une décision": tagged as a noun after a name
    if t.pos not in ("VERB", "AUX", "X") or not is_speech_verb(t.text, t.lemma):
        return False
    if prev is None:
        return True
    if (
        t.form == "part"
        and prev.lemma == "être"
        and not (k > 1 and fold(toks[k - 2].text) in ("s'", "se"))
    ):
        return False  # passive: "18 personnes ont été interpellées" reports nobody's words
    return not (prev.pos == "DET" or (prev.pos == "NOUN" and t.form == "part"))


def _governing_verb(ctx: Ctx) -> int | None:
    """The verb outside the quote that the quote depends on (its clause's verb)."""
    inner = [t.i for t in ctx.inside()]
    k = inner[0] if inner else ctx.before()
    for _ in range(30):
        if k >= len(ctx.toks):
            return None
        t = ctx.toks[k]
        if ctx.outside(k) and t.pos in ("VERB", "AUX") and conjugated(ctx.toks, k):
            return k
        if t.head == k:
            break
        k = t.head
    roots = [t.i for t in ctx.toks if t.head == t.i and ctx.outside(t.i)]
    finite = [r for r in roots if conjugated(ctx.toks, r)]
    return (finite or roots or [None])[0]


def conjugated(toks: Sequence[Tok], k: int) -> bool:
    """A finite verb, or a participle with its auxiliary ("ont envahi")."""
    return toks[k].form == "fin" or any(c.head == k and c.pos == "AUX" for c in toks)


def main_subject_of(ctx: Ctx, rule: str) -> Attribution | None:
    v = _governing_verb(ctx)
    if v is None:
        return None
    m = verb_subject(ctx, v)
    return Attribution(rule, m, None) if m is not None else None
