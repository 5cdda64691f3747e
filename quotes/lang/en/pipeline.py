"""English documents from text to rows: the French pipeline's steps with English parts.

Shared with French: the scanner, the sentence splitter, the parse windows and elision
(quotes.windows), the batched parse (quotes.nlp), the output rows (quotes.rows). English:
the span classifier (quotes.lang.en.terms), the attribution rules (quotes.lang.en.rules),
who a mention stands for (quotes.lang.en.people), and the spaCy model
(quotes.lang.en.model).

Context, for a quote no rule of its own sentence attributes (the gold's most common
case after "said": a quote standing alone after its speaker's sentence):
- previous_sentence: the sentence before reports someone speaking, without quoting
  ("Roe said the plan would fail."): that source;
- carry_previous: else the speaker of the latest quote of the last few sentences
  ("…," Roe said. "…").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

import regex

from quotes.attribution.ctx import Attribution
from quotes.chunks import CHUNK_CHARS
from quotes.lang.en.confidence import confidence
from quotes.lang.en.model import english_model
from quotes.lang.en.people import People, first_name_gender, pronouns, split_title, titles
from quotes.lang.en.rules import Found, Sentence, attribute, mention_range, speech_subject
from quotes.lang.en.terms import classify, speech_word
from quotes.lexicon import fold, words
from quotes.model import Document, Quote
from quotes.nlp import Tok, parse_pieces
from quotes.prepared import Item, Prepared, prepare
from quotes.rows import rows
from quotes.scanner import Span

_PART_SENTENCES = 2000  # sentences of a long document parsed at a time
_CARRY_SENTENCES = 4  # a standalone quote continues a quote at most this many sentences back
_INNER_INCISE = regex.compile(r"[,;]\s+(?:\S+\s+){0,2}?(\p{Ll}+)\b")
_FIRST_PERSON = frozenset("i we me us".split())
_NOT_NAMES = ("CCONJ", "ADV", "PUNCT", "SCONJ", "INTJ")
_OPENERS = frozenset("but and so then yet also still now meanwhile however".split())
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}


def elidable(text: str, span: Span) -> bool:
    """The parser may see a long quote's words as one placeholder unless an incise is
    inside the marks ("We will go, she said, and soon.")."""
    inner = text[span.start : span.end]
    if len(inner.split()) < 8:
        return False
    return not any(speech_word(m.group(1)) for m in _INNER_INCISE.finditer(inner))


def extract_document(
    doc: Document,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    progress: Callable[[int, int], None] | None = None,
) -> list[Quote]:
    """The quotes of one English document, in text order (see quotes.pipeline)."""
    (out,) = extract_documents([doc], include_terms=include_terms, min_confidence=min_confidence)
    if isinstance(out, Exception):
        raise out
    if progress is not None:
        progress(len(doc.text), len(doc.text))
    return out


def extract_documents(
    docs: Sequence[Document], *, include_terms: bool = False, min_confidence: float = 0.0
) -> list[list[Quote] | Exception]:
    """Per document its quotes, or the exception that stopped it; the documents' windows
    parsed in one batch, a long document's (over `quotes.chunks.CHUNK_CHARS`) alone and
    in parts of `_PART_SENTENCES` sentences, so its memory stays bounded."""
    model = english_model()  # a missing model stops the run with its install message
    prepared: list[Prepared | Exception] = []
    for doc in docs:
        try:
            prepared.append(prepare(doc.text, False, classify, elidable, speech_word))
        except Exception as exc:  # one bad document must not stop the others
            prepared.append(exc)
    short = [p for p in prepared if isinstance(p, Prepared) and len(p.text) <= CHUNK_CHARS]
    try:
        parsed = iter(_parse(model, short, [k for p in short for k in p.wanted]))
    except Exception:  # the batch failed: one document at a time, to isolate the bad one
        if len(docs) == 1:
            raise
        return [_alone(doc, include_terms, min_confidence) for doc in docs]
    out: list[list[Quote] | Exception] = []
    for doc, p in zip(docs, prepared, strict=True):
        if isinstance(p, Exception):
            out.append(p)
            continue
        try:
            if len(p.text) <= CHUNK_CHARS:
                sentences = [(k, next(parsed)) for k in p.wanted]
            else:
                sentences = _in_parts(model, p)
            people = attribute_all(p, sentences)
            found = rows(doc, p.items, people, p.sents, include_terms, min_confidence, confidence)
            out.append([replace(q, lang="en") for q in found])
        except Exception as exc:
            out.append(exc)
    return out


def _parse(model: str, docs: Sequence[Prepared], wanted: Sequence[int]) -> list[list[Tok]]:
    """The parse of `wanted` sentences of `docs` (in order, each document's in turn)."""
    pieces = [(p.text, p.sents[k]) for p in docs for k in p.wanted]
    elide = [p.elide.get(k, []) for p in docs for k in p.wanted]
    return parse_pieces(pieces, model, elide) if pieces else []


def _in_parts(model: str, p: Prepared) -> Iterator[tuple[int, list[Tok]]]:
    """A long document's wanted sentences, parsed `_PART_SENTENCES` at a time."""
    for a in range(0, len(p.wanted), _PART_SENTENCES):
        part = p.wanted[a : a + _PART_SENTENCES]
        pieces = [(p.text, p.sents[k]) for k in part]
        parsed = parse_pieces(pieces, model, [p.elide.get(k, []) for k in part])
        yield from zip(part, parsed, strict=True)


def _alone(doc: Document, include_terms: bool, min_confidence: float) -> list[Quote] | Exception:
    try:
        return extract_document(doc, include_terms=include_terms, min_confidence=min_confidence)
    except Exception as exc:
        return exc


def explain(text: str) -> list[dict[str, object]]:
    """Each marked span's verdict, features, rule and speaker (as quotes.pipeline.explain)."""
    p = prepare(text, False, classify, elidable, speech_word)
    attribute_all(p, _in_parts(english_model(), p))
    return [
        {
            "start": it.span.start,
            "end": it.span.end,
            "quote": text[it.span.start : it.span.end],
            "kind": it.verdict.kind,
            "score": it.verdict.score,
            "features": list(it.verdict.features),
            "rule": it.rule,
            "speaker": it.speaker,
        }
        for it in p.items
    ]


_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def _entities(toks: list[Tok]) -> list[Tok]:
    """The English model's entity labels as the French model's (PER, ORG, LOC, MISC)."""
    return [replace(t, ent=_LABELS.get(t.ent, "MISC" if t.ent else "")) for t in toks]


def attribute_all(p: Prepared, parsed: Iterable[tuple[int, list[Tok]]]) -> People:
    """Attribute every quote of `p` in text order from its parsed sentences, (index,
    tokens) in order: only the previous sentence is kept, so a long text's tokens never
    all stay in memory. Returns who the document names."""
    people = People(p.text)
    by_sent: dict[int, list[Item]] = {}
    for it in p.quotes:
        by_sent.setdefault(it.sent, []).append(it)
    last: tuple[int, str] | None = None  # (sentence, speaker) of the latest attributed quote
    previous: tuple[int, list[Tok]] | None = None
    for k, raw in parsed:
        toks = _entities(raw)
        s = Sentence(p.text, toks, [it.span for it in by_sent.get(k, [])])
        _record(people, s)
        before = previous[1] if previous is not None and previous[0] == k - 1 else None
        for it in by_sent.get(k, []):
            found = attribute(s, it.span)
            if found is not None:
                _settle(it, people, s, found)
            elif _stands_alone(s, it.span):
                _from_context(it, people, p, before, last)
            if it.speaker:
                last = (k, it.speaker)
        previous = (k, toks)
    return people


def _stands_alone(s: Sentence, q: Span) -> bool:
    """Whether the quote opens its sentence (nothing of the journalist's before it)."""
    return all(t.pos == "PUNCT" or t.start >= q.open_pos for t in s.toks)


def _from_context(
    it: Item,
    people: People,
    p: Prepared,
    before: list[Tok] | None,
    last: tuple[int, str] | None,
) -> None:
    """A quote standing alone: the source the sentence before (`before`, its tokens)
    reports when it quotes nobody itself, else the latest quote's speaker a few sentences
    back."""
    k = it.sent
    if before is not None and not any(x.sent == k - 1 for x in p.quotes):
        found = speech_subject(Sentence(p.text, before, []))
        if found is not None:
            _settle(it, people, Sentence(p.text, before, []), found)
            if it.speaker:
                return
    if last is not None and _sentences_between(p, last[0], k) < _CARRY_SENTENCES:
        it.speaker, it.rule, it.mention = last[1], "carry_previous", None
        it.attribution = Attribution("carry_previous", None, None)


def _sentences_between(p: Prepared, a: int, b: int) -> int:
    """Sentences with words between sentences `a` and `b` (a lone "." line is none)."""
    return sum(1 for k in range(a + 1, b) if regex.search(r"\p{L}", p.text[slice(*p.sents[k])]))


def _settle(it: Item, people: People, s: Sentence, found: Found) -> None:
    """The item's speaker from the mention a rule found."""
    toks = s.toks[found.first : found.last + 1]
    while len(toks) > 1 and (toks[0].pos in _NOT_NAMES or fold(toks[0].text) in _OPENERS):
        toks = toks[1:]
    text = s.text[toks[0].start : toks[-1].end]
    it.mention, it.rule = text, found.rule
    it.attribution = Attribution(found.rule, None, found.cue)
    it.speaker = speaker_of(people, toks, toks[0].start)


def speaker_of(people: People, toks: Sequence[Tok], at: int) -> str | None:
    """Who the mention `toks` stands for: a pronoun's antecedent, a name's fullest form
    (the words before the name, "union president" in "union president Jane Roe", its
    role), an organisation or a description as written."""
    while len(toks) > 1 and (toks[0].pos in _NOT_NAMES or fold(toks[0].text) in _OPENERS):
        toks = toks[1:]  # "But Roe", "So Roe"
    author = _author(toks)
    if author is not None:
        return speaker_of(people, author, at)
    first = fold(toks[0].text)
    if len(toks) == 1 and first in _FIRST_PERSON:
        return None
    if len(toks) == 1 and (first in pronouns() or first in _POSSESSIVES):
        return people.pronoun(_POSSESSIVES.get(first, first), at)
    run = _name_run(toks)
    phrase = people.text[toks[0].start : toks[-1].end]
    head = _head(toks)
    org = head.ent == "ORG" or fold(head.lemma) in words("organisations_en.txt")
    known = run and people.fullest(" ".join(t.text for t in run)) != " ".join(t.text for t in run)
    named = bool(run) and head.i in {t.i for t in run}  # the name heads the phrase
    org = org or (named and organisation_like(run))
    if run and ((named and not org) or known):
        role = [t.text for t in toks[: toks.index(run[0])] if t.pos not in ("DET", "PUNCT")]
        title, _ = split_title([t.text for t in run])
        name = people.name([t.text for t in run], at)
        if role and fold(role[-1]) not in ("'s", "’s"):  # "union president Jane Roe"
            people.roles[name] = " ".join(role + title)
        return name
    if org and fold(toks[0].text) == "the" and not any(t.pos == "PROPN" for t in toks):
        return people.organisation(phrase, at)
    if org:
        return people.thing(phrase, at, "org")
    return people.described(phrase, [fold(t.lemma) for t in toks if t.pos == "NOUN"], at)


def _first_and_last(run: Sequence[Tok]) -> bool:
    """A known first name and one or two more capitalised words, none an organisation's."""
    return (
        2 <= len(run) <= 3
        and first_name_gender(run[0].text) is not None
        and all(t.pos == "PROPN" for t in run)
        and not organisation_like(run)
    )


def _titles_only(run: Sequence[Tok]) -> bool:
    return all(fold(t.text) in titles() for t in run)


def _head(toks: Sequence[Tok]) -> Tok:
    """The head word of an English noun phrase: its last noun before any preposition
    ("the police chief" -> chief, "a spokesperson for the city" -> spokesperson)."""
    cut = next((k for k, t in enumerate(toks) if t.pos == "ADP"), len(toks))
    nouns = [t for t in toks[:cut] if t.pos in ("PROPN", "NOUN", "PRON")]
    return nouns[-1] if nouns else toks[0]


def organisation_like(run: Sequence[Tok]) -> bool:
    """Whether a capitalised run names an organisation or a place, not a person: it ends
    with an organisation noun ("Dixon Hall", "Oak Ridge School") or an acronym ("Burnaby
    RCMP"; an acronym before a name, "RCMP Chief Jane Roe", is hers)."""
    last = run[-1].text
    acronym = len(last) >= 2 and last.isupper() and last.isalpha()
    return acronym or fold(last) in words("organisations_en.txt")


def _author(toks: Sequence[Tok]) -> Sequence[Tok] | None:
    """The words for who wrote a message: "a statement from the EU" -> "the EU", "her
    email" -> "her", "the RCMP statement" -> "the RCMP"; None for any other mention."""
    nouns = words("speech_nouns_en.txt")
    k = next((j for j, t in enumerate(toks) if fold(t.lemma) in nouns), None)
    if k is None:
        return None
    after = next((j for j in range(k + 1, len(toks)) if fold(toks[j].text) in ("from", "by")), None)
    if after is not None and after + 1 < len(toks):
        return toks[after + 1 :]
    before = [t for t in toks[:k] if t.pos not in ("DET", "ADJ", "NUM")]
    if before and fold(before[0].text) in _POSSESSIVES:
        return [replace(before[0], text=_POSSESSIVES[fold(before[0].text)])]
    return toks[:k] if any(t.pos == "PROPN" for t in toks[:k]) else None


def _name_run(toks: Sequence[Tok]) -> list[Tok]:
    """The last run of capitalised names in a mention, titles included ("Dr. Jane Roe"
    of "the clinic's Dr. Jane Roe"); empty when the mention holds no name."""
    run: list[Tok] = []
    for t in toks:
        if t.pos == "ADP":  # "the director … for EHS": a name after a preposition is not his
            break
        name = t.ent == "PER" or (t.pos == "PROPN" and t.text[:1].isupper())
        if name and (not run or run[-1].i == t.i - 1):
            run.append(t)
        elif name:
            run = [t]
        elif run and t.text not in (".",):
            run = [] if t.pos not in ("PART",) else run
    if run and run[-1].i != toks[-1].i and toks[-1].pos in ("PROPN", "NOUN"):
        return []  # "the Smith family": the name modifies a noun
    return run


def _relabel(people: People, run: Sequence[Tok], label: str) -> str:
    """The small model's entity label of a run, mended: PER, ORG or "" (nobody)."""
    name = " ".join(t.text for t in run)
    if label == "ORG" and len(run) == 1 and people.fullest(name) != name:
        return "PER"  # "Lonechild said", the NER's organisation, is "Darian Lonechild"
    if label == "ORG" and _first_and_last(run):
        return "PER"  # "Nadia Lund runs…": a first name and a surname is a person
    if label == "PER" and organisation_like(run):
        return "ORG"  # "Dixon Hall", "Burnaby RCMP": the NER's person is a place
    if label == "PER" and _titles_only(run):
        return ""
    return label


def _record(people: People, s: Sentence) -> None:
    """Note the people and organisations a sentence names (antecedents of later pronouns
    and descriptions) and the role the text gives a person, in apposition ("Jane Roe, a
    spokesperson for the city, …") or before the name ("rookie defenceman Jane Roe")."""
    toks = s.toks
    for t in toks:  # "Roe said she was hopeful": a capitalised subject the NER missed
        if t.dep in ("nsubj", "nsubjpass") and t.pos == "PROPN" and not t.ent and s.outside(t.i):
            lo, hi = mention_range(s, t.i)
            run = _name_run(toks[lo : hi + 1])
            if run and not organisation_like(run) and not _titles_only(run):
                people.name([r.text for r in run], run[0].start, True)
    i = 0
    while i < len(toks):
        label = toks[i].ent
        if label not in ("PER", "ORG") or not s.outside(i):
            i += 1
            continue
        j = i
        while j < len(toks) and toks[j].ent == label:
            j += 1
        label = _relabel(people, toks[i:j], label)
        if not label:  # "Director", "Premier": a title alone names nobody yet
            i = j
            continue
        if label == "ORG":
            people.thing(s.text[toks[i].start : toks[j - 1].end], toks[i].start, "org", False)
            i = j
            continue
        subject = toks[j - 1].dep in ("nsubj", "nsubjpass")
        full = people.name([t.text for t in toks[i:j]], toks[i].start, subject)
        pair = [c for c in s.children.get(j - 1, []) if toks[c].dep == "conj" and toks[c].ent]
        if subject and pair and toks[pair[0]].ent == "PER":  # "Ann Roe and Tom Lee said"
            lo, hi = mention_range(s, pair[0])
            other = people.name([t.text for t in toks[lo : hi + 1]], toks[lo].start, False)
            people.thing(f"{full} and {other}", toks[hi].end, "group")
        kids = s.children.get(j - 1, [])
        appos = next((c for c in kids if toks[c].dep == "appos" and c > j), None)
        if appos is not None:
            lo, hi = mention_range(s, appos)
            people.roles.setdefault(full, s.text[toks[lo].start : toks[hi].end])
        before = [c for c in kids if c < i and toks[c].pos in ("NOUN", "ADJ", "PROPN")]
        if before and toks[before[-1]].pos == "NOUN":
            a = min(before)
            people.roles.setdefault(full, s.text[toks[a].start : toks[i - 1].end])
        i = j
