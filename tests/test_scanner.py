"""Tests for quotes.scanner: pairing of quotation marks, per the rules of its module docstring."""

from __future__ import annotations

import pytest

from quotes.scanner import REVERSED, SPACES, Span, direction, paragraph_bounds, scan

CLOSERS = {"«": "»", "“": "”", "„": "“”", '"': '"'}
REVERSED_CLOSERS = {"»": "«", "“": "”", "„": "“”", '"': '"'}


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in scan(text)]


def only(text: str) -> Span:
    spans = scan(text)
    assert len(spans) == 1, [text[s.start : s.end] for s in spans]
    return spans[0]


def check_offsets(text: str, spans: list[Span]) -> None:
    """Invariants every span must satisfy, whatever the input."""
    paras = paragraph_bounds(text)
    closers = REVERSED_CLOSERS if direction(text) == REVERSED else CLOSERS
    prev = None
    for s in spans:
        assert 0 <= s.open_pos < s.start <= s.end <= s.close_pos <= len(text)
        assert text[s.open_pos] == s.mark
        single = s.mark in "‘'"  # a text written the British way (quotes.single_quotes)
        assert single or s.mark in closers  # « opens in a normal text, » in a reversed one
        if s.end > s.start:
            assert text[s.start] not in SPACES
            assert text[s.end - 1] not in SPACES
        assert text[s.start : s.end] == text[s.open_pos + 1 : s.close_pos].strip(SPACES)
        if not s.recovered:
            assert s.close_pos < len(text)
            assert text[s.close_pos] in (
                "’" if s.mark == "‘" else s.mark if single else closers[s.mark]
            )
        # the paragraph index is the one holding the opening mark
        a, b = paras[s.paragraph]
        assert a <= s.open_pos < b
        if prev is not None:
            assert prev.close_pos <= s.open_pos
            assert prev.end <= s.start
        prev = s


# --- styles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", ""])
def test_guillemets_with_any_space(space: str) -> None:
    text = f"Le maire a lancé «{space}Nous tiendrons bon{space}» devant la foule."
    s = only(text)
    assert text[s.start : s.end] == "Nous tiendrons bon"
    assert s.mark == "«"
    assert text[s.open_pos] == "«" and text[s.close_pos] == "»"
    assert not s.recovered
    assert s.paragraph == 0


def test_curly_double_quotes() -> None:
    text = "Elle a répondu “pas question” sans hésiter."
    s = only(text)
    assert text[s.start : s.end] == "pas question"
    assert s.mark == "“"
    assert text[s.close_pos] == "”"


def test_straight_quotes_paired_by_position() -> None:
    text = 'Il a dit "bonjour" puis "au revoir" avant de partir.'
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == ["bonjour", "au revoir"]
    assert all(s.mark == '"' and not s.recovered for s in spans)
    check_offsets(text, spans)


def test_straight_quote_after_digit_closes_an_open_straight_quote() -> None:
    text = 'Il a dit "mon écran fait 27" puis il est parti.'
    assert contents(text) == ["mon écran fait 27"]


@pytest.mark.parametrize("closer", ["“", "”"])
def test_low_double_quote_closes_with_either_curly_mark(closer: str) -> None:
    text = f"Le panneau disait „ouvert le dimanche{closer} en lettres rouges."
    s = only(text)
    assert text[s.start : s.end] == "ouvert le dimanche"
    assert s.mark == "„"
    assert text[s.close_pos] == closer


def test_single_angle_and_curly_single_quotes_stay_inside() -> None:
    text = "Il raconte «elle m’a dit ‹ viens › puis ‘ attends ’ et rien d'autre» ce soir."
    s = only(text)
    assert text[s.start : s.end] == "elle m’a dit ‹ viens › puis ‘ attends ’ et rien d'autre"


@pytest.mark.parametrize("mark", ["‹", "›", "‘", "’", "'"])
def test_single_marks_never_open_a_quote(mark: str) -> None:
    text = f"Un mot {mark}isolé{mark} dans la phrase {mark} et encore."
    assert scan(text) == []


def test_apostrophes_never_open_quotes() -> None:
    text = "L’homme est venu aujourd'hui et l'équipe l’a reçu jusqu’à midi."
    assert scan(text) == []


def test_apostrophes_inside_a_quote_do_not_close_it() -> None:
    text = "Il a dit «l’homme est venu aujourd'hui» hier soir."
    assert contents(text) == ["l’homme est venu aujourd'hui"]


def test_inch_sign_is_not_a_mark() -> None:
    text = 'Il a acheté un écran de 27" et un clavier neuf.'
    assert scan(text) == []


def test_inch_sign_does_not_pair_with_a_later_straight_quote() -> None:
    text = 'Un écran de 27" et un câble "rapide" sont vendus.'
    assert contents(text) == ["rapide"]


def test_inch_sign_inside_guillemets_stays_in_text() -> None:
    text = 'Elle a dit «un écran de 27" suffit» au vendeur.'
    assert contents(text) == ['un écran de 27" suffit']


# --- nesting --------------------------------------------------------------------------------


def test_nested_curly_inside_guillemets_is_one_quote() -> None:
    text = "«Il a dit “non” hier»"
    s = only(text)
    assert text[s.start : s.end] == "Il a dit “non” hier"
    assert (s.open_pos, s.close_pos) == (0, len(text) - 1)


def test_nested_guillemets_inside_curly_is_one_quote() -> None:
    text = "Elle raconte “Il a dit «non» puis il est parti” hier soir."
    s = only(text)
    assert text[s.start : s.end] == "Il a dit «non» puis il est parti"
    assert s.mark == "“"


def test_nested_same_style_guillemets_is_one_quote() -> None:
    text = "Il répète « Le juge a dit « jamais » et il a raison » chaque jour."
    s = only(text)
    assert text[s.start : s.end] == "Le juge a dit « jamais » et il a raison"
    assert not s.recovered


def test_nested_low_quotes_is_one_quote() -> None:
    text = "Il lit „le mot „fin“ est écrit“ sur la page."
    assert contents(text) == ["le mot „fin“ est écrit"]


def test_nested_straight_quotes_inside_guillemets() -> None:
    text = 'Il a écrit «le mot "fin" est clair» sur le mur.'
    assert contents(text) == ['le mot "fin" est clair']


# --- paragraphs -----------------------------------------------------------------------------


@pytest.mark.parametrize("reopen", ["«", "»"])
def test_quote_continued_over_paragraphs_is_one_span(reopen: str) -> None:
    text = (
        "Le maire a pris la parole.\n"
        "« Nous avons beaucoup travaillé cette année.\n"
        f"{reopen} Les résultats sont là et nous continuerons. »\n"
        "La séance a été levée."
    )
    s = only(text)
    assert text[s.start : s.end] == (
        "Nous avons beaucoup travaillé cette année.\n"
        f"{reopen} Les résultats sont là et nous continuerons."
    )
    assert s.paragraph == 1
    assert not s.recovered
    assert text[s.close_pos] == "»"


def test_quote_continued_over_three_paragraphs() -> None:
    text = "« Un.\n« Deux.\n« Trois. » Fin."
    s = only(text)
    assert text[s.start : s.end] == "Un.\n« Deux.\n« Trois."
    assert s.paragraph == 0


def test_curly_quote_continued_by_same_mark() -> None:
    text = "“Première idée.\n“Seconde idée.” Voilà."
    s = only(text)
    assert text[s.start : s.end] == "Première idée.\n“Seconde idée."


def test_quote_with_other_style_nested_continues_over_paragraphs() -> None:
    text = "« Il m’a dit “non” hier.\n« Et il est parti. »"
    assert contents(text) == ["Il m’a dit “non” hier.\n« Et il est parti."]


def test_quote_with_same_style_nested_continues_over_paragraphs() -> None:
    text = "« Il m’a dit « non » hier.\n« Et il est parti. »"
    assert contents(text) == ["Il m’a dit « non » hier.\n« Et il est parti."]


def test_closed_quotes_in_consecutive_paragraphs_stay_separate() -> None:
    text = "« Oui », a-t-il dit.\n« Non », a-t-elle répondu.\n«Peut-être.»"
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == ["Oui", "Non", "Peut-être."]
    assert [s.paragraph for s in spans] == [0, 1, 2]
    assert not any(s.recovered for s in spans)


def test_unclosed_quote_does_not_run_into_next_paragraph() -> None:
    text = "« Nous avons beaucoup travaillé cette année.\nLes résultats sont là. »\nFin."
    s = only(text)
    assert text[s.start : s.end] == "Nous avons beaucoup travaillé cette année."
    assert s.recovered
    assert s.paragraph == 0
    assert s.close_pos <= text.index("\n")


# --- stray and unclosed marks ---------------------------------------------------------------


@pytest.mark.parametrize("mark", ["»", "”"])
def test_lone_closing_mark_is_ignored(mark: str) -> None:
    text = f"Un signe {mark} perdu au milieu de la phrase."
    assert scan(text) == []


def test_lone_closing_mark_before_a_real_quote() -> None:
    text = "Un signe » perdu, puis il a dit « bonsoir » et il est parti."
    assert contents(text) == ["bonsoir"]


def test_lone_opener_at_paragraph_start_then_quote_next_paragraph() -> None:
    text = "« Un intertitre sans fermeture\nLe ministre a déclaré « nous agirons vite » hier."
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Un intertitre sans fermeture",
        "nous agirons vite",
    ]
    assert spans[0].recovered and spans[0].paragraph == 0
    assert not spans[1].recovered and spans[1].paragraph == 1
    check_offsets(text, spans)


@pytest.mark.parametrize(
    "incise",
    [
        ", a-t-il dit",
        ", a déclaré le ministre",
        ", dit-elle",
        ", ont-ils affirmé",
        ", estime-t-elle",
    ],
)
def test_unclosed_quote_closed_before_incise(incise: str) -> None:
    text = f"« Nous ne céderons pas{incise}, avant de quitter la salle."
    s = only(text)
    assert text[s.start : s.end] == "Nous ne céderons pas"
    assert s.recovered
    assert s.close_pos == text.index(",")


def test_unclosed_quote_closed_after_its_exclamation_before_incise() -> None:
    text = "« Quelle honte ! a-t-il dit en sortant."
    s = only(text)
    assert text[s.start : s.end] == "Quelle honte !"
    assert s.recovered


def test_unclosed_quote_closed_before_next_opener_same_paragraph() -> None:
    text = "« Nous partirons demain. Ensuite il a ajouté « sans regret » en souriant."
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Nous partirons demain. Ensuite il a ajouté",
        "sans regret",
    ]
    assert spans[0].recovered and not spans[1].recovered
    assert spans[0].close_pos == spans[1].open_pos
    check_offsets(text, spans)


def test_unclosed_quote_without_cue_runs_to_paragraph_end() -> None:
    text = "Il a crié « tout le monde dehors\nLa salle s'est vidée."
    s = only(text)
    assert text[s.start : s.end] == "tout le monde dehors"
    assert s.recovered and s.close_pos == text.index("\n")


def test_unclosed_straight_quote_is_recovered() -> None:
    text = 'Il a dit "rien du tout\nFin de la réunion.'
    s = only(text)
    assert text[s.start : s.end] == "rien du tout"
    assert s.recovered


def test_empty_quote_is_dropped() -> None:
    assert scan("Il a dit « » puis «\u00a0» et rien.") == []


def test_no_marks() -> None:
    assert scan("") == []
    assert scan("Pas la moindre citation ici.") == []


# --- paragraph_bounds -----------------------------------------------------------------------


def test_paragraph_bounds_newlines() -> None:
    text = "Premier.\nDeuxième.\r\nTroisième."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["Premier.", "Deuxième.", "Troisième."]


def test_paragraph_bounds_blank_lines_and_trailing_spaces() -> None:
    text = "Premier.  \n\n   \nDeuxième."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["Premier.", "Deuxième."]


def test_paragraph_bounds_runs_of_three_spaces() -> None:
    text = "Premier.   Deuxième.  Toujours deux.\u00a0\u00a0\u00a0Troisième."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == [
        "Premier.",
        "Deuxième.  Toujours deux.",
        "Troisième.",
    ]


def test_paragraph_bounds_single_paragraph() -> None:
    assert paragraph_bounds("") == [(0, 0)]
    assert paragraph_bounds("Une seule ligne.") == [(0, 16)]


def test_three_spaces_break_a_quote_like_a_newline() -> None:
    text = "Il a dit « premier paragraphe   second paragraphe » hier."
    s = only(text)
    assert text[s.start : s.end] == "premier paragraphe"
    assert s.recovered


def test_paragraph_index_of_later_quotes() -> None:
    text = "Intro.\nIl a dit « un ».\n\nElle a dit « deux »."
    assert [s.paragraph for s in scan(text)] == [1, 2]


# --- offsets --------------------------------------------------------------------------------

SAMPLES = [
    "Le maire a lancé « Nous tiendrons bon » devant la foule.",
    "«\u00a0Oui\u00a0», a-t-il dit. “Non”, a-t-elle répondu.",
    'Il a dit "bonjour" puis „au revoir“ et «\u202fà demain\u202f».',
    "« Un.\n« Deux. »\nTrois « quatre",
    "« Jamais, a-t-il dit. Puis « encore » et « toujours »",
    "Un » perdu « et un « imbriqué » pas fermé",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_are_consistent(text: str) -> None:
    spans = scan(text)
    assert spans
    check_offsets(text, spans)
