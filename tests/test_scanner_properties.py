"""Property tests of quotes.scanner (split from test_scanner.py): invariants on arbitrary
text, well-formed quotes always found, and a text written » … « scanned like its « … »
mirror."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_scanner import check_offsets

from quotes.scanner import NORMAL, REVERSED, direction, scan
from quotes.single_quotes import single_style

# --- properties -----------------------------------------------------------------------------

ALPHABET = "«»“”„\"‹›‘’' \n\u00a0\u202fabcdeéàLMN.,!?27-"
TOKENS = [
    "«",
    "»",
    "“",
    "”",
    "„",
    '"',
    "’",
    "'",
    " ",
    "\n",
    "   ",
    "\u00a0",
    "mot",
    "Élan",
    ".",
    ", a-t-il dit",
    ", dit-elle",
    "27",
    "!",
]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_scanner_invariants_on_arbitrary_text(text: str) -> None:
    check_offsets(text, scan(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_scanner_invariants_on_token_soup(text: str) -> None:
    check_offsets(text, scan(text))


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçôÉA’'-", min_size=1, max_size=8)
PUNCT = st.sampled_from(["", ".", ",", " !", " ?", "…"])
CONTENT = st.builds(lambda ws, p: " ".join(ws) + p, st.lists(WORD, min_size=1, max_size=6), PUNCT)
SEPARATOR = st.lists(WORD, min_size=0, max_size=4).map(lambda ws: " " + " ".join(ws) + " ")
PAD = st.sampled_from(["", " ", "\u00a0", "\u202f"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CONTENT, SEPARATOR, PAD), min_size=0, max_size=6), SEPARATOR)
def test_well_formed_guillemets_are_all_found(parts, lead) -> None:
    text = lead
    for content, sep, pad in parts:
        text += f"«{pad}{content}{pad}»{sep}"
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [c for c, _, _ in parts]
    assert not any(s.recovered for s in spans)
    check_offsets(text, spans)


STYLES = st.sampled_from([("«", "»"), ("“", "”"), ("„", "“"), ('"', '"')])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(CONTENT, SEPARATOR, STYLES), min_size=0, max_size=6),
    st.sampled_from([" ", "\n"]),
)
def test_well_formed_quotes_of_any_style_are_all_found(parts, joiner) -> None:
    text = joiner.join(f"Il dit {o}{c}{e}{sep}" for c, sep, (o, e) in parts)
    # not a text written the British way (two 'closed' single quotes between the others)
    assume(not single_style(text, scan(text, direction=NORMAL)))
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [c for c, _, _ in parts]
    assert [s.mark for s in spans] == [o for _, _, (o, _) in parts]
    check_offsets(text, spans)


# --- reversed guillemets: » … « is the mirror of « … » -------------------------------------

SWAP = str.maketrans("«»", "»«")


def geometry(text: str, **kw) -> list[tuple]:
    """The spans of `text` with their mark left out."""
    return [
        (s.start, s.end, s.open_pos, s.close_pos, s.paragraph, s.recovered)
        for s in scan(text, **kw)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_reversed_pairing_mirrors_normal_pairing(text: str) -> None:
    """Pairing alone (direction forced): swapping « and » only swaps the marks of spans."""
    mirrored = text.translate(SWAP)
    assert geometry(mirrored, direction=REVERSED) == geometry(text, direction=NORMAL)
    marks = [s.mark for s in scan(mirrored, direction=REVERSED)]
    assert marks == [s.mark.translate(SWAP) for s in scan(text, direction=NORMAL)]


FRENCH = st.sampled_from(
    "nous ne lâcherons rien le combat continue la ville mérite mieux que ça c’est "
    "aujourd’hui qu’il faut agir l’usine fermera jamais été grève où très Élise Paris "
    "nos salariés attendent une réponse claire “non” d'abord".split()
)
WORDS = st.lists(FRENCH, min_size=1, max_size=7).map(" ".join)
END = st.sampled_from(["", ".", " !", " ?", "…"])
LEAD = st.sampled_from(["", "Pour elle, ", "Le ministre a déclaré : ", "Elle évoque "])
SAID = st.sampled_from(
    [", a déclaré la maire.", ", a-t-il ajouté.", ", estime-t-elle.", ".", "; voilà tout."]
)
INNER = st.sampled_from(["", "\u00a0", "\u202f"])  # no plain space: « mot » has no shape
# a quote: lead, content (a second paragraph reopened with « when there are two), end, incise
QUOTE = st.tuples(LEAD, st.lists(WORDS, min_size=1, max_size=2), END, INNER, SAID)


def normal_text(quotes: list[tuple], joiner: str) -> tuple[str, list[str]]:
    """A text of « … » quotes and the contents the scanner must find in it."""
    pieces, expected = [], []
    for lead, paragraphs, end, pad, said in quotes:
        content = "\n«".join(paragraphs) + end
        pieces.append(f"{lead}«{pad}{content}{pad}»{said}")
        expected.append(content)
    return joiner.join(pieces), expected


@settings(max_examples=300, deadline=None)
@given(st.lists(QUOTE, max_size=5), st.sampled_from([" ", "\n", " Puis il sourit. "]))
def test_reversed_text_gives_the_spans_of_its_normal_version(quotes, joiner) -> None:
    text, expected = normal_text(quotes, joiner)
    mirrored = text.translate(SWAP)
    assert [text[s.start : s.end] for s in scan(text)] == expected
    assert direction(text) == NORMAL
    assert direction(mirrored) == (REVERSED if quotes else NORMAL)
    assert geometry(mirrored) == geometry(text)
    assert [mirrored[s.start : s.end] for s in scan(mirrored)] == [
        c.translate(SWAP) for c in expected
    ]
    assert all(s.mark == "»" for s in scan(mirrored))
    check_offsets(mirrored, scan(mirrored))
