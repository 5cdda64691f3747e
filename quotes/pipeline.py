"""From a document's text to its quotes: the steps, in order, and what each needs.

1. scan (scanner)            text -> quote spans                     no NLP
2. split (sentences)         text, spans -> sentences                no NLP
3. classify (terms)          span, its sentence -> direct/partial/term   no NLP
4. parse (windows, nlp)      sentences holding quotes + 3 before -> tokens
5. attribute (patterns)      tokens of the quote's sentence -> mention, cue
6. context (context)         neighbouring quotes -> speaker of unattributed quotes
7. resolve (resolve)         mention -> speaker (pronoun, fullest name, role alias)

Only sentences near quotes are parsed, long quotes' own words elided (quotes.windows), so
a document without quotation marks costs a regex pass. Steps 1-3 run once per document
(quotes.prepared); a long one goes through steps 4-7 in parts, its memory bounded
(quotes.chunks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from quotes import chunks
from quotes.attribution import cataphora, choice
from quotes.attribution import context as nearby
from quotes.attribution.candidates import Pool, Tally
from quotes.attribution.clauses import conjugated, left_subject, reported_sources
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import speaks_as_one
from quotes.attribution.mention import Mention, make_mention
from quotes.attribution.patterns import attribute_in_sentence, sentence_source
from quotes.attribution.resolve import NAMED, PRONOUN, SOURCE, SUBJECT, Registry
from quotes.attribution.subjects import human_objects, subject_mention
from quotes.attribution.vocative import unless_addressed
from quotes.backends import current_device, get_backend, resolve
from quotes.confidence import quote_probability
from quotes.lang import language_of, split_by_language
from quotes.lexicon import fold
from quotes.model import Document, Quote
from quotes.nlp import Tok, current_model, parse_pieces
from quotes.prepared import Item, Prepared, part_of, prepare
from quotes.repairs import first_name_runs, fronted_participle, imperfect_speech_verbs
from quotes.rows import profiled
from quotes.rows import rows as _rows
from quotes.scanner import Span

# Folded prepositions after which NER's "person" is a place: "à Lormière", "en Bretagne".
_PLACE_PREPOSITIONS = frozenset("a en vers depuis pres dans".split())


def _record_mentions(reg: Registry, k: int, text: str, toks: list[Tok], spans: list[Span]) -> None:
    """Add the sentence's subjects and named people to the registry (antecedent candidates)."""
    ctx = Ctx.sentence(text, toks, spans)
    subjects = [
        subject_mention(ctx, t.i)
        for t in toks
        if (t.dep.startswith("nsubj") or t.dep == "expl:subj") and ctx.outside(t.i)
    ]
    if not any(subjects):  # the parser found none: the phrase before the first verb
        verb = next((t.i for t in toks if t.pos in ("VERB", "AUX") and conjugated(toks, t.i)), None)
        subjects.append(left_subject(ctx, verb) if verb is not None else None)
    for m in subjects:
        if m is not None:
            reg.add(m, reg.resolve(m, k), k, PRONOUN if m.pronoun else SUBJECT)
    for m in reported_sources(ctx) if not spans else []:  # "…, a précisé la RTU à l'AFP."
        reg.add(m, reg.resolve(m, k), k, SOURCE)
    for m in human_objects(ctx):  # "…à une femme à terre. Cette dernière…"
        reg.add_object(m, k)
    i = 0
    while i < len(toks):
        if toks[i].ent == "PER" and ctx.outside(i):
            j = i
            while j < len(toks) and toks[j].ent == "PER":
                j += 1
            m = make_mention(text, toks[i:j])
            # "à Lormière" is a place; "à Paul Roux" (two names) a person
            place = i > 0 and fold(toks[i - 1].text) in _PLACE_PREPOSITIONS and j - i == 1
            if m is not None and m.name and not place:
                reg.add(m, reg.canonical(m.name), k, NAMED)
            i = j
        else:
            i += 1


Progress = Callable[[int, int], None]  # (characters done, characters in the document)


def extract_document(
    doc: Document,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    parse_all: bool = False,
    fast: bool = False,
    attribution: str | None = None,
    weights: str | None = None,
    progress: Progress | None = None,
    chunk_chars: int | None = None,
    lang: str | None = None,
) -> list[Quote]:
    """Return the quotes of one document, in text order.

    `lang`: "fr", "en" or "auto" (None: auto, `quotes.lang.detect` on the text); English
    documents go through `quotes.lang.en.pipeline` (the spaCy English model; `backend` and
    `fast` are French-only; the attribution options apply, with English weights).

    `attribution`: "model" (a learned ranker chooses among the candidate speakers every
    rule and fallback proposes, `weights` a JSON file of `quotes train`, else the shipped
    one) or "rules" (the hand cascade: first rule that fires); default from
    $QUOTES_ATTRIBUTION, else `choice.DEFAULT` (see quotes.attribution.choice).

    `parse_all` parses every sentence instead of the windows around quotes, the way a
    naive pipeline would; it exists so `bench/throughput.py` can show both give the same
    results. `fast` skips the model: tokens are tagged from the lexicons (quotes.fast).

    `min_confidence` drops rows whose `confidence` (quotes.attribution.choice) is lower.

    A document longer than `chunk_chars` (default `quotes.chunks.CHUNK_CHARS`) is
    attributed in parts (quotes.chunks), its memory bounded; `progress` is called after
    each part with the characters done so far.
    """
    if language_of(doc.text, lang) == "en":
        from quotes.lang.en import pipeline as english

        return english.extract_document(
            doc,
            include_terms=include_terms,
            min_confidence=min_confidence,
            progress=progress,
            attribution=attribution,
            weights=weights,
        )
    ranker = choice.ranker_for(attribution, weights)
    choose = choice.chooses(attribution, weights)
    out: list[Quote] = []
    parts, reg = 0, None
    for items, reg, sents, done in _analysed(
        doc.text, backend, parse_all, fast, choose or not fast, chunk_chars
    ):
        choice.apply(items, ranker, choose)
        out.extend(_rows(doc, items, reg, sents, include_terms, min_confidence))
        for it in items:  # the part's candidates and tokens go now, not with the document
            it.pool = it.attribution = None
        parts += 1
        if progress is not None:
            progress(done, len(doc.text))
    if parts > 1 and reg is not None:  # a role or gender mark a later part gave
        return [profiled(q, reg) for q in out]
    return out


def extract_documents(
    docs: Sequence[Document],
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    fast: bool = False,
    attribution: str | None = None,
    weights: str | None = None,
    progress: Callable[[Document, int, int], None] | None = None,
    lang: str | None = None,
) -> list[list[Quote] | Exception]:
    """`extract_document` for several documents, parsing all their windows in one
    `nlp.pipe` call (the model is faster on big batches than on each document's few
    sentences). Returns, per document, its quotes or the exception that stopped it.
    A document too long for one part (quotes.chunks) runs alone, `progress` called with
    it after each of its parts. `lang` as in `extract_document`: each language's
    documents are parsed in their own batch."""
    by_lang = split_by_language([d.text for d in docs], lang)
    if "en" in by_lang:
        from quotes.lang.mixed import by_language

        options = {"backend": backend, "fast": fast, "attribution": attribution, "weights": weights}
        common = {"include_terms": include_terms, "min_confidence": min_confidence}
        return by_language(docs, by_lang, progress, **common, **options)
    options: dict[str, object] = {"include_terms": include_terms, "min_confidence": min_confidence}
    options.update(backend=backend, fast=fast, attribution=attribution, weights=weights)
    ranker = choice.ranker_for(attribution, weights)
    choose = choice.chooses(attribution, weights)
    prepared: list[Prepared | Exception | None] = []
    for doc in docs:
        try:  # None: a long document, prepared and attributed part by part below
            prepared.append(prepare(doc.text, parse_all=False) if not _long(doc) else None)
        except Exception as exc:  # one bad document must not stop the others
            prepared.append(exc)
    ready = [p for p in prepared if isinstance(p, Prepared)]
    pieces = [(p.text, p.sents[k]) for p in ready for k in p.wanted]
    elide = [p.elide.get(k, []) for p in ready for k in p.wanted]
    try:
        parsed = iter(_parse(pieces, backend, fast, elide) if pieces else [])
    except Exception:  # the batch failed: one document at a time, to isolate the bad one
        return [_one(doc, progress, **options) for doc in docs]
    out: list[list[Quote] | Exception] = []
    for doc, p in zip(docs, prepared, strict=True):
        if p is None:
            out.append(_one(doc, progress, **options))
            continue
        if isinstance(p, Exception):
            out.append(p)
            continue
        toks = {k: next(parsed) for k in p.wanted}
        try:
            items, reg, sents = _conclude(p, toks, choose or not fast)
            choice.apply(items, ranker, choose)
            out.append(_rows(doc, items, reg, sents, include_terms, min_confidence))
        except Exception as exc:
            out.append(exc)
    return out


def _long(doc: Document) -> bool:
    return len(doc.text) > chunks.CHUNK_CHARS


def _one(
    doc: Document, progress: Callable[[Document, int, int], None] | None, **options: object
) -> list[Quote] | Exception:
    """`extract_document`, its exception returned instead of raised."""
    each = (lambda done, total: progress(doc, done, total)) if progress is not None else None
    try:
        return extract_document(doc, progress=each, **options)  # type: ignore[arg-type]
    except Exception as exc:
        return exc


def quotes_with_candidates(
    doc: Document, backend: str = "spacy"
) -> list[tuple[Quote, Pool, float]]:
    """The cascade's rows (terms left out) with each quote's candidate speakers and its
    P(real quote): what `quotes train` fits the ranker on, from one parse per document
    (an English document's from quotes.lang.en.pipeline)."""
    if language_of(doc.text, None) == "en":
        from quotes.lang.en.pipeline import quotes_with_candidates as english

        return english(doc)
    out = []
    for items, reg, sents, _ in _analysed(doc.text, backend, pools=True):
        rows = _rows(doc, items, reg, sents, False, 0.0)
        kept = [it for it in items if it.verdict.kind != "term"]
        extra = [(it.pool or Pool(), quote_probability(it.verdict.score)) for it in kept]
        out.extend((row, pool, p) for row, (pool, p) in zip(rows, extra, strict=True))
    return out


def explain(text: str, backend: str = "spacy") -> list[dict[str, object]]:
    """Why each marked span got its verdict: classifier score and features, the rule that
    found the speaker. For debugging a result and for calibrating `quotes.confidence`."""
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
        for items, _, _, _ in _analysed(text, backend)
        for it in items
    ]


Analysed = tuple[list[Item], Registry, list[tuple[int, int]], int]


def _analysed(
    text: str,
    backend: str,
    parse_all: bool = False,
    fast: bool = False,
    pools: bool = False,
    chunk_chars: int | None = None,
) -> Iterator[Analysed]:
    """Run the steps on one text, part by part (quotes.chunks; one part unless the text
    is long): each part's own marked spans, classified and attributed, its registry, the
    sentences, and the characters done; `pools`: also collect each quote's candidate
    speakers for the ranker."""
    p = prepare(text, parse_all)
    reg: Registry | None = None
    for part in chunks.plan(text, p.sents, chunk_chars):
        sub = part_of(p, part) if part.first or part.stop < len(p.sents) else p
        toks: dict[int, list[Tok]] = {}
        if sub.wanted:  # no quote: nothing to parse, the model is never touched
            pieces = [(text, p.sents[k]) for k in sub.wanted]
            parsed = _parse(pieces, backend, fast, [p.elide.get(k, []) for k in sub.wanted])
            toks = dict(zip(sub.wanted, parsed, strict=True))
        items, reg, sents = _conclude(sub, toks, pools, reg)
        done = p.sents[part.stop - 1][1] if part.stop < len(p.sents) else len(text)
        yield [it for it in items if it.sent >= part.first], reg, sents, done


def _analyse(
    text: str, backend: str, parse_all: bool = False, fast: bool = False, pools: bool = False
) -> tuple[list[Item], Registry, list[tuple[int, int]]]:
    """`_analysed` of a text short enough for one part."""
    ((items, reg, sents, _),) = _analysed(text, backend, parse_all, fast, pools)
    return items, reg, sents


def _parse(
    pieces: Sequence[tuple[str, tuple[int, int]]],
    backend: str,
    fast: bool,
    elide: Sequence[Sequence[tuple[int, int]]],
) -> list[list[Tok]]:
    """Step 4: the backend's parse (quotes.backends), or the lexicon tagging of --fast."""
    if fast:
        from quotes.fast import fast_pieces

        return fast_pieces(pieces)
    name = resolve(backend)
    if name == "spacy":
        parsed = parse_pieces(pieces, current_model(), elide)
    else:
        parsed = get_backend(name, current_device()).parse(pieces, elide)
    return [fronted_participle(imperfect_speech_verbs(first_name_runs(toks))) for toks in parsed]


def _conclude(
    p: Prepared,
    parsed: dict[int, list[Tok]],
    pools: bool = False,
    earlier: Registry | None = None,
) -> tuple[list[Item], Registry, list[tuple[int, int]]]:
    """Steps 5-7 on the parsed sentences: attribute every quote, resolve its speaker;
    `earlier`: the registry of the document's previous part (quotes.chunks)."""
    text, sents, quotes = p.text, p.sents, p.quotes
    if not p.items:  # no marks at all: no registry scan of the text either
        return [], earlier or Registry(""), []
    reg = Registry.following(earlier) if earlier is not None else Registry(text)
    # terms are part of the journalist's sentence: only quotes bound the rules' context
    by_sent: dict[int, list[Item]] = {}
    for it in quotes:
        by_sent.setdefault(it.sent, []).append(it)
    spans_in = {k: [it.span for it in by_sent.get(k, [])] for k in p.wanted}

    history: list[tuple[int, str | None, str | None]] = []
    # previous sentences' sources (by sentence, and whether the quote says "je"), for the pools
    memo: dict[tuple[int, bool], Attribution | None] = {}
    tally = Tally()  # the speakers quoted so far, for the pools
    for k in p.wanted:
        toks = parsed[k]
        _record_mentions(reg, k, text, toks, spans_in[k])
        for it in by_sent.get(k, []):
            prev = (parsed[k - 1], spans_in[k - 1]) if k - 1 in parsed else None
            chain = choice.chained(text, by_sent[k], it)
            if pools:
                it.pool = choice.pool(
                    it, text, toks, spans_in[k], sents, reg, history, prev, chain, memo, tally
                )
            _attribute(it, text, toks, spans_in[k], sents, reg, history, prev, chain)
            history.append((k, it.speaker, it.mention))
    cataphora.point_forward(text, quotes, sents)  # «…», confie-t-il. Pierre Dumas, …
    choice.subheadings(text, quotes, sents)
    choice.document_voice(text, quotes, sents)
    if pools:
        choice.mark(quotes)
    return p.items, reg, sents


def _attribute(
    it: Item,
    text: str,
    toks: list[Tok],
    spans: list[Span],
    sents: list[tuple[int, int]],
    reg: Registry,
    history: list[tuple[int, str | None, str | None]],
    prev: tuple[list[Tok], list[Span]] | None,
    chain: Item | None,
) -> None:
    if it.pool is not None:  # the pool ran every rule already: its first is the cascade's
        found = it.pool.first
    else:
        found = attribute_in_sentence(Ctx(text, it.span, toks, spans))
    if found is None and chain is not None and chain.speaker:  # «A», «B», pouvait-on lire
        it.speaker, it.mention, it.rule, it.attribution = (
            chain.speaker,
            chain.mention,
            "chain",
            chain.attribution,
        )
        return
    if found is None and nearby.continues_previous(text, sents[it.sent], it.span.open_pos):
        carried = nearby.carry_previous(it.sent, history)
        if carried is not None:  # "Ou encore : «…»", "Et d'ajouter : «…»"
            it.speaker, it.mention, it.rule = carried[0], None, "carry_previous"
            return
    if found is None and nearby.opens_sentence(text, sents[it.sent], it.span.open_pos):
        carried = nearby.carry_previous(it.sent, history)
        if carried is not None and nearby.is_standalone(
            text, sents[it.sent], it.span.open_pos, it.span.close_pos
        ):
            it.speaker, it.mention, it.rule = carried[0], None, "carry_previous"
            return
        if prev is not None:  # «…» alone after "X a fait valoir que…" or a sentence about X
            alone = speaks_as_one(text[it.span.start : it.span.end])
            found = sentence_source(Ctx.sentence(text, prev[0], prev[1]), alone)
    if found is not None and found.mention is not None:
        m: Mention = found.mention
        it.attribution, it.rule, it.mention = found, found.rule, m.text
        it.speaker = unless_addressed(reg, m, it.sent, text[it.span.start : it.span.end])
        reg.add(m, it.speaker, it.sent, SOURCE)
