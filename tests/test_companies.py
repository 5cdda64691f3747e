"""quotes.attribution.companies: "l'entreprise", "le groupe" after a company is named;
quotes.terms: a naming word separated from the marks by a comma reports, it names nothing."""

from __future__ import annotations

import pytest

from quotes import extract

_SAID = "« Nous n'avons pas le choix », a indiqué l'entreprise."


@pytest.mark.parametrize(
    ("intro", "company"),
    [
        ("Alstom a annoncé des licenciements.", "Alstom"),
        ("Le constructeur Alstom a annoncé des licenciements.", "Alstom"),
        ("La société New Corp a annoncé des licenciements.", "New Corp"),
    ],
)
def test_a_bare_company_noun_is_the_company_named_before(intro: str, company: str) -> None:
    (row,) = extract(f"{intro} {_SAID}")
    assert row.speaker == company


@pytest.mark.parametrize(
    "intro",
    [
        "Marie Dupont a rencontré les salariés.",  # a person is no company
        "Le syndicat CGT a manifesté.",  # another kind of organisation
    ],
)
def test_no_company_named_before_leaves_the_description(intro: str) -> None:
    (row,) = extract(f"{intro} {_SAID}")
    assert row.speaker == "l'entreprise"


def test_a_company_named_long_before_is_not_taken() -> None:
    filler = " ".join(["Les salariés attendent une réponse depuis des mois."] * 14)
    (row,) = extract(f"Alstom a annoncé des licenciements. {filler} {_SAID}")
    assert row.speaker == "l'entreprise"


def test_selon_le_groupe_then_a_comma_is_a_source_not_a_name() -> None:
    text = "Alstom a annoncé des licenciements. Selon le groupe, « il n'y a pas le choix »."
    (row,) = extract(text)
    assert (row.kind, row.speaker) == ("direct", "Alstom")


def test_a_naming_word_right_before_the_marks_still_names() -> None:
    text = "Le groupe « Les Insoumis » a voté contre. « Nous resterons unis », a dit Paul Roy."
    assert [r.quote for r in extract(text)] == ["Nous resterons unis"]
