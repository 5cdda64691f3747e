"""Tests for the gold loader and the metric; every text here is written for the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.evaluation import (
    GoldDoc,
    GoldError,
    GoldQuote,
    GoldSpan,
    format_errors,
    format_report,
    load_gold,
    match_quotes,
    normalise_name,
    report_to_json,
    score,
    snippet,
    speaker_match,
)
from quotes.model import Quote

TEXT = (
    "Le maire a déclaré : « Nous allons reconstruire le pont avant l’hiver. » "
    "Selon la ministre Claire Dubois, il s’agit d’un « projet prioritaire pour la région ». "
    "Le mot « résilience » revient souvent dans ses discours."
)


def gold_doc(
    text: str,
    quotes: list[tuple[str, str | None, bool]],
    nonquotes: tuple[str, ...] = (),
    doc_id: str = "d1",
) -> GoldDoc:
    """Gold built from substrings, so offsets are right by construction."""
    gq = [
        GoldQuote(text.index(s), text.index(s) + len(s), s, "direct", spk, None, None, amb)
        for s, spk, amb in quotes
    ]
    gn = [GoldSpan(text.index(s), text.index(s) + len(s), s, "term") for s in nonquotes]
    return GoldDoc(doc_id, text, gq, gn)


def sq(
    doc: GoldDoc, start: int, end: int, speaker: str | None = None, kind: str = "direct"
) -> Quote:
    return Quote(doc.doc_id, doc.text[start:end], speaker, None, None, kind, start, end, "", 0)


def on(doc: GoldDoc, s: str, speaker: str | None = None, kind: str = "direct") -> Quote:
    """A system quote exactly on substring `s`."""
    i = doc.text.index(s)
    return sq(doc, i, i + len(s), speaker, kind)


MAIRE = "Nous allons reconstruire le pont avant l’hiver."
PROJET = "projet prioritaire pour la région"


# --- normalisation and speaker comparison ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("M. Castaner", ["castaner"]),
        ("Christophe Castaner", ["christophe", "castaner"]),
        ("l’un d’eux", ["eux"]),
        ("L'un d'eux", ["eux"]),
        ("Mme Hélène Côté-Lévesque", ["helene", "cote", "levesque"]),
        ("une source policière", ["source", "policiere"]),
        ("Dr. Who", ["who"]),
        ("M.", []),
        ("", []),
        (None, []),
    ],
)
def test_normalise_name(name: str | None, words: list[str]) -> None:
    assert normalise_name(name) == words


def test_speaker_match_readme_examples() -> None:
    assert speaker_match("Christophe Castaner", "M. Castaner", strict=False)
    assert not speaker_match("Christophe Castaner", "M. Castaner", strict=True)
    assert speaker_match("l’un d’eux", "L'un d'eux", strict=True)
    assert speaker_match("Castaner", "Christophe Castaner", strict=False)  # shorter is gold


def test_speaker_match_none_and_empty() -> None:
    for strict in (True, False):
        assert speaker_match(None, None, strict)
        assert speaker_match(None, "  ", strict)  # blank is "no speaker"
        assert not speaker_match(None, "Claire Dubois", strict)
        assert not speaker_match("Claire Dubois", None, strict)
        # "M." has no words left: it must not leniently match every name
        assert not speaker_match("Claire Dubois", "M.", strict)
    assert not speaker_match("Claire Dubois", "Claire Tremblay", strict=False)
    assert speaker_match("François Côté", "FRANCOIS COTE", strict=True)


# --- matching ---------------------------------------------------------------------------


def test_thresholds_30_and_80() -> None:
    doc = gold_doc(TEXT, [(MAIRE, "le maire", False)])
    g = doc.quotes[0]
    n = g.end - g.start
    cases = {  # covered share of the gold span -> (matched @30, matched @80)
        0.2: (0, 0),
        0.5: (1, 0),
        0.9: (1, 1),
    }
    for share, (m30, m80) in cases.items():
        rep = score([doc], {"d1": [sq(doc, g.start, g.start + round(share * n))]})
        assert (rep.spans[0.3].matched, rep.spans[0.8].matched) == (m30, m80), share


def test_threshold_boundary_is_inclusive() -> None:
    doc = gold_doc("Il répète « dix lettres » sans fin.", [("dix lettres", None, False)])
    g = doc.quotes[0]  # 11 characters
    assert match_quotes(doc.quotes, [sq(doc, g.start, g.start + 4)], 0.3) == {0: 0}
    assert match_quotes(doc.quotes, [sq(doc, g.start, g.start + 3)], 0.3) == {}
    assert match_quotes(doc.quotes, [sq(doc, g.end - 9, g.end)], 0.8) == {0: 0}
    assert match_quotes(doc.quotes, [sq(doc, g.end - 8, g.end)], 0.8) == {}


def test_one_to_one_two_system_quotes_over_one_gold() -> None:
    doc = gold_doc(TEXT, [(MAIRE, "le maire", False)])
    g = doc.quotes[0]
    half = (g.start + g.end) // 2
    first, second = sq(doc, g.start, half + 5), sq(doc, half, g.end)
    rep = score([doc], {"d1": [second, first]})
    assert rep.spans[0.3].matched == 1
    assert rep.spans[0.3].system == 2
    assert rep.spans[0.3].precision == 0.5
    assert match_quotes(doc.quotes, [second, first], 0.3) == {0: 1}  # larger overlap wins
    assert sorted(e.cause for e in rep.errors) == ["false quote", "missing speaker", "wrong span"]


def test_global_greedy_is_one_to_one_and_prefers_tighter_span() -> None:
    doc = gold_doc(TEXT, [(MAIRE, None, False), (PROJET, None, False)])
    a, b = doc.quotes
    exact, wide = on(doc, MAIRE), sq(doc, a.start - 5, a.end + 5)
    assert match_quotes(doc.quotes, [wide, exact], 0.3) == {0: 1}
    # one system quote spanning both golds is matched once only
    both = sq(doc, a.start, b.end)
    assert len(match_quotes(doc.quotes, [both], 0.3)) == 1


span = st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(span, max_size=6), st.lists(span, max_size=6), st.sampled_from([0.3, 0.8]))
def test_matching_is_one_to_one_and_respects_threshold(
    golds: list[tuple[int, int]], systems: list[tuple[int, int]], t: float
) -> None:
    gold = [GoldSpan(a, b, "", "direct") for a, b in golds]
    system = [Quote("d", "", None, None, None, "direct", a, b, "", 0) for a, b in systems]
    m = match_quotes(gold, system, t)
    assert len(set(m.values())) == len(m)
    for gi, si in m.items():
        g = gold[gi]
        assert system[si].overlap(g.start, g.end) >= t * (g.end - g.start)
    assert m == match_quotes(gold, system, t)
    assert len(m) <= min(len(gold), len(system))


def test_ambiguous_gold_not_counted_either_way() -> None:
    doc = gold_doc(TEXT, [(MAIRE, "le maire", False), ("résilience", None, True)])
    rep = score([doc], {"d1": [on(doc, MAIRE, "le maire"), on(doc, "résilience")]})
    s = rep.spans[0.3]
    assert (s.gold, s.system, s.matched) == (1, 1, 1)
    assert rep.ambiguous_gold == 1
    assert rep.errors == []
    # nothing found over the ambiguous entry: no missed quote either
    rep = score([doc], {"d1": [on(doc, MAIRE, "le maire")]})
    assert rep.spans[0.3].recall == 1.0
    assert rep.errors == []


def test_small_overlap_with_ambiguous_gold_is_still_a_false_quote() -> None:
    text = "Il parle de « résilience collective durable » et de « rigueur »."
    doc = gold_doc(text, [("résilience collective durable", None, True)])
    i = text.index("résilience")
    rep = score([doc], {"d1": [sq(doc, i - 12, i + 3)]})  # 3 of 29 characters
    assert rep.spans[0.3].system == 1
    assert [e.cause for e in rep.errors] == ["false quote"]


def test_term_kind_system_quotes_are_ignored() -> None:
    doc = gold_doc(TEXT, [(MAIRE, "le maire", False)], nonquotes=("résilience",))
    rep = score([doc], {"d1": [on(doc, MAIRE, "le maire"), on(doc, "résilience", kind="term")]})
    assert rep.terms_ignored == 1
    assert rep.system_quotes == 1
    assert rep.spans[0.3].precision == 1.0
    assert rep.errors == []


def test_null_gold_speaker_end_to_end() -> None:
    doc = gold_doc(TEXT, [(MAIRE, None, False), (PROJET, "Claire Dubois", False)])
    good = score([doc], {"d1": [on(doc, MAIRE), on(doc, PROJET, "la ministre Claire Dubois")]})
    assert good.end_to_end.matched == 2
    assert good.speaker.n == 1  # null gold speaker is left out of speaker accuracy
    assert good.speaker.lenient == 1.0
    assert good.speaker.strict == 0.0  # "ministre" is an extra word
    bad = score([doc], {"d1": [on(doc, MAIRE, "Claire Dubois"), on(doc, PROJET, "Dubois")]})
    assert bad.end_to_end.matched == 1
    assert bad.end_to_end.precision == 0.5
    assert [e.cause for e in bad.errors] == ["wrong speaker"]


def test_hand_computed_precision_recall_f1() -> None:
    text = (
        "Paul dit : « un ». Marie répond : « deux ». Luc ajoute : « trois ». "
        "Anne conclut : « quatre ». Le « mot » et la « chose »."
    )
    doc = gold_doc(
        text,
        [
            ("un", "Paul", False),
            ("deux", "Marie", False),
            ("trois", "Luc", False),
            ("quatre", "Anne", False),
        ],
    )
    preds = [
        on(doc, "un", "Paul"),
        on(doc, "deux", "il"),
        on(doc, "trois", "Luc"),
        on(doc, "mot"),
        on(doc, "chose"),
    ]
    rep = score([doc], {"d1": preds})
    s = rep.spans[0.3]
    # 3 matched of 5 system and 4 gold: P = 0.6, R = 0.75, F1 = 2PR/(P+R) = 0.9/1.35
    assert (s.matched, s.system, s.gold) == (3, 5, 4)
    assert s.precision == pytest.approx(0.6)
    assert s.recall == pytest.approx(0.75)
    assert s.f1 == pytest.approx(2 / 3)
    # end to end: 2 right speakers -> P = 2/5, R = 2/4, F1 = 0.2/0.45
    e = rep.end_to_end
    assert (e.precision, e.recall, e.f1) == pytest.approx((0.4, 0.5, 4 / 9))
    assert (rep.speaker.n, rep.speaker.strict_correct, rep.speaker.lenient_correct) == (3, 2, 2)


def test_zero_denominators() -> None:
    doc = gold_doc("Rien à citer ici.", [])
    rep = score([doc], {})
    assert (rep.spans[0.3].precision, rep.spans[0.3].recall, rep.spans[0.3].f1) == (0, 0, 0)
    assert rep.speaker.strict is None
    assert "n/a" in format_report(rep)


# --- errors and report ------------------------------------------------------------------


def test_error_causes() -> None:
    text = (
        "Le ministre Jean Roy a dit : « Nous tiendrons parole cette année encore. » "
        "Il a ajouté : « Le budget sera équilibré. » "
        "Mme Lise Caron a répliqué : « C’est faux et tout le monde le sait bien. » "
        "Elle parle d’une « bulle » et cite « Le Devoir ». Un « oubli » aussi."
    )
    doc = gold_doc(
        text,
        [
            ("Nous tiendrons parole cette année encore.", "Jean Roy", False),
            ("Le budget sera équilibré.", "Jean Roy", False),
            ("C’est faux et tout le monde le sait bien.", "Lise Caron", False),
            ("oubli", "Lise Caron", False),
        ],
        nonquotes=("Le Devoir",),
    )
    g = doc.quotes[2]
    preds = [
        on(doc, "Nous tiendrons parole cette année encore.", "il"),  # unresolved pronoun
        on(doc, "Le budget sera équilibré."),  # missing speaker
        sq(doc, g.start, g.start + (g.end - g.start) // 2, "Jean Roy"),  # span + speaker
        on(doc, "bulle"),  # false quote
        on(doc, "Le Devoir"),  # term as quote
    ]
    rep = score([doc], {"d1": preds})
    causes = sorted(e.cause for e in rep.errors)
    assert causes == sorted(
        [
            "unresolved pronoun",
            "missing speaker",
            "wrong span",
            "wrong speaker",
            "false quote",
            "term taken for a quote",
            "missed quote",
        ]
    )
    by = {e.cause: e for e in rep.errors}
    assert by["missed quote"].gold_text == "oubli" and by["missed quote"].system_text is None
    assert "« oubli »" in by["missed quote"].context
    assert by["wrong speaker"].gold_speaker == "Lise Caron"
    assert by["wrong speaker"].system_speaker == "Jean Roy"
    assert by["unresolved pronoun"].system_speaker == "il"
    assert by["term taken for a quote"].system_text == "Le Devoir"
    assert by["wrong span"].detail.startswith("overlap 4")
    assert all(e.doc_id == "d1" for e in rep.errors)


def test_format_errors_groups_largest_first() -> None:
    text = "On lit « a1 », « a2 » et « a3 ». Paul dit : « bonjour à tous »."
    doc = gold_doc(text, [("bonjour à tous", "Paul", False)])
    rep = score([doc], {"d1": [on(doc, "a1"), on(doc, "a2"), on(doc, "a3")]})
    out = format_errors(rep)
    assert out.index("== false quote (3)") < out.index("== missed quote (1)")
    assert format_errors(score([doc], {"d1": [on(doc, "bonjour à tous", "Paul")]})) == ("no errors")


def test_report_json_format_and_unknown_docs() -> None:
    doc = gold_doc(TEXT, [(MAIRE, "le maire", False)])
    rep = score([doc], {"d1": [on(doc, MAIRE, "Le maire")], "other": []}, failed=["d1"])
    data = report_to_json(rep)
    json.dumps(data)  # serialisable
    assert data["spans"]["at30"]["f1"] == 1.0
    assert data["spans"]["at80"]["matched"] == 1
    assert data["unknown_docs"] == ["other"]
    assert data["failed_docs"] == ["d1"]
    assert data["docs"][0]["failed_docs"] == ["d1"]
    assert data["docs"][0]["doc_id"] == "d1"
    assert "errors" not in report_to_json(rep, errors=False)
    text = format_report(rep, per_document=True)
    for label in (
        "documents",
        "gold quotes",
        "system quotes",
        "spans @30%",
        "spans @80%",
        "end-to-end @30%",
        "strict",
        "lenient",
        "FAILED",
    ):
        assert label in text


def test_snippet_is_one_line_and_clipped() -> None:
    text = "début\n" + "x" * 300 + " « citation » " + "y" * 300
    i = text.index("citation")
    s = snippet(text, i, i + len("citation"), width=20)
    assert "\n" not in s and s.startswith("…") and s.endswith("…") and "citation" in s


# --- gold loading -----------------------------------------------------------------------


def write(tmp_path: Path, rows: list[Any]) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
        + "\n",
        encoding="utf-8",
    )
    return p


def good_row(doc_id: str = "a") -> dict[str, Any]:
    text = "Elle a dit : « Merci beaucoup. » Fin."
    s = text.index("Merci")
    return {
        "id": doc_id,
        "text": text,
        "quotes": [
            {
                "start": s,
                "end": s + 15,
                "text": "Merci beaucoup.",
                "kind": "direct",
                "speaker": "Julie",
                "mention": "Elle",
                "cue": "a dit",
                "ambiguous": False,
            }
        ],
        "nonquotes": [],
    }


def test_load_gold_ok(tmp_path: Path) -> None:
    docs = load_gold(write(tmp_path, [good_row("a"), "", good_row("b")]))
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert docs[0].quotes[0].speaker == "Julie"
    assert docs[1].line == 3


def test_gold_error_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "absent.jsonl")


def test_gold_error_bad_json_names_file_and_line(tmp_path: Path) -> None:
    p = write(tmp_path, [good_row("a"), '{"id": "b", "text": '])
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: bad JSON") as info:
        load_gold(p)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("field", ["id", "text", "quotes"])
def test_gold_error_missing_field(tmp_path: Path, field: str) -> None:
    row = good_row()
    del row[field]
    with pytest.raises(GoldError, match=rf"gold\.jsonl:1: missing field {field}"):
        load_gold(write(tmp_path, [row]))


def test_gold_error_offsets_reported_all_at_once(tmp_path: Path) -> None:
    shifted, outside = good_row("a"), good_row("b")
    shifted["quotes"][0]["start"] += 1
    outside["quotes"][0]["end"] = 999
    with pytest.raises(GoldError) as info:
        load_gold(write(tmp_path, [shifted, outside, good_row("a")]))
    problems = info.value.problems
    assert len(problems) == 3
    assert "gold.jsonl:1: doc 'a' quotes[0]: text[" in problems[0]
    assert "gold.jsonl:2" in problems[1] and "outside the text" in problems[1]
    assert "duplicate id 'a' (first on line 1)" in problems[2]
    assert "(and 2 more problems)" in str(info.value)


def test_gold_error_empty_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no documents"):
        load_gold(write(tmp_path, [""]))
