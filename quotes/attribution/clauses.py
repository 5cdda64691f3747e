"""Clause analysis shared by the attribution rules: verb groups, subjects, cue verbs.

French places a source in a handful of syntactic slots: the subject of a speech verb
(nsubj, or after the verb in an incise, which `fr_core_news_sm` labels obj/xcomp), the
clitic of an inverted verb ("a-t-elle dit"), or, when the parser leaves a verb without a
subject, the nearest name before it in its clause. These helpers find those slots on
`Tok` records; the rules in `patterns.py` decide which slot applies to a quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import can_speak
from quotes.attribution.mention import Mention, is_pronoun, make_mention
from quotes.attribution.names import gerund_like
from quotes.attribution.participles import (
    absolute_subject,
    is_present_participle,
    main_verb,
    reduced_relative_subject,
)
from quotes.attribution.phrases import noun_phrase, skip_adverbials
from quotes.attribution.subjects import demonstrative_relative, mention_at, role_before
from quotes.attribution.verbs import _non_finite, subject_clitic, verb_group
from quotes.lexicon import first_name_gender, fold, is_speech_verb, words
from quotes.nlp import Tok


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
    if (rel := demonstrative_relative(toks, a)) is not None:
        return rel  # "a noté celui qui est redevenu…": the person the text is about
    if (
        toks[a].pos == "PRON"
        and not is_pronoun(toks[a])
        and not (toks[a].text[:1].isupper() and toks[a].ent)  # a name tagged PRON: "Vinci"
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


# What may stand between a subject "qui" and its verb: "qui ne lui ont pas dit", "qui a"
_BEFORE_VERB = frozenset("ne n' se s' lui leur l' le la les y en nous vous me m' te t'".split())


def unlinked_relative(ctx: Ctx, k: int) -> Mention | None:
    """The antecedent of a subject "qui" written just before verb k when the parser did
    not link the two: "…, jeunes qui scandent « honte à vous »" (the short quote parsed
    as the verb's head). In French the antecedent of a subject relative is the noun just
    before "qui"."""
    toks = ctx.toks
    j = k - 1
    while j >= 0 and (toks[j].pos == "AUX" or fold(toks[j].text) in _BEFORE_VERB):
        j -= 1
    if j < 1 or fold(toks[j].text) != "qui" or not ctx.outside(j):
        return None
    b = j  # the antecedent's phrase: the words back to a determiner or a punctuation
    a = b - 1
    if toks[a].pos not in ("NOUN", "PROPN", "ADJ") or not ctx.outside(a):
        return None
    while a > 0 and toks[a - 1].pos in ("DET", "ADJ", "NOUN", "PROPN") and ctx.outside(a - 1):
        a -= 1
    return make_mention(ctx.text, toks[a:b])


def verb_subject(ctx: Ctx, k: int, depth: int = 0) -> Mention | None:
    """The subject of verb k: its nsubj, or an inverted subject after it ("…, a dit X"),
    or the subject of the verb it depends on (coordination, gerund, subordinate)."""
    toks = ctx.toks
    named = _named_inversion(ctx, k)
    if named is not None:
        return named
    # the parser sometimes hangs the subject on the auxiliary ("Il a de plus demandé")
    heads = {k} | {t.i for t in toks if t.head == k and t.dep.startswith("aux") and t.i < k}

    def subjects_of(heads: set[int]) -> list[Tok]:
        return [
            t
            for t in toks
            if t.head in heads
            and t.i != k
            and (t.dep.startswith("nsubj") or (t.dep == "expl:subj" and is_pronoun(t)))
        ]

    subjects = subjects_of(heads)
    if not subjects and toks[k].dep == "cop" and fold(toks[k].lemma) == "etre":
        subjects = subjects_of({toks[k].head})  # "Un proche de X est plus direct :"
    # Two subjects for one verb is a parse error; the nearer one is the subject, the other a
    # fronted adjunct: "Convaincue que…, elle estime".
    for t in sorted(subjects, key=lambda t: abs(t.i - k)):
        if t.text.startswith("-") and impersonal(toks, max(0, t.i - 2), t.i + 3):
            continue  # "est-il indiqué", "a-t-il été précisé": nobody
        if fold(t.text) == "qui":
            a = _antecedent(toks, k)
            m = mention_at(ctx, a) if a is not None and ctx.outside(a) else None
        else:
            i = t.i
            while i > 0 and toks[i].text in ("-", "ci", "là") and toks[i - 1].head == t.head:
                i -= 1  # "Celle" "-" "ci", three subjects to the tagger: one pronoun
            m = mention_at(ctx, i) if ctx.outside(i) else None
        if m is not None:
            return m
        break
    if not subjects and (m := unlinked_relative(ctx, k)) is not None:
        return m
    if toks[k].form == "fin" or any(
        toks[c].head == k and toks[c].pos == "AUX" for c in range(max(0, k - 2), k)
    ):
        group = verb_group(toks, _group_start(toks, k))
        if (
            group is not None
            and group[1] is None
            and k > 0
            and _after_quote_or_comma(ctx, _group_start(toks, k))
        ):
            m = subject_after(ctx, group[0])
            if m is not None:
                return m
    tv = toks[k]
    if is_present_participle(ctx, k) and (found := participle_subject(ctx, k, depth)):
        return found
    if depth < 3 and tv.head != k and tv.dep in ("conj", "advcl", "xcomp", "ccomp", "parataxis"):
        found = verb_subject(ctx, _outside_quotes(ctx, _coordinated_with(toks, k)), depth + 1)
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


def participle_subject(ctx: Ctx, k: int, depth: int) -> Mention | None:
    """A present participle's subject: its own in an absolute clause (", la ministre leur
    rétorquant que"), else the main clause's, whatever verb the parser hung it on."""
    own = absolute_subject(ctx, k) or reduced_relative_subject(ctx, k)
    if own is not None:
        return own
    root = main_verb(ctx, k)
    return verb_subject(ctx, root, depth + 1) if root is not None and depth < 3 else None


def _named_inversion(ctx: Ctx, k: int) -> Mention | None:
    """ "…, a fait valoir Marco, un peintre" / "Le texte, a expliqué Anne Roy, est prêt": a
    verb group right after a comma or a quote, followed by a person, is an incise whose
    subject is that person, whatever the parser hung on the verb before the comma."""
    toks = ctx.toks
    g = k - 1 if k > 0 and toks[k - 1].lemma in _LIGHT_VERBS else k  # "fait valoir"
    g = _group_start(toks, g)
    if not _after_quote_or_comma(ctx, g):
        return None
    group = verb_group(toks, g)
    if group is None or group[1] is not None or group[0] <= k:
        return None
    m = subject_after(ctx, group[0])
    return m if m is not None and m.name and m.person else None


_LIGHT_VERBS = frozenset({"faire", "tenir", "mettre"})


def _outside_quotes(ctx: Ctx, v: int) -> int:
    """A verb coordinated to a quoted verb shares the subject of the clause holding the
    quote: in "elle estime que ces annonces «ne suffisent pas» et réclame…" the parser
    hangs "réclame" on the quoted "suffisent"; the journalist's verb is "estime"."""
    seen = 0
    while not ctx.outside(v) and ctx.toks[v].head != v and seen < 10:
        v, seen = ctx.toks[v].head, seen + 1
    return v


def _has_aux(toks: Sequence[Tok], k: int) -> bool:
    return any(t.head == k and t.pos == "AUX" and t.i < k for t in toks[max(0, k - 4) : k])


def _coordinated_with(toks: Sequence[Tok], k: int) -> int:
    """The verb a dependent verb shares its subject with: its head, except for a compound
    tense coordinated to a simple one, which parallels the nearest compound verb above:
    "X a admis que la digue pouvait «céder» et a promis…": X promised, not the dyke."""
    h = toks[k].head
    if toks[k].dep != "conj" or not _has_aux(toks, k) or _has_aux(toks, h):
        return h
    up, seen = toks[h].head, 0
    while seen < 10 and up != toks[up].head:
        if toks[up].pos == "VERB" and _has_aux(toks, up):
            return up
        up, seen = toks[up].head, seen + 1
    return up if toks[up].pos == "VERB" and _has_aux(toks, up) else h


_CLAUSE_BREAK = frozenset(
    {"que", "qu'", "qui", "dont", "ou", ";", ":", "mais", "car", "tandis", "alors"}
)


def left_subject(ctx: Ctx, g: int) -> Mention | None:
    """The subject written before a verb the parser left without one.

    The nearest person's name before the verb in its clause ("…, Anne Roy (majorité
    présidentielle), a appelé"), else the clause's first noun phrase. A relative clause
    between commas is stepped over: "La patronne du bar, qui avait eu l'idée, avait…".
    """
    toks = ctx.toks
    start = g
    while start > 0:
        t = toks[start - 1]
        relative = _relative_before(toks, start - 1, g)
        if relative is not None:
            start = relative
            continue
        if fold(t.text) in _CLAUSE_BREAK or not ctx.outside(start - 1):
            break
        after_det = start > 1 and toks[start - 2].pos == "DET"  # "dans l’est": a noun
        if t.pos in ("VERB", "AUX") and t.form == "fin" and not after_det:
            break
        start -= 1
    per = [i for i in range(start, g) if toks[i].ent == "PER" and ctx.outside(i)]
    if per:
        b = per[-1] + 1
        a = per[-1]
        while a > start and toks[a - 1].ent == "PER":
            a -= 1
        return make_mention(ctx.text, toks[max(start, role_before(ctx, a)) : b])
    if _fronted_participle(toks[start]):  # "Saisi en urgence, le Conseil d'État … a estimé"
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


def _fronted_participle(tok: Tok) -> bool:
    """A participle opening the clause ("Saisi en urgence,", "Interrogée sur…,"), also when
    the tagger calls a capitalised one a proper noun. First names ("René") are names."""
    if tok.pos == "VERB" or gerund_like(tok):
        return True
    w = tok.text.lower()
    return (
        tok.pos in ("PROPN", "NOUN", "ADJ")
        and tok.ent != "PER"
        and w.endswith(("é", "ée", "és", "ées"))
        and first_name_gender(tok.text) is None
    )


def _relative_before(toks: Sequence[Tok], k: int, g: int) -> int | None:
    """When token k lies in a relative clause ", qui … ," closed before g, the index of the
    comma opening it (the walk goes on before it); else None."""
    if toks[k].pos not in ("VERB", "AUX") and fold(toks[k].text) not in ("qui", "dont"):
        return None
    if not any(toks[x].text == "," for x in range(k + 1, g)):
        return None
    j = k
    while j > 0 and toks[j].text not in ",;:" and fold(toks[j].text) not in ("qui", "dont"):
        j -= 1
    if fold(toks[j].text) in ("qui", "dont") and j > 0 and toks[j - 1].text == ",":
        return j - 1
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


def _after_quote_or_comma(ctx: Ctx, k: int) -> bool:
    """An incise position: right after a comma or a quote's closing mark (not the mark
    closing a one-word term: "des «gilets» avaient appelé" has its subject before)."""
    if k == 0:
        return False
    prev = ctx.toks[k - 1].text
    return prev == "," or (prev in '»”"' and not ctx.outside(k - 1))


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
    m = _object_relative_head(ctx, v) or verb_subject(ctx, v)
    return Attribution(rule, m, None) if m is not None else None


def _object_relative_head(ctx: Ctx, v: int) -> Mention | None:
    """ "Le document, que Le Monde a pu consulter, relève des «…»": the parser governs the
    quote from the object relative, whose subject is who read the document; the noun the
    relative hangs on, when it heads the sentence, is what speaks."""
    toks = ctx.toks
    head = toks[v].head
    if toks[v].dep not in ("acl:relcl", "acl") or toks[head].dep not in ("root", "nsubj"):
        return None
    if head > v or not any(t.head == v and fold(t.text) in ("que", "qu'") for t in toks):
        return None
    return mention_at(ctx, head) if ctx.outside(head) else None


def reported_sources(ctx: Ctx) -> list[Mention]:
    """The sources a sentence without quotes names for what it reports: the
    subject inverted after a speech verb that follows a comma ("L'accident s'est produit
    vers 21h, a précisé la Régie des transports (RTU) à l'AFP."). Such a source is a
    source as a quote's is: "«…», selon la même source" and the pronouns after it
    point to it."""
    toks, out = ctx.toks, []
    for k in range(1, len(toks)):
        if toks[k - 1].text != "," or not ctx.outside(k):
            continue
        group = verb_group(toks, k)
        if group is None or group[1] is not None:  # "a-t-il précisé": a pronoun, no name
            continue
        verb = toks[group[0] - 1]
        finite = toks[k].pos == "AUX" or toks[k].form == "fin"  # "scandant le slogan": object
        if (
            not finite
            or fold(verb.text).endswith("ant")
            or not is_speech_verb(verb.text, verb.lemma)
        ):
            continue
        m = subject_after(ctx, group[0])
        if m is not None and not m.pronoun and can_speak(m):
            out.append(m)
    return out
