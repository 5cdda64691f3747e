"""Attribution patterns inside one sentence: each rule is a small function.

A rule gets a `Ctx` (the sentence's tokens and the quote) and returns an `Attribution`
(which words designate the source, which cue) or None. `RULES` lists them in the order
they are tried: the most specific evidence first (an incise right after the quote), the
weakest last (the subject of the sentence's main verb). Rules that look at other
sentences (previous speaker, subheadings, pronouns) live in `context.py` and `resolve.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotes.attribution.mention import (
    Mention,
    is_pronoun,
    make_mention,
    noun_phrase,
    skip_adverbials,
)
from quotes.lexicon import fold, is_speech_verb, words
from quotes.nlp import Tok
from quotes.scanner import Span

_CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})
_JOINERS = frozenset({",", "et", "ou", "puis", "…", "-", "—"})


@dataclass(frozen=True)
class Ctx:
    """One quote in its parsed sentence."""

    text: str
    span: Span
    toks: Sequence[Tok]
    quotes: Sequence[Span]  # every quote of the sentence, in order (this one included)

    def before(self) -> int:
        """Index of the first token at or after the opening mark."""
        return next((k for k, t in enumerate(self.toks) if t.start >= self.span.open_pos), len(self.toks))

    def after(self) -> int:
        """Index of the first token after the closing mark."""
        return next((k for k, t in enumerate(self.toks) if t.start > self.span.close_pos), len(self.toks))

    def inside(self) -> list[Tok]:
        return [t for t in self.toks if self.span.start <= t.start < self.span.end]

    def outside(self, k: int) -> bool:
        """True when token k is outside every quote of the sentence."""
        t = self.toks[k]
        return not any(q.open_pos <= t.start <= q.close_pos for q in self.quotes)


@dataclass(frozen=True)
class Attribution:
    rule: str
    mention: Mention | None
    cue: str | None


def _clitic(tok: Tok) -> str | None:
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
        if f in ("s'", "se", "en", "y", "ne", "n'", "l'") and not has_verb and nxt is not None:
            j += 1
        elif f == "-t":
            j += 1
        elif _clitic(t):
            clitic = t
            j += 1
        elif not has_verb and clitic is None and t.pos == "VERB" and _non_finite(t):
            return None  # "affirmant", "condamnées par": no inversion, not an incise
        elif t.pos in ("VERB", "AUX") or is_speech_verb(t.text, t.lemma) or "-t-" in t.text:
            if "-t-" in t.text or (t.text.count("-") == 1 and fold(t.text).endswith(("-il", "-elle", "-ils", "-elles", "-on"))):
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
    """Gerunds, participles and infinitives (checked on the ending: the tagger errs)."""
    f = fold(t.text)
    if f.endswith(("ant", "ants")):
        return True
    if t.form == "part":
        return f.endswith(("e", "es", "ee", "ees", "i", "is", "u", "us"))
    return t.form == "inf" and f.endswith(("er", "ir", "re"))


def _clitic_mention(tok: Tok) -> Mention | None:
    f = fold(tok.text)
    p = f.rsplit("-", 1)[-1]
    if p not in ("il", "elle", "ils", "elles"):
        return None
    return make_mention_pronoun(tok, p)


def make_mention_pronoun(tok: Tok, p: str) -> Mention:
    from quotes.attribution.mention import PRONOUNS

    g, n = PRONOUNS[p]
    start = tok.end - len(p)
    return Mention(start, tok.end, p, None, g, n, pronoun=True)


def _subject_after(ctx: Ctx, k: int) -> Mention | None:
    toks = ctx.toks
    a = skip_adverbials(toks, k)
    if a >= len(toks) or not ctx.outside(a):
        return None
    if toks[a].pos not in ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ") and not toks[a].text[:1].isupper() and fold(toks[a].text) not in ("des", "du"):
        return None  # "que…", "qu’il…": a clause, not an inverted subject
    if toks[a].pos == "PRON" and not is_pronoun(toks[a]) and fold(toks[a].text) not in ("l'un", "l'une", "un", "une", "certains", "certaines", "plusieurs"):
        return None
    b = noun_phrase(toks, a)
    return make_mention(ctx.text, toks[a:b]) if b > a else None


def _cue_text(ctx: Ctx, a: int, b: int) -> str:
    return " ".join(ctx.text[ctx.toks[a].start : ctx.toks[b - 1].end].split())


def incise_after(ctx: Ctx) -> Attribution | None:
    """«…», a déclaré X / «…», estime-t-elle / «…» et «…», avait déclaré X."""
    toks, k = ctx.toks, ctx.after()
    comma = False
    while k < len(toks):  # skip the other quotes of a chain: «A» et «B», a dit X
        if toks[k].text in _JOINERS:
            comma = comma or toks[k].text == ","
            k += 1
            continue
        nxt = next((q for q in ctx.quotes if q.open_pos == toks[k].start), None)
        if nxt is None:
            break
        k = next((m for m in range(k, len(toks)) if toks[m].start > nxt.close_pos), len(toks))
    if k >= len(toks):
        return None
    group = verb_group(toks, k)
    if group is None:
        return None
    end, clitic = group
    ends_sentence = ctx.text[ctx.span.end - 1 : ctx.span.end] in "!?.…"
    if not (comma or ends_sentence or is_speech_verb(toks[k].text, toks[k].lemma)):
        return None
    cue = _cue_text(ctx, k, end)
    if clitic is not None:
        if fold(clitic.text).endswith("on"):
            return None  # "pouvait-on lire": impersonal, the source is elsewhere
        return Attribution("incise_after", _clitic_mention(clitic), cue)
    subject = _subject_after(ctx, end)
    if subject is None:
        return None
    return Attribution("incise_after", subject, cue)


def inverted_pronoun(ctx: Ctx) -> Attribution | None:
    """"a-t-il dit" anywhere outside the quotes: «A», a-t-il dit, «B» / Le RIC a-t-il dit, «…»."""
    for k, t in enumerate(ctx.toks):
        if not ctx.outside(k):
            continue
        c = _clitic(t) or (fold(t.text).rsplit("-", 1)[-1] if "-t-" in t.text else None)
        if c in ("il", "elle", "ils", "elles"):
            verbs = [v for v in ctx.toks[max(0, k - 3) : k + 2] if is_speech_verb(v.text, v.lemma)]
            if verbs:
                return Attribution("inverted_pronoun", make_mention_pronoun(t, c), verbs[-1].text)
    return None


def incise_inside(ctx: Ctx) -> Attribution | None:
    """«Première partie, dit-il, suite»: an incise between commas inside the marks."""
    inner = ctx.inside()
    for k in range(len(inner) - 1):
        if inner[k].text != "," or not is_speech_verb(inner[k + 1].text, inner[k + 1].lemma):
            continue
        group = verb_group(inner, k + 1)
        if group is None:
            continue
        end, clitic = group
        if clitic is not None and not fold(clitic.text).endswith("on"):
            cue = " ".join(ctx.text[inner[k + 1].start : inner[end - 1].end].split())
            return Attribution("incise_inside", _clitic_mention(clitic), cue)
    return None


def subject_of(toks: Sequence[Tok], v: int, depth: int = 0) -> int | None:
    """Index of the subject of verb v, inherited through coordination and adverbials."""
    for t in toks:
        if t.head == v and t.i != v and (t.dep.startswith("nsubj") or t.dep == "expl:subj" and is_pronoun(t)):
            if fold(t.text) in ("qui",) and toks[v].head != v:
                return _antecedent(toks, v)
            return t.i
    tv = toks[v]
    if depth < 3 and tv.head != v and tv.dep in ("conj", "advcl", "xcomp", "ccomp", "parataxis"):
        return subject_of(toks, tv.head, depth + 1)
    return None


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
    if tok.pos == "PRON":
        return None
    sub = [t.i for t in ctx.toks if _descends(ctx.toks, t.i, s)]
    a = min(sub)
    while a < s and (ctx.toks[a].text in ",«“\"" or ctx.toks[a].pos in ("SCONJ", "CCONJ", "ADP")):
        a += 1
    b = noun_phrase(ctx.toks, a)
    b = max(b, s + 1)
    if not all(ctx.outside(m) for m in range(a, b)):
        b = next(m for m in range(a, b) if not ctx.outside(m))
    phrase = ctx.toks[a:b]
    if not any((t.pos in ("NOUN", "PROPN") or t.ent) and t.text[:1].isalnum() for t in phrase):
        return None  # "que", "cela": not a source
    return make_mention(ctx.text, phrase)


def _descends(toks: Sequence[Tok], i: int, root: int) -> bool:
    seen = 0
    while seen < 50:
        if i == root:
            return True
        if toks[i].head == i:
            return False
        i, seen = toks[i].head, seen + 1
    return False


def _verb_subject(ctx: Ctx, k: int, depth: int = 0) -> Mention | None:
    """The subject of verb k: its nsubj, or an inverted subject after it ("…, a dit X"),
    or the subject of the verb it depends on (coordination, gerund, subordinate)."""
    toks = ctx.toks
    for t in toks:
        if t.head == k and t.i != k and (t.dep.startswith("nsubj") or t.dep == "expl:subj" and is_pronoun(t)):
            if fold(t.text) == "qui":
                a = _antecedent(toks, k)
                m = _mention_at(ctx, a) if a is not None and ctx.outside(a) else None
            else:
                m = _mention_at(ctx, t.i) if ctx.outside(t.i) else None
            if m is not None:
                return m
            break
    if toks[k].form == "fin" or any(toks[c].head == k and toks[c].pos == "AUX" for c in range(max(0, k - 2), k)):
        group = verb_group(toks, _group_start(toks, k))
        if group is not None and group[1] is None and k > 0 and _after_quote_or_comma(toks, _group_start(toks, k)):
            m = _subject_after(ctx, group[0])
            if m is not None:
                return m
    tv = toks[k]
    if depth < 3 and tv.head != k and tv.dep in ("conj", "advcl", "xcomp", "ccomp", "parataxis"):
        found = _verb_subject(ctx, tv.head, depth + 1)
        if found is not None:
            return found
    if _non_finite(toks[k]) and fold(toks[k].text).endswith("ant"):
        # "Dénonçant «…», un des représentants, X, a appelé": the next finite verb's subject
        nxt = next((j for j in range(k + 1, len(toks)) if ctx.outside(j) and toks[j].form == "fin"), None)
        return _verb_subject(ctx, nxt, depth + 1) if nxt is not None and depth < 3 else None
    return left_subject(ctx, _group_start(toks, k))


_CLAUSE_BREAK = frozenset({"que", "qu'", "qui", "dont", "ou", ";", ":", "mais", "car", "tandis", "alors"})


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
        if t.pos in ("VERB", "AUX") and t.form == "fin":
            break
        start -= 1
    per = [i for i in range(start, g) if toks[i].ent == "PER"]
    if per:
        b = per[-1] + 1
        a = per[-1]
        while a > start and toks[a - 1].ent == "PER":
            a -= 1
        return make_mention(ctx.text, toks[a:b])
    if toks[start].pos == "VERB":  # "Saisi en urgence, le Conseil d'État … a estimé"
        start = next((i + 1 for i in range(start, g) if toks[i].text == ","), start)
    a = skip_adverbials(toks, start)
    while a < g and toks[a].pos in ("NOUN",) and fold(toks[a].text) in words("incise_skip_fr.txt"):
        a += 1
    if a < g and toks[a].pos in ("DET", "PROPN", "NOUN", "NUM") or (a < g and is_pronoun(toks[a])):
        b = min(noun_phrase(toks, a), g)
        return make_mention(ctx.text, toks[a:b]) if b > a else None
    return None


def _group_start(toks: Sequence[Tok], k: int) -> int:
    """Back from a participle to its auxiliary and clitics: "a-t-il déclaré", "s'est dit"."""
    while k > 0 and (toks[k - 1].pos == "AUX" or fold(toks[k - 1].text) in ("s'", "se", "-t", "en", "y") or _clitic(toks[k - 1]) or toks[k - 1].pos == "ADV" and k > 1 and toks[k - 2].pos == "AUX"):
        k -= 1
    return k


def _after_quote_or_comma(toks: Sequence[Tok], k: int) -> bool:
    return k > 0 and toks[k - 1].text in ",»”\""


def cue_verb_before(ctx: Ctx) -> Attribution | None:
    """X a déclaré : «…» / X juge que «…» / X a appelé à «…»: the speech verb's subject.

    A speech verb with no subject of its own ("Estimant que «…», elle réclame") lends the
    quote to the subject of the sentence.
    """
    for k in range(ctx.before() - 1, -1, -1):
        t = ctx.toks[k]
        if ctx.outside(k) and _cue_verb_token(ctx.toks, k):
            m = _verb_subject(ctx, k)
            if m is None and t.pos == "VERB":
                found = _main_subject(ctx, "cue_verb_before")
                m = found.mention if found else None
            if m is not None:
                return Attribution("cue_verb_before", m, t.text)
    return None


def _cue_verb_token(toks: Sequence[Tok], k: int) -> bool:
    """A speech verb used as a verb: not "les annonces", not "l'arme dite intermédiaire"."""
    t = toks[k]
    if t.pos not in ("VERB", "AUX", "X") or not is_speech_verb(t.text, t.lemma):
        return False
    prev = toks[k - 1] if k > 0 else None
    if prev is not None and (prev.pos == "DET" or prev.pos == "NOUN" and t.form == "part" and prev.text != ","):
        return False
    return True


def incise_later(ctx: Ctx) -> Attribution | None:
    """«…», une boisson sucrée, crie l’un d’eux: an inverted speech verb after an apposition."""
    toks = ctx.toks
    for k in range(ctx.after(), len(toks) - 1):
        if toks[k].text != "," or not ctx.outside(k + 1):
            continue
        nxt = toks[k + 1]
        if nxt.pos in ("VERB", "AUX") and is_speech_verb(nxt.text, nxt.lemma):
            found = incise_after(Ctx(ctx.text, Span(0, 0, 0, toks[k].start, "", 0), toks, ctx.quotes))
            if found is not None:
                return Attribution("incise_later", found.mention, found.cue)
    return None


def colon_before(ctx: Ctx) -> Attribution | None:
    """Gregor travaille dans le bâtiment : «…»: the subject of the clause before the colon."""
    k = ctx.before() - 1
    if k < 0 or ctx.toks[k].text != ":":
        return None
    for v in range(k - 1, -1, -1):
        if ctx.toks[v].pos in ("VERB", "AUX") and ctx.outside(v):
            m = _verb_subject(ctx, v)
            if m is not None:
                return Attribution("colon_before", m, None)
            break
    return _main_subject(ctx, "colon_before")


def according_to(ctx: Ctx) -> Attribution | None:
    """selon X / d'après X / Pour X, «…» (the latter at the start of a sentence)."""
    preps = words("cue_prepositions_fr.txt")
    toks = ctx.toks
    for k, t in enumerate(toks):
        f = fold(t.text)
        two = f + " " + fold(toks[k + 1].text) if k + 1 < len(toks) else f
        if not ctx.outside(k):
            continue
        if f == "pour" and k > 0:
            continue  # "pour" is a cue only opening the sentence: "Pour X, «…»"
        if f == "d'" and two.replace(" ", "") == "d'apres":
            k, f = k + 1, "d'après"
        if f in preps or two in preps or f == "d'après":
            m = _subject_after(ctx, k + 1)
            if m is not None and (f != "pour" or m.name or m.pronoun):
                return Attribution("according_to", m, t.text)
    return None


def _governing_verb(ctx: Ctx) -> int | None:
    """The verb outside the quote that the quote depends on (its clause's verb)."""
    inner = [t.i for t in ctx.inside()]
    k = inner[0] if inner else ctx.before()
    for _ in range(30):
        if k >= len(ctx.toks):
            return None
        t = ctx.toks[k]
        if ctx.outside(k) and t.pos in ("VERB", "AUX"):
            return k
        if t.head == k:
            break
        k = t.head
    return next((t.i for t in ctx.toks if t.head == t.i and ctx.outside(t.i)), None)


def _main_subject(ctx: Ctx, rule: str) -> Attribution | None:
    v = _governing_verb(ctx)
    if v is None:
        return None
    m = _verb_subject(ctx, v)
    return Attribution(rule, m, None) if m is not None else None


def main_subject(ctx: Ctx) -> Attribution | None:
    """A fragment quoted in the journalist's sentence belongs to the sentence's subject."""
    return _main_subject(ctx, "main_subject")


Rule = Callable[[Ctx], Attribution | None]
RULES: tuple[Rule, ...] = (
    incise_after,
    inverted_pronoun,
    incise_inside,
    incise_later,
    according_to,
    cue_verb_before,
    colon_before,
    main_subject,
)


def attribute_in_sentence(ctx: Ctx) -> Attribution | None:
    """The first rule that finds a source, in `RULES` order."""
    for rule in RULES:
        found = rule(ctx)
        if found is not None and found.mention is not None:
            return found
    return None
