"""Attribution patterns inside one sentence: each rule is a small function.

A rule gets a `Ctx` (the sentence's tokens and the quote) and returns an `Attribution`
(which words designate the source, which cue) or None. `RULES` lists them in the order
they are tried: the most specific evidence first (an incise right after the quote), the
weakest last (the subject of the sentence's main verb). Rules that look at other
sentences (previous speaker, subheadings, pronouns) live in `context.py` and `resolve.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quotes.attribution.according import according_to
from quotes.attribution.clauses import (
    conjugated,
    cue_text,
    impersonal,
    left_subject,
    main_subject_of,
    subject_after,
    verb_subject,
)
from quotes.attribution.colons import colon_before
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.cues import cue_verb_token, light_verb_cue
from quotes.attribution.kinds import can_say_i, can_speak, is_group, is_organisation, key_words
from quotes.attribution.media import is_medium
from quotes.attribution.mention import Mention, make_mention
from quotes.attribution.openers import participle_opener
from quotes.attribution.phrases import noun_phrase, skip_adverbials
from quotes.attribution.signature import dash_signature
from quotes.attribution.signs import sign_bearers, speech_noun_owner
from quotes.attribution.verbs import (
    clitic_mention,
    make_mention_pronoun,
    subject_clitic,
    verb_group,
)
from quotes.lexicon import fold, is_speech_verb, words
from quotes.nlp import Tok
from quotes.scanner import Span

_JOINERS = frozenset({",", "et", "ou", "puis", "…", "-", "—"})
_REFLEXIVE = frozenset({"s'", "se", "me", "m'", "nous", "vous", "te", "t'"})


def incise_after(ctx: Ctx) -> Attribution | None:
    """«…», a déclaré X / «…», estime-t-elle / «…» et «…», avait déclaré X."""
    toks, k = ctx.toks, ctx.after()
    comma = False
    conjunction = False  # "et"/"ou" not yet followed by another quote
    while k < len(toks):  # skip the other quotes of a chain: «A» et «B», a dit X
        if toks[k].text in _JOINERS:
            comma = comma or toks[k].text == ","
            conjunction = toks[k].text != ","
            k += 1
            continue
        nxt = next((q for q in ctx.quotes if q.open_pos == toks[k].start), None)
        if nxt is None:
            break
        conjunction = False
        k = next((m for m in range(k, len(toks)) if toks[m].start > nxt.close_pos), len(toks))
    if k >= len(toks) or conjunction:
        return None  # "«…» et réclame": a coordinated verb, not an incise
    group = verb_group(toks, k)
    if group is None:
        return None
    end, clitic = group
    ends_sentence = ctx.text[ctx.span.end - 1 : ctx.span.end] in "!?.…"
    if not (comma or ends_sentence or is_speech_verb(toks[k].text, toks[k].lemma)):
        return None
    cue = cue_text(ctx, k, end)
    if clitic is not None:
        if fold(clitic.text).endswith("on") and (place := _on_source(ctx, end)) is not None:
            return Attribution("incise_after", place, cue)  # "affirme-t-on à la présidence"
        if fold(clitic.text).endswith("on") or impersonal(toks, k, end):
            return None  # "pouvait-on lire", "est-il indiqué": the source is elsewhere
        return Attribution("incise_after", clitic_mention(clitic), cue)
    subject = subject_after(ctx, end)
    if subject is None:
        return None
    if not can_speak(subject) and any(t.text[:1].isalnum() for t in toks[: ctx.before()]):
        return None  # "Son roman, «…», raconte la fermeture d'une usine": its object
    return Attribution("incise_after", subject, cue)


def _on_source(ctx: Ctx, end: int) -> Mention | None:
    """ "«…», affirme-t-on à la présidence / dans l'entourage du ministre": after an
    impersonal "on", the institution or circle named by "à"/"au"/"dans"/"chez" speaks."""
    toks = ctx.toks
    if end >= len(toks) or fold(toks[end].text) not in ("a", "au", "aux", "dans", "chez"):
        return None
    a = end + 1  # "au ministère de l'Intérieur" -> "ministère de l'Intérieur"
    b = noun_phrase(toks, a) if a < len(toks) else a
    m = make_mention(ctx.text, toks[a:b]) if b > a and ctx.outside(a) else None
    if m is None:
        return None
    return m if is_organisation(m) or key_words(m.text)[:1] == ["entourage"] else None


def inverted_pronoun(ctx: Ctx) -> Attribution | None:
    """An inverted "a-t-il dit" outside the quotes: «A», a-t-il dit, «B» / X a-t-il dit, «…»."""
    for k, t in enumerate(ctx.toks):
        if not ctx.outside(k):
            continue
        c = subject_clitic(t) or (fold(t.text).rsplit("-", 1)[-1] if "-t-" in t.text else None)
        if c in ("il", "elle", "ils", "elles") and not impersonal(ctx.toks, max(0, k - 2), k + 2):
            verbs = [v for v in ctx.toks[max(0, k - 3) : k + 2] if is_speech_verb(v.text, v.lemma)]
            if verbs:
                return Attribution("inverted_pronoun", make_mention_pronoun(t, c), verbs[-1].text)
    return None


def _has_speech_verb(group: Sequence[Tok]) -> bool:
    return any(is_speech_verb(t.text, t.lemma) for t in group if t.pos != "AUX")


def incise_inside(ctx: Ctx) -> Attribution | None:
    """«Première partie, dit-il, suite»: an incise between commas inside the marks."""
    inner = ctx.inside()
    for k in range(len(inner) - 1):
        if inner[k].text != ",":
            continue
        group = verb_group(inner, k + 1)
        if group is None or not _has_speech_verb(inner[k + 1 : group[0]]):
            continue
        end, clitic = group
        cue = " ".join(ctx.text[inner[k + 1].start : inner[end - 1].end].split())
        if clitic is not None and not fold(clitic.text).endswith("on"):
            return Attribution("incise_inside", clitic_mention(clitic), cue)
        named = _inner_subject(ctx, inner, end) if clitic is None else None
        if named is not None:
            return Attribution("incise_inside", named, cue)
    return None


def _inner_subject(ctx: Ctx, inner: Sequence[Tok], a: int) -> Mention | None:
    """ "«C'est triste, regrette Paul Martin, président du club. Nous…»": the person named
    right after an incise verb inside the marks, when the incise closes (comma, full stop
    or the end of the quote) after the phrase."""
    a = skip_adverbials(inner, a)
    if a >= len(inner) or not (inner[a].text[:1].isupper() or inner[a].pos == "DET"):
        return None
    b = noun_phrase(inner, a)
    stop = next((k for k in range(b, len(inner)) if inner[k].text in ",.;!?…"), len(inner))
    if any(t.pos in ("VERB", "AUX") and t.form == "fin" for t in inner[b:stop]):
        return None  # "…, dit Paul qui a quitté…": a clause, the incise does not close
    m = make_mention(ctx.text, inner[a:b])  # "confie une conductrice bloquée près d'une heure."
    return m if m is not None and (m.person or m.name) else None


def cue_verb_before(ctx: Ctx) -> Attribution | None:
    """X a déclaré : «…» / X juge que «…» / X a appelé à «…»: the speech verb's subject.

    A speech verb with no subject of its own ("Estimant que «…», elle réclame") lends the
    quote to the subject of the sentence.
    """
    for k in range(ctx.before() - 1, -1, -1):
        t = ctx.toks[k]
        if ctx.outside(k) and cue_verb_token(ctx.toks, k):
            m = verb_subject(ctx, k - 1 if light_verb_cue(ctx.toks, k) else k)
            if m is None and t.pos == "VERB":
                found = main_subject_of(ctx, "cue_verb_before")
                m = found.mention if found else None
            if m is not None:
                return Attribution("cue_verb_before", m, t.text, t.start)
    return None


def incise_later(ctx: Ctx) -> Attribution | None:
    """«…», une boisson sucrée, crie l’un d’eux: an inverted speech verb after an apposition."""
    toks = ctx.toks
    for k in range(ctx.after(), len(toks) - 1):
        if toks[k].text != "," or not ctx.outside(k + 1):
            continue
        group = verb_group(toks, k + 1)
        if group is not None and _has_speech_verb(toks[k + 1 : group[0]]):
            found = incise_after(
                Ctx(ctx.text, Span(0, 0, 0, toks[k].start, "", 0), toks, ctx.quotes)
            )
            if found is not None and can_speak(found.mention):  # not "prévoit une hausse"
                return Attribution("incise_later", found.mention, found.cue)
    return None


def passive_agent(ctx: Ctx) -> Attribution | None:
    """une décision jugée «incompréhensible» par X: the agent of a passive speech verb."""
    toks, a, b = ctx.toks, ctx.before(), ctx.after()
    cue = next(
        (
            k
            for k in range(max(0, a - 3), a)
            if toks[k].form == "part" and is_speech_verb(toks[k].text, toks[k].lemma)
        ),
        None,
    )
    if cue is None or b >= len(toks) or fold(toks[b].text) != "par":
        return None
    if any(fold(t.text) in _REFLEXIVE for t in toks[max(0, cue - 3) : cue]):
        return None  # "elle s'est dite «rassurée» par ces propos": the cause, not the speaker
    m = subject_after(ctx, b + 1)
    return Attribution("passive_agent", m, toks[cue].text, toks[cue].start) if m else None


def nearest_cue(ctx: Ctx) -> Attribution | None:
    """Of "selon X" and a cue verb's subject, the one whose cue is nearer the quote.

    «marcher» in "des «gilets» avaient appelé à «marcher» …, selon l’AFP" belongs to the
    callers, not to the news agency that reports the figures.
    """
    by_medium = according_to(ctx)
    if by_medium is not None and by_medium.mention and _witness(by_medium.mention):
        # "Ils scandaient «…», selon un journaliste de l'AFP": the medium or its reporter
        # witnessed the words; the people of the sentence said them
        witness = by_medium.mention

        def speaks(m: Mention | None) -> bool:  # someone of the sentence, not the witness
            return (
                m is not None
                and (m.person or m.pronoun or m.number == "pl")
                and not (m.start <= witness.start < m.end or witness.start <= m.start < witness.end)
            )

        own = cue_verb_before(ctx) or main_subject(ctx)
        if own is not None and speaks(own.mention):
            return own
        verb = _first_main_verb(ctx.toks)  # the parser may leave "Ils scandaient" subjectless
        m = left_subject(ctx, verb) if verb is not None and verb < ctx.before() else None
        if speaks(m):
            return Attribution("main_subject", m, ctx.toks[verb].text, ctx.toks[verb].start)
    by_verb = cue_verb_before(ctx)
    if _within_cue(by_medium, by_verb):
        return by_medium  # "à en croire le maire", "comme l'a dit X": the verb is the cue's
    found = [a for a in (by_medium, by_verb) if a is not None]
    if len(found) < 2:
        return found[0] if found else None
    return min(found, key=lambda a: _distance(ctx, a.cue_at))


def _witness(m: Mention) -> bool:
    """A medium, or a reporter (lexicons/reporter_nouns_fr.txt heads the phrase: "un
    journaliste de l'AFP", "une photographe présente"), cited for what they saw."""
    if is_medium(m.text):
        return True
    head = key_words(m.text)[:1]
    return bool(head) and head[0] in words("reporter_nouns_fr.txt")


def _within_cue(phrase: Attribution | None, verb: Attribution | None) -> bool:
    """Whether the cue verb is a word of the cue phrase ("croire" of "à en croire")."""
    if phrase is None or verb is None or not phrase.cue:
        return False
    return phrase.cue_at <= verb.cue_at < phrase.cue_at + len(phrase.cue)


def _distance(ctx: Ctx, pos: int) -> int:
    if pos < ctx.span.open_pos:
        return ctx.span.open_pos - pos
    return max(0, pos - ctx.span.close_pos)


def sentence_source(ctx: Ctx, one_person: bool = False) -> Attribution | None:
    """Who speaks in a sentence: the subject of its last speech verb, its "selon X", or a
    person or group subject. Used for a quote standing alone after that sentence.
    `one_person`: the quote says "je" (`kinds.speaks_as_one`), so an organisation, a
    group or a plural of that sentence is not its speaker ("Le parti a publié un
    communiqué. «Je ne regrette rien.»")."""
    fits = can_say_i if one_person else (lambda m: True)
    spoken = []
    for k in range(len(ctx.toks) - 1, -1, -1):
        if ctx.outside(k) and cue_verb_token(ctx.toks, k):
            m = verb_subject(ctx, k)
            if m is not None and (m.person or m.name or m.pronoun) and fits(m):
                spoken.append(
                    Attribution("previous_sentence", m, ctx.toks[k].text, ctx.toks[k].start)
                )
    if spoken:  # a name before a pronoun: "…, a fait valoir Marco, …, assure-t-il."
        return min(spoken, key=lambda a: a.mention is not None and a.mention.pronoun)
    found = according_to(ctx) or main_subject_of(ctx, "previous_sentence")
    candidates = [found.mention] if found is not None and found.mention is not None else []
    verb = _first_main_verb(ctx.toks)
    if verb is not None:  # the parser may miss the subject: the phrase before the first verb
        candidates.append(left_subject(ctx, verb))
    for m in candidates:
        named_view = found is not None and found.rule == "according_to" and m is found.mention
        if m is None or not fits(m):
            continue
        if m.person or is_group(m) or (named_view and m.name):
            return Attribution("previous_sentence", m, found.cue if found else None)
    return None


def _first_main_verb(toks: Sequence[Tok]) -> int | None:
    """The first conjugated verb outside a relative clause (", qui avait eu l'idée,")."""
    relative = False
    for k, t in enumerate(toks):
        f = fold(t.text)
        if f in ("qui", "dont") and k > 0 and toks[k - 1].text == ",":
            relative = True
        elif t.text == ",":
            relative = False
        elif not relative and t.pos in ("VERB", "AUX") and conjugated(toks, k):
            return k
    return None


def main_subject(ctx: Ctx) -> Attribution | None:
    """A fragment quoted in the journalist's sentence belongs to the sentence's subject,
    when that subject can speak: "la défiscalisation … vont coûter «10 milliards»" is no
    source, and the quote is left to the sentences around it."""
    found = main_subject_of(ctx, "main_subject")
    return found if found is not None and can_speak(found.mention) else None


Rule = Callable[[Ctx], Attribution | None]


RULES: tuple[Rule, ...] = (
    dash_signature,  # «…» – Marie Dupont: a signature, no verb
    sign_bearers,  # before incise_after: "«…», proclamaient les banderoles des grévistes"
    incise_after,
    inverted_pronoun,
    incise_inside,
    incise_later,
    passive_agent,
    nearest_cue,
    colon_before,
    speech_noun_owner,  # "les appels du gouvernement «à la responsabilité»"
    participle_opener,  # "Disant comprendre la «colère», le président a…"
    main_subject,
)


def attribute_in_sentence(ctx: Ctx) -> Attribution | None:
    """The first rule that finds a source, in `RULES` order."""
    for rule in RULES:
        found = rule(ctx)
        if found is not None and found.mention is not None:
            return found
    return None
