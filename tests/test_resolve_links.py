"""Registry links between mentions (quotes.attribution.resolve), on mentions placed by hand:
which descriptions and pronouns may designate an earlier mention, and which may not."""

from __future__ import annotations

from helpers import at, extract, pron

from quotes.attribution.resolve import SOURCE, SUBJECT, Registry


def test_fuller_description_not_for_an_indefinite() -> None:
    """aliases.fuller_description: "des bonnets" introduces new people, it does not repeat
    "les bonnets verts les plus déterminés"."""
    text = "Les bonnets verts les plus déterminés ont défilé. Des bonnets ont appelé à «marcher»."
    reg = Registry(text)
    reg.add(at(text, "Les bonnets verts les plus déterminés", number="pl"), None, 0, SUBJECT)
    assert reg.resolve(at(text, "Des bonnets", number="pl"), 1) == "Des bonnets"
    # a definite description still takes the fuller wording said before
    text2 = "La présidence française a réagi. La présidence a démenti."
    reg2 = Registry(text2)
    reg2.add(at(text2, "La présidence française", gender="f"), None, 0, SUBJECT)
    assert reg2.resolve(at(text2, "La présidence", gender="f", occurrence=1), 1) == (
        "La présidence française"
    )


def test_ils_never_stands_for_one_feminine_plural_noun() -> None:
    """antecedent: "Ces revendications vont… «…», préviennent-ils" -> not the demands."""
    text = "Les délégués ont écrit. Ces revendications sont claires. «Oui», préviennent-ils."
    reg = Registry(text)
    reg.add(at(text, "Les délégués", gender="m", number="pl"), "Les délégués", 0, SUBJECT)
    demands = at(text, "Ces revendications", gender="f", number="pl")
    reg.add(demands, "Ces revendications", 1, SUBJECT)
    assert reg.antecedent(pron(text, "ils"), 2) == "Les délégués"


def test_ils_may_stand_for_a_mixed_pair() -> None:
    """antecedent: "Anne Roy et Paul Vidal" (marked feminine by the first name) -> "ils"."""
    text = "Anne Roy et Paul Vidal ont signé. «Enfin», ont-ils dit."
    reg = Registry(text)
    pair = at(text, "Anne Roy et Paul Vidal", name="Anne Roy et Paul Vidal", gender="f")
    reg.add(
        type(pair)(pair.start, pair.end, pair.text, pair.name, "f", "pl", person=True),
        "Anne Roy et Paul Vidal",
        0,
        SOURCE,
    )
    assert reg.antecedent(pron(text, "ils"), 1) == "Anne Roy et Paul Vidal"


def test_a_description_keeps_what_it_was_resolved_to() -> None:
    """resolve: a subject resolved in its own sentence keeps that speaker when it is later
    a quote's source ("Le vieil homme se souvient. «…»"), where the name is further back."""
    text = "Robert Maillard répare sa barque. Le vieil homme se souvient. «La mer est montée.»"
    reg = Registry(text)
    old = at(text, "Le vieil homme", gender="m", person=True)
    reg.add(old, "Robert Maillard", 1, SUBJECT)
    assert reg.resolve(old, 5) == "Robert Maillard"


def test_context_reaches_three_sentences_back() -> None:
    """windows.CONTEXT_SENTENCES_BEFORE: the person named three sentences before the quote
    is known when the description before it is resolved."""
    text = (
        "À 81 ans, Robert Maillard est le doyen des marins du port. Nous l'avons rencontré "
        "sur le quai, où il repeint sa barque. Le vieil homme se souvient des tempêtes. "
        "«En 1987, la mer est entrée dans les maisons.»"
    )
    (q,) = extract(text)
    assert q.speaker == "Robert Maillard"


def test_apposed_name_links_a_description_given_next_to_a_name() -> None:
    """apposed_name: "Hélène Garnier, proche du collectif et propriétaire du bar" makes "La
    propriétaire du bar" Hélène Garnier; a description never said next to a name does not."""
    text = (
        "Hélène Garnier, proche du collectif et propriétaire du bar, a parlé. "
        "La propriétaire du bar a souri. La patronne du port a ri."
    )
    reg = Registry(text)
    reg.add(at(text, "Hélène Garnier", name="Hélène Garnier", gender="f", person=True), None)
    owner = at(text, "La propriétaire du bar", gender="f", person=True)
    assert reg.resolve(owner, 1) == "Hélène Garnier"
    other = at(text, "La patronne du port", gender="f", person=True)
    assert reg.apposed_name(other) is None


def test_apposed_name_not_across_a_sentence() -> None:
    """apposed_name: the description must be the name's apposition, in its sentence."""
    text = "Hélène Garnier a parlé. Le bar est fermé. La propriétaire du bar a souri."
    reg = Registry(text)
    reg.add(at(text, "Hélène Garnier", name="Hélène Garnier", gender="f", person=True), None)
    assert reg.apposed_name(at(text, "La propriétaire du bar", gender="f")) is None


def test_possessive_anaphor_takes_either_gender() -> None:
    """_compatible: "son"/"sa" mark the thing's gender, not the owner's."""
    text = "Hélène Garnier a défilé. «Non», disait son panneau."
    reg = Registry(text)
    reg.add(at(text, "Hélène Garnier", name="Hélène Garnier", gender="f", person=True), None)
    son = at(text, "son")
    owner = type(son)(son.start, son.end, "son", None, "", "sg", pronoun=True)
    assert reg.antecedent(owner, 1) == "Hélène Garnier"
