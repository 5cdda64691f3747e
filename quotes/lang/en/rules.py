"""English attribution rules: the phrase that says a quote, from its sentence's parse.

Each rule is a small function (sentence, quote span) -> Found or None, tried in `RULES`
order; the first that fires wins. They read the dependency tree of spaCy's English
model (ClearNLP labels: nsubj, nsubjpass, appos, compound, pobj, agent) and, where the
tree is often wrong, the word order:

| rule | pattern | speaker |
|---|---|---|
| incise_after | "…," said Jane Roe / "…," she says / "…," Roe told CBC News | the verb's subject |
| according_to | "…," according to Jane Roe / According to the report, "…" | the object of "to" |
| cue_verb_before | Roe said: "…" / Roe told reporters that "…" | the verb's subject |
| main_subject | Roe called the plan "a disaster" | the subject of a speech verb of the sentence |

The medium in "told CBC News" is the verb's object, never its subject, so it is never
taken; "according to CBC News" does name the source.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotes.lang.en.people import titles
from quotes.lang.en.terms import speech_lemmas, speech_word
from quotes.lang.en.titled import name_in_title
from quotes.lexicon import fold, words
from quotes.nlp import Tok
from quotes.scanner import Span

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_NP_KEEP = (
    "compound",
    "det",
    "amod",
    "poss",
    "flat",
    "nn",
    "nmod",
    "case",
    "nummod",
    "prep",
    "pobj",
    "punct",
)
_PHRASE = ("DET", "ADJ", "PROPN", "NOUN", "ADP", "NUM", "PART")
_NP_RIGHT = ("compound", "flat", "prep", "pobj", "nn", "amod")  # "a source close to the talks"
_RELATIVE = frozenset("which that who whom what".split())  # "…, which was called "…""
_HYPHENS = frozenset("-‐–")
_INCISE_REACH = 10  # outside words after a quote in which its incise verb must come


@dataclass(frozen=True)
class Found:
    """A rule's result: the words naming the source (token range) and the cue verb."""

    rule: str
    first: int  # token indexes of the mention, inclusive
    last: int
    cue: str | None


@dataclass(frozen=True)
class Sentence:
    """One parsed sentence and the quote spans in it."""

    text: str
    toks: Sequence[Tok]
    spans: Sequence[Span]

    def outside(self, i: int) -> bool:
        """Whether token `i` is the journalist's word (in no quote, marks included)."""
        t = self.toks[i]
        return not any(s.open_pos <= t.start <= s.close_pos for s in self.spans)

    @functools.cached_property
    def children(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for t in self.toks:
            if t.head != t.i:
                out.setdefault(t.head, []).append(t.i)
        return out


def is_speech(t: Tok) -> bool:
    """A speech verb form: its lemma in the lexicon, or its form recognised as one."""
    if t.pos not in ("VERB", "AUX") and t.text.lower() not in ("said", "says", "told"):
        return False  # the tagger takes "said" for a noun or a name now and then
    return t.lemma in speech_lemmas() or speech_word(t.text)


def mention_range(s: Sentence, head: int) -> tuple[int, int]:
    """The token range of the noun phrase headed by `head`: its left modifiers and names,
    cut at the first comma or apposition ("Jane Roe, a spokesperson for …" -> "Jane Roe")."""
    toks = s.toks
    lo = hi = head
    for c in s.children.get(head, []):
        if c < head and toks[c].dep in _NP_KEEP and toks[c].dep != "punct":
            lo = min(lo, _leftmost(s, c))
    message = fold(toks[head].lemma) in words("speech_nouns_en.txt")
    for c in sorted(s.children.get(head, [])):
        right = ("compound", "flat", "nn") if toks[head].pos == "PROPN" else _NP_RIGHT
        right = (*right, "acl") if message else right  # "a statement released by the …"
        of_name = (  # "the Chamber of Commerce": a proper name goes on after "of"
            toks[head].pos == "PROPN" and fold(toks[c].text) == "of" and _capitalised_object(s, c)
        )
        if c > head and (toks[c].dep in right or of_name):
            if any(toks[k].text in ",;:(" or not s.outside(k) for k in range(hi + 1, c + 1)):
                break
            hi = max(hi, _rightmost(s, c))
    while lo < head and (toks[lo].pos == "PUNCT" or not s.outside(lo)):
        lo += 1
    for k in range(lo, hi + 1):  # cut at a comma inside
        if k > head and (toks[k].text in ",;:(" or not s.outside(k)):
            hi = k - 1
            break
    while hi > head and toks[hi].pos == "PUNCT":
        hi -= 1
    return _hyphenated(toks, lo, hi)


def _hyphenated(toks: Sequence[Tok], lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi] widened over words joined to it by a hyphen with no space: the parser
    may give "Wilson-Roe" two heads, and the mention is the name as written."""

    def attached(a: int, b: int) -> bool:  # tokens a, b written as one word
        return toks[a].end == toks[b].start

    while lo >= 2 and toks[lo - 1].text in _HYPHENS and attached(lo - 1, lo):
        if not attached(lo - 2, lo - 1):
            break
        lo -= 2
    while hi + 2 < len(toks) and toks[hi + 1].text in _HYPHENS and attached(hi, hi + 1):
        if not attached(hi + 1, hi + 2):
            break
        hi += 2
    return lo, hi


def _capitalised_object(s: Sentence, prep: int) -> bool:
    objs = [c for c in s.children.get(prep, []) if s.toks[c].dep == "pobj"]
    return bool(objs) and s.toks[objs[0]].pos == "PROPN" and s.toks[objs[0]].text[:1].isupper()


def _leftmost(s: Sentence, i: int) -> int:
    kids = s.children.get(i, [])
    return min([i, *(_leftmost(s, c) for c in kids if c < i)])


def _rightmost(s: Sentence, i: int) -> int:
    kids = s.children.get(i, [])
    return max([i, *(_rightmost(s, c) for c in kids if c > i)])


def subject_of(s: Sentence, verb: int) -> int | None:
    """The subject head of `verb`, climbing to the verb it depends on when it has none
    ("…," she said, adding "…" -> "she"); outside quotes only."""
    seen = set()
    v = verb
    while v not in seen:
        seen.add(v)
        subjects = [
            c
            for c in s.children.get(v, [])
            if s.toks[c].dep in _SUBJECTS and s.outside(c) and s.toks[c].pos != "PUNCT"
        ]
        if subjects:  # of two ("Roe's lawyer Tom Lee said", mis-parsed), the one nearest
            c = max(subjects, key=lambda c: (c < v, c if c < v else -c))
            return None if fold(s.toks[c].text) in _RELATIVE else c
        t = s.toks[v]
        if t.head == v or t.dep not in ("xcomp", "advcl", "conj", "ccomp", "parataxis"):
            return None
        v = t.head
    return None


def _nominal(t: Tok) -> bool:
    return t.pos in ("PROPN", "NOUN", "PRON") and fold(t.text) not in ("that", "which", "who")


def _by_order(s: Sentence, verb: int, lo: int, hi: int) -> int | None:
    """Where the parser gave no subject: the noun right after the verb when the verb
    opens [lo, hi) ("…," said Roe), else the noun right before it ("Roe said"). Why only
    then after: after any other verb the noun is its object ("to confirm the death")."""
    toks = s.toks
    k = verb + 1
    while verb == lo and k < hi and toks[k].pos in ("DET", "ADJ", "PROPN", "NOUN", "PRON"):
        if not _nominal(toks[k]) or (k + 1 < hi and toks[k + 1].pos in ("PROPN", "NOUN")):
            k += 1
            continue
        return k
    k = verb - 1
    while k >= lo and toks[k].pos in ("AUX", "ADV", "PART"):
        k -= 1
    if k < lo or not _nominal(toks[k]) or not s.outside(k):
        return None
    j = k  # "Jane Roe with the city agency said": the name opening the phrase
    while j - 1 >= lo and s.outside(j - 1) and toks[j - 1].pos in _PHRASE:
        j -= 1
    names = [m for m in range(j, k + 1) if toks[m].ent == "PER"]
    if names:
        m = names[0]
        while m + 1 <= k and toks[m + 1].ent == "PER":
            m += 1
        return m
    return k


def found_at(s: Sentence, rule: str, verb: int, head: int | None) -> Found | None:
    """What rule `rule` found: the noun phrase headed by `head` (the name in apposition
    to a role head instead), cued by token `verb` (-1: no cue word)."""
    if head is None:
        return None
    named = [c for c in s.children.get(head, []) if s.toks[c].dep == "appos" and c > head]
    role = fold(s.toks[head].lemma) in titles()  # "the party leader, Kemi Roe"
    if s.toks[head].ent != "PER" and named and a_name(s.toks[named[0]], role):
        head = named[0]  # "the union's president, Jane Roe, said": the name in apposition
    lo, hi = mention_range(s, head)
    inside = name_in_title(s.toks, s.children, head) if role else None
    hi = max(hi, inside[1]) if inside else hi  # "Minister for Health Declan Roe said"
    return Found(rule, lo, hi, s.toks[verb].text if verb >= 0 else None)


def a_name(t: Tok, role: bool = False) -> bool:
    """A person's name by its tags; after a role noun ("the leader, Kemi Roe") any
    capitalised proper noun, the NER's place or organisation included."""
    if role and t.pos == "PROPN" and t.text[:1].isupper():
        return True
    return t.ent == "PER" or (t.pos == "PROPN" and t.ent not in ("ORG", "LOC"))


def _after(s: Sentence, q: Span) -> list[int]:
    """Outside tokens after the quote, up to the next quote."""
    out = []
    for t in s.toks:
        if t.start <= q.close_pos:
            continue
        if not s.outside(t.i):
            break
        out.append(t.i)
    return out


_DASHES = frozenset("—–―-")


def dash_signature(s: Sentence, q: Span) -> Found | None:
    """ "…" — Jane Roe (@janeroe) March 3, 2019: an embedded post or an epigraph signed
    after a dash (a link to its picture may come first). The quote opens its line, and
    the name is all the signature holds before a parenthesis, a comma or its end."""
    toks = s.toks
    if s.text[toks[0].start : q.open_pos].strip(" \n\"“'‘"):
        return None  # a quote inside a sentence is signed by no dash
    k = next((t.i for t in toks if t.start > q.close_pos), len(toks))
    while k < len(toks) and (not toks[k].text.strip() or "/" in toks[k].text):
        k += 1  # the line break, "pic.twitter.com/…"
    if k + 1 >= len(toks) or toks[k].text not in _DASHES:
        return None
    lo = hi = k + 1
    while hi < len(toks) and a_name(toks[hi]) and toks[hi].text[:1].isupper():
        hi += 1
    rest = toks[hi].text if hi < len(toks) else ""
    if hi == lo or rest not in ("", "(", ",", "."):
        return None
    return Found("dash_signature", lo, hi - 1, None)


def incise_after(s: Sentence, q: Span) -> Found | None:
    """ "…," said Jane Roe. / "…," Roe said. / "…," she told reporters. Not after "and"
    or "but": "Roe called it a "shock," and the city will appeal" goes on with a new
    clause, whose subject said nothing."""
    after = [i for i in _after(s, q) if s.toks[i].pos != "PUNCT"][:_INCISE_REACH]
    if after and s.toks[after[0]].pos == "CCONJ":
        return None
    for i in after:
        if is_speech(s.toks[i]):
            head = subject_of(s, i)
            if head is None or s.toks[head].start < q.close_pos:
                head = _by_order(s, i, after[0], after[-1] + 1)
            return found_at(s, "incise_after", i, head)
        if s.toks[i].pos == "VERB" and s.toks[i].dep not in ("amod", "acl", "relcl"):
            return None  # another verb first: the words after are a new clause
    return None


def according_to(s: Sentence, q: Span) -> Found | None:
    """ "…," according to Jane Roe. / According to Roe, the plan "…"."""
    toks = s.toks
    for t in toks:
        if fold(t.text) == "according" and t.i + 1 < len(toks) and fold(toks[t.i + 1].text) == "to":
            obj = next((c for c in s.children.get(t.i + 1, []) if toks[c].dep == "pobj"), None)
            if obj is None:
                obj = next((k for k in range(t.i + 2, len(toks)) if _nominal(toks[k])), None)
                while obj is not None and obj + 1 < len(toks) and toks[obj + 1].pos == "PROPN":
                    obj += 1
            if obj is not None and s.outside(obj):
                return found_at(s, "according_to", t.i, obj)
    return None


def cue_verb_before(s: Sentence, q: Span) -> Found | None:
    """Roe said: "…" / Roe told reporters that "…" — the speech verb nearest before."""
    for t in reversed(s.toks):
        if t.start >= q.open_pos or not s.outside(t.i) or not is_speech(t):
            continue
        verb = reporting_verb(s, t.i)
        head = subject_of(s, verb)
        if head is None:
            head = _by_order(s, verb, 0, verb + 1)
        if head is not None and s.toks[head].start < q.open_pos:
            return found_at(s, "cue_verb_before", verb, head)
    return None


_REPORTED = ("ccomp", "conj", "advcl", "xcomp")  # how a reported clause hangs on its verb


def reporting_verb(s: Sentence, i: int) -> int:
    """The speech verb whose words verb `i` is part of: "He said the police will
    maintain a "…"": "maintain" is reported by "said", so the words are his; "Roe says
    Canada asked China to spare him, calling it "inhumane"": hers too. `i` itself when
    no speech verb reports it."""
    k, seen = i, {i}
    while s.toks[k].dep in _REPORTED and s.toks[k].head not in seen:
        k = s.toks[k].head
        seen.add(k)
        if is_speech(s.toks[k]) and s.outside(k) and subject_of(s, k) is not None:
            i = k
    return i


def colon_before(s: Sentence, q: Span) -> Found | None:
    """Roe is more blunt: "…" — a quote right after a colon is the words of the subject
    of the clause before it, whatever its verb."""
    before = [t for t in s.toks if t.start < q.open_pos and s.outside(t.i)]
    if not before or before[-1].text != ":":
        return None
    verbs = [t.i for t in before if t.dep == "ROOT" or (t.pos in ("VERB", "AUX") and t.head == t.i)]
    for v in verbs or [t.i for t in before if t.pos in ("VERB", "AUX")][:1]:
        head = subject_of(s, v)
        if head is not None and s.toks[head].start < q.open_pos:
            return found_at(s, "colon_before", v, head)
    return None


def in_words(s: Sentence, q: Span) -> Found | None:
    """It had, in her words, become "unhealthy" — "in his/her/their (own) words"."""
    toks = s.toks
    for t in toks:
        if fold(t.text) != "words" or t.i < 2 or not s.outside(t.i):
            continue
        k = t.i - 1 if fold(toks[t.i - 1].text) != "own" else t.i - 2
        if k >= 1 and fold(toks[k - 1].text) == "in" and toks[k].pos == "PRON":
            return Found("in_words", k, k, None)
    return None


def main_subject(s: Sentence, q: Span) -> Found | None:
    """A speech verb anywhere in the sentence, outside quotes, with a subject."""
    return speaker_of_speech(s, "main_subject")


def speaker_of_speech(s: Sentence, rule: str) -> Found | None:
    """The subject of the first speech verb of `s` outside quotes that has one."""
    for t in s.toks:
        if s.outside(t.i) and is_speech(t):
            head = subject_of(s, t.i)
            if head is not None:
                return found_at(s, rule, t.i, head)
    return None


Rule = Callable[[Sentence, Span], Found | None]
RULES: tuple[Rule, ...] = (
    incise_after,
    dash_signature,
    according_to,
    cue_verb_before,
    colon_before,
    in_words,
    main_subject,
)


@functools.cache
def _all_rules() -> tuple[Rule, ...]:
    """`RULES`, then the fragment rule (quotes.lang.en.partials imports this module)."""
    from quotes.lang.en.partials import partial_subject

    return (*RULES, partial_subject)


def attribute(s: Sentence, q: Span) -> Found | None:
    """The first rule's result for quote `q` of sentence `s`."""
    for rule in _all_rules():
        found = rule(s, q)
        if found is not None:
            return found
    return None
