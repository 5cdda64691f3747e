"""A long document attributed in parts (quotes.chunks): cut at paragraph breaks, nothing
lost or repeated, the attribution window and the document's names kept across a cut."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import chunks
from quotes.attribution.mention import Mention
from quotes.attribution.resolve import Registry
from quotes.model import Document
from quotes.pipeline import extract_document, extract_documents

FILLER = "Le conseil municipal a voté le budget des travaux du pont après des mois de débats."
INTRO = "Marie Dupont, porte-parole du syndicat, a pris la parole devant l'usine."
PRONOUN = "« Nous ne lâcherons rien », a-t-elle déclaré."


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


def _plain(text: str, size: int) -> list[tuple[int, int]]:
    """Sentences of `len` characters each, one per line, for `plan`."""
    return [(i * (size + 1), i * (size + 1) + size) for i in range((len(text) + 1) // (size + 1))]


def test_a_short_document_is_one_part():
    sents = [(0, 10), (12, 30)]
    assert chunks.plan("x" * 30, sents, size=100) == [chunks.Part(0, 0, 2)]


def test_parts_start_after_a_line_break_and_carry_their_overlap():
    text = "\n".join(["a" * 9] * 10)  # ten "sentences" of 9 characters, one per line
    parts = chunks.plan(text, _plain(text, 9), size=30, overlap=15)
    assert [(p.first, p.stop) for p in parts] == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert [p.context for p in parts] == [0, 2, 5, 8]  # sentences starting 15 chars back


def test_a_text_without_line_breaks_is_cut_between_sentences_at_twice_the_size():
    text = " ".join(["Une phrase."] * 40)
    sents = [(i * 12, i * 12 + 11) for i in range(40)]
    parts = chunks.plan(text, sents, size=60, overlap=0)
    assert len(parts) > 1
    assert all(
        sents[p.first][0] - sents[parts[i - 1].first][0] >= 120 for i, p in enumerate(parts) if i
    )


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 40), min_size=1, max_size=60),
    breaks=st.lists(st.booleans(), min_size=60, max_size=60),
    size=st.integers(1, 200),
    overlap=st.integers(0, 100),
)
def test_parts_cover_every_sentence_once_in_order(lengths, breaks, size, overlap):
    text, sents = "", []
    for n, br in zip(lengths, breaks, strict=False):
        if text:
            text += "\n" if br else " "
        sents.append((len(text), len(text) + n))
        text += "x" * n
    parts = chunks.plan(text, sents, size=size, overlap=overlap)
    assert parts[0].first == 0 and parts[-1].stop == len(sents)
    for before, after in itertools.pairwise(parts):
        assert before.stop == after.first  # contiguous: no sentence lost or repeated
    for p in parts:
        assert p.context <= p.first < p.stop
        assert sents[p.first][0] - sents[p.context][0] <= overlap
        if p.context > 0:  # the overlap is as long as allowed: one more sentence is too many
            assert sents[p.first][0] - sents[p.context - 1][0] > overlap


def test_registry_following_carries_names_roles_genders_not_mentions():
    text = "La Fédération des travailleurs (FDT) a parlé à Lyon."
    reg = Registry(text)
    mention = Mention(0, 16, "Zéphyrin Quesnel", "Zéphyrin Quesnel", "m", "sg", person=True)
    reg.add(mention, "Zéphyrin Quesnel")
    reg.roles["Zéphyrin Quesnel"] = "délégué"
    nxt = Registry.following(reg)
    assert nxt.canonical("Quesnel") == "Zéphyrin Quesnel"
    assert nxt.roles == {"Zéphyrin Quesnel": "délégué"}
    assert nxt.gender("Zéphyrin Quesnel") == "male"
    assert nxt.acronyms == reg.acronyms and "FDT" in nxt.acronyms
    assert nxt.text == text and list(nxt.entries.recent(len(text))) == []


class TestExtractInParts:
    def test_every_quote_once_at_its_offsets_however_small_the_parts(self):
        text = _paragraphs(
            INTRO,
            PRONOUN,
            FILLER,
            "« C'est une première étape.\n\n« Il faudra aller plus loin », a ajouté Paul Roy.",
            FILLER,
            "Selon Paul Roy, le chantier « avance bien ».",
        )
        doc = Document("d", text)
        whole = extract_document(doc, chunk_chars=10**9)
        parts = extract_document(doc, chunk_chars=1)  # a part per paragraph
        assert [(q.start, q.end) for q in parts] == [(q.start, q.end) for q in whole]
        assert all(q.quote == text[q.start : q.end] for q in parts)
        assert len(whole) == 3

    def test_a_pronoun_right_after_a_cut_finds_its_antecedent_in_the_overlap(self):
        text = _paragraphs(INTRO, PRONOUN, FILLER)
        cut = text.index("«")
        parts = extract_document(Document("d", text), chunk_chars=cut - 2)
        assert [q.speaker for q in parts] == ["Marie Dupont"]

    def test_a_role_given_in_a_later_part_is_on_earlier_rows(self, monkeypatch):
        monkeypatch.setattr(chunks, "OVERLAP_CHARS", 0)
        text = _paragraphs(
            "« Nous tiendrons », a déclaré Marie Dupont.",
            *[FILLER] * 5,
            "Marie Dupont, porte-parole du syndicat, a ensuite quitté la salle.",
            "« Ce fut long », a-t-elle ajouté.",
        )
        doc = Document("d", text)
        whole = extract_document(doc, chunk_chars=10**9)
        parts = extract_document(doc, chunk_chars=100)
        assert whole[0].speaker_role == parts[0].speaker_role
        assert parts[0].speaker_role == "porte-parole du syndicat"

    def test_a_surname_beyond_the_overlap_gets_the_full_name_of_an_earlier_part(self, monkeypatch):
        monkeypatch.setattr(chunks, "OVERLAP_CHARS", 0)
        text = _paragraphs(
            "« Nous tiendrons », a déclaré Ilyès Karmali.",  # a first name no lexicon has
            *[FILLER] * 5,
            "« Rien n'est joué », a affirmé Karmali.",
        )
        parts = extract_document(Document("d", text), chunk_chars=100)
        assert [q.speaker for q in parts] == ["Ilyès Karmali", "Ilyès Karmali"]

    def test_progress_after_each_part_up_to_the_whole_text(self):
        text = _paragraphs(INTRO, PRONOUN, FILLER, "« Enfin », a conclu Paul Roy.")
        seen: list[tuple[int, int]] = []
        extract_document(
            Document("d", text), chunk_chars=1, progress=lambda d, n: seen.append((d, n))
        )
        assert len(seen) > 1
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        assert seen[-1] == (len(text), len(text))

    def test_a_long_document_in_a_batch_runs_alone_with_progress(self, monkeypatch):
        monkeypatch.setattr(chunks, "CHUNK_CHARS", 120)
        long = Document(
            "long", _paragraphs(INTRO, PRONOUN, FILLER, "« Enfin », a conclu Paul Roy.")
        )
        short = Document("short", "« Bonjour », a dit Paul Roy.")
        seen: list[str] = []
        out = extract_documents([short, long], progress=lambda d, done, n: seen.append(d.doc_id))
        assert out[0] == extract_document(short)
        assert out[1] == extract_document(long)
        assert [q.speaker for q in out[1]] == ["Marie Dupont", "Paul Roy"]
        assert seen and set(seen) == {"long"}
