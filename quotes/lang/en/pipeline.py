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

from quotes.attribution import choice
from quotes.attribution.candidates import Pool
from quotes.attribution.ctx import Attribution
from quotes.attribution.proposals import mark_cascade
from quotes.chunks import CHUNK_CHARS
from quotes.lang.en import candidates, repairs
from quotes.lang.en.confidence import confidence, quote_probability
from quotes.lang.en.mentions import record, speaker_of, trim
from quotes.lang.en.model import english_model
from quotes.lang.en.people import People
from quotes.lang.en.rules import Found, Sentence, attribute
from quotes.lang.en.standalone import introduced, speech_subject
from quotes.lang.en.terms import classify, speech_word
from quotes.model import Document, Quote
from quotes.nlp import Tok, parse_pieces
from quotes.prepared import Item, Prepared, prepare
from quotes.rows import rows
from quotes.scanner import Span

_PART_SENTENCES = 2000  # sentences of a long document parsed at a time
# sentences parsed before each quote, for the people it may refer back to: English
# features tell a story for several sentences between two quotes ("Roe knew the ward
# well. … "…," she said."), and a person left unparsed is no antecedent
_CONTEXT_SENTENCES = 8
_CARRY_SENTENCES = 4  # a standalone quote continues a quote at most this many sentences back
_INNER_INCISE = regex.compile(r"[,;]\s+(?:\S+\s+){0,2}?(\p{Ll}+)\b")


def _prepare(text: str) -> Prepared:
    """Scan, split and classify an English text, with its sentences to parse: each
    quote's and the `_CONTEXT_SENTENCES` before it."""
    return prepare(text, False, classify, elidable, speech_word, _CONTEXT_SENTENCES)


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
    attribution: str | None = None,
    weights: str | None = None,
) -> list[Quote]:
    """The quotes of one English document, in text order (see quotes.pipeline)."""
    options = {"attribution": attribution, "weights": weights}
    (out,) = extract_documents(
        [doc], include_terms=include_terms, min_confidence=min_confidence, **options
    )
    if isinstance(out, Exception):
        raise out
    if progress is not None:
        progress(len(doc.text), len(doc.text))
    return out


def extract_documents(
    docs: Sequence[Document],
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    attribution: str | None = None,
    weights: str | None = None,
) -> list[list[Quote] | Exception]:
    """Per document its quotes, or the exception that stopped it; the documents' windows
    parsed in one batch, a long document's (over `quotes.chunks.CHUNK_CHARS`) alone and
    in parts of `_PART_SENTENCES` sentences, so its memory stays bounded.

    `attribution`, `weights` as in quotes.pipeline: in "model" mode the ranker fitted on
    English gold (`weights` if fitted on English, else quotes/data/attribution_en.json)
    chooses among each quote's candidates and gives its confidence; in "rules" mode (the
    default) the rules choose and the confidence is quotes.lang.en.confidence's."""
    model = english_model()  # a missing model stops the run with its install message
    ranker = choice.ranker_for(attribution, weights, "en")
    ranker = ranker if choice.chooses(attribution, weights) else None
    prepared: list[Prepared | Exception] = []
    for doc in docs:
        try:
            prepared.append(_prepare(doc.text))
        except Exception as exc:  # one bad document must not stop the others
            prepared.append(exc)
    short = [p for p in prepared if isinstance(p, Prepared) and len(p.text) <= CHUNK_CHARS]
    try:
        parsed = iter(_parse(model, short, [k for p in short for k in p.wanted]))
    except Exception:  # the batch failed: one document at a time, to isolate the bad one
        if len(docs) == 1:
            raise
        options = {"attribution": attribution, "weights": weights}
        return [_alone(doc, include_terms, min_confidence, **options) for doc in docs]
    out: list[list[Quote] | Exception] = []
    for doc, p in zip(docs, prepared, strict=True):
        if isinstance(p, Exception):
            out.append(p)
            continue
        try:
            if len(p.text) <= CHUNK_CHARS:
                sentences = [(k, next(parsed)) for k in p.wanted]
            else:
                sentences = in_parts(model, p)
            people = attribute_all(p, sentences, pools=ranker is not None)
            choice.apply(p.quotes, ranker, True, quote_probability)
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


def quotes_with_candidates(doc: Document) -> list[tuple[Quote, Pool, float]]:
    """The cascade's rows (terms left out) with each quote's candidates and P(real
    quote): what `quotes train` fits English weights on."""
    p = _prepare(doc.text)
    people = attribute_all(p, in_parts(english_model(), p), pools=True)
    found = rows(doc, p.items, people, p.sents, False, 0.0, confidence)
    kept = [it for it in p.items if it.verdict.kind != "term"]
    extra = [(it.pool or Pool(), quote_probability(it.verdict.score)) for it in kept]
    return [
        (replace(q, lang="en"), pool, prob) for q, (pool, prob) in zip(found, extra, strict=True)
    ]


def in_parts(model: str, p: Prepared) -> Iterator[tuple[int, list[Tok]]]:
    """A long document's wanted sentences, parsed `_PART_SENTENCES` at a time."""
    for a in range(0, len(p.wanted), _PART_SENTENCES):
        part = p.wanted[a : a + _PART_SENTENCES]
        pieces = [(p.text, p.sents[k]) for k in part]
        parsed = parse_pieces(pieces, model, [p.elide.get(k, []) for k in part])
        yield from zip(part, parsed, strict=True)


def _alone(
    doc: Document, include_terms: bool, min_confidence: float, **options: str | None
) -> list[Quote] | Exception:
    try:
        return extract_document(
            doc, include_terms=include_terms, min_confidence=min_confidence, **options
        )
    except Exception as exc:
        return exc


def explain(text: str) -> list[dict[str, object]]:
    """Each marked span's verdict, features, rule and speaker (as quotes.pipeline.explain)."""
    p = _prepare(text)
    attribute_all(p, in_parts(english_model(), p))
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


def attribute_all(
    p: Prepared, parsed: Iterable[tuple[int, list[Tok]]], pools: bool = False
) -> People:
    """Attribute every quote of `p` in text order from its parsed sentences, (index,
    tokens) in order: only the previous sentence is kept, so a long text's tokens never
    all stay in memory; `pools`: also gather each quote's candidate speakers for the
    ranker (quotes.lang.en.candidates). Returns who the document names."""
    people = People(p.text)
    by_sent: dict[int, list[Item]] = {}
    for it in p.quotes:
        by_sent.setdefault(it.sent, []).append(it)
    last: tuple[int, str] | None = None  # (sentence, speaker) of the latest attributed quote
    previous: tuple[int, list[Tok]] | None = None
    counts: dict[tuple[str, ...], int] = {}
    for k, raw in parsed:
        toks = repairs.mend(people, _entities(raw))
        s = Sentence(p.text, toks, [it.span for it in by_sent.get(k, [])])
        record(people, s)
        # the sentence before, over lone "." lines (some feeds put one between paragraphs)
        near = previous is not None and _sentences_between(p, previous[0], k) == 0
        before = previous if near else None
        for it in by_sent.get(k, []):
            if pools:
                prior = Sentence(p.text, before[1], []) if before is not None else None
                gap = _sentences_between(p, last[0], k) if last is not None else 0
                it.pool = candidates.pool_of(it, s, people, speaker_of, prior, last, gap, counts)
            found = attribute(s, it.span)
            if found is not None:
                _settle(it, people, s, found)
            elif _stands_alone(s, it.span):
                _from_context(it, people, p, before, last)
            if it.pool is not None:
                mark_cascade(it.pool, it.speaker, None, it.rule)
            candidates.count(counts, it.speaker)
            if it.speaker:
                last = (k, it.speaker)
        if any(regex.search(r"\p{L}", t.text) for t in toks):
            previous = (k, toks)
    return people


def _stands_alone(s: Sentence, q: Span) -> bool:
    """Whether the quote opens its sentence (nothing of the journalist's before it)."""
    return all(t.pos == "PUNCT" or t.start >= q.open_pos for t in s.toks)


def _from_context(
    it: Item,
    people: People,
    p: Prepared,
    before: tuple[int, list[Tok]] | None,
    last: tuple[int, str] | None,
) -> None:
    """A quote standing alone: the source the sentence before (`before`, its index and
    tokens) reports when it quotes nobody itself, else the latest quote's speaker a few
    sentences back."""
    k = it.sent
    if before is not None and not any(x.sent == before[0] for x in p.quotes):
        prior = Sentence(p.text, before[1], [])
        found = speech_subject(prior)
        if found is not None:
            _settle(it, people, prior, found)
            if it.speaker:
                return
        found = introduced(prior)
        if found is not None:
            toks = prior.toks[found.first : found.last + 1]
            with people.dry():
                who = speaker_of(people, toks, toks[0].start)
            if who and (last is None or who != last[1]):
                _settle(it, people, prior, found)
                return
    if last is not None and _sentences_between(p, last[0], k) < _CARRY_SENTENCES:
        it.speaker, it.rule, it.mention = last[1], "carry_previous", None
        it.attribution = Attribution("carry_previous", None, None)


def _sentences_between(p: Prepared, a: int, b: int) -> int:
    """Sentences with words between sentences `a` and `b` (a lone "." line is none)."""
    return sum(1 for k in range(a + 1, b) if regex.search(r"\p{L}", p.text[slice(*p.sents[k])]))


def _settle(it: Item, people: People, s: Sentence, found: Found) -> None:
    """The item's speaker from the mention a rule found."""
    toks = trim(s.toks[found.first : found.last + 1])
    text = s.text[toks[0].start : toks[-1].end]
    it.mention, it.rule = text, found.rule
    it.attribution = Attribution(found.rule, None, found.cue)
    it.speaker = speaker_of(people, toks, toks[0].start)
