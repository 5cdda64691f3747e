"""Who an English mention stands for (quotes.lang.en.people), without the model: names
to their fullest form, titles to roles, pronouns to the latest matching person.
Sentences written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotes.lang.en.people import People, split_title

TEXT = (
    "Prime Minister Justin Ardent met Ms. Rita Moss and Erin Cole on Monday. "
    "Later, Sam Cole and Dr. Omar J. Haddad spoke. But Tim Guest left."
)


def test_fullest_name_of_a_surname() -> None:
    p = People(TEXT)
    assert p.fullest("Ardent") == "Justin Ardent"
    assert p.fullest("Moss") == "Rita Moss"


def test_a_middle_initial_is_kept() -> None:
    assert People(TEXT).fullest("Haddad") == "Omar J Haddad"


def test_function_words_and_titles_are_not_first_names() -> None:
    p = People(TEXT)
    assert p.fullest("Tim Guest") == "Tim Guest"  # not "But Tim Guest"
    assert p.fullest("Justin Ardent") == "Justin Ardent"  # not "Minister Justin Ardent"


def test_two_people_sharing_a_surname_the_nearest_before() -> None:
    p = People(TEXT)
    assert p.fullest("Cole", at=TEXT.index("Later")) == "Erin Cole"
    assert p.fullest("Cole", at=TEXT.index("But")) == "Sam Cole"


def test_title_goes_to_the_role_and_gives_the_gender() -> None:
    p = People(TEXT)
    name = p.name(["Ms.", "Moss"], at=0)
    assert name == "Rita Moss"
    assert p.roles[name] == "Ms."
    assert p.gender(name) == "female"


def test_a_title_written_earlier_is_the_role() -> None:
    p = People(TEXT)
    assert p.roles.get(p.name(["Ardent"], at=len(TEXT))) == "Prime Minister"


def test_split_title() -> None:
    assert split_title(["Prime", "Minister", "Justin", "Ardent"]) == (
        ["Prime", "Minister"],
        ["Justin", "Ardent"],
    )
    assert split_title(["Mayor"]) == ([], ["Mayor"])  # a title alone stays a word


def test_pronoun_takes_the_latest_subject_of_its_gender() -> None:
    p = People(TEXT)
    p.name(["Ms.", "Moss"], at=10)
    p.name(["Mr.", "Ardent"], at=20)
    assert p.pronoun("she", at=30) == "Rita Moss"
    assert p.pronoun("he", at=30) == "Justin Ardent"
    assert p.pronoun("he", at=5) is None  # nobody named before


def test_a_subject_wins_over_a_name_in_passing() -> None:
    p = People(TEXT)
    p.name(["Rita", "Moss"], at=10, salient=True)
    p.name(["Erin", "Cole"], at=20, salient=False)
    assert p.pronoun("she", at=30) == "Rita Moss"


def test_it_is_an_organisation() -> None:
    p = People(TEXT)
    p.name(["Rita", "Moss"], at=10)
    p.thing("the city council", 20, "org")
    assert p.pronoun("it", at=30) == "the city council"


def test_a_description_links_to_the_person_with_that_role() -> None:
    p = People("Jane Roe, a spokesperson for the union, spoke.")
    name = p.name(["Jane", "Roe"], at=0)
    p.roles[name] = "a spokesperson for the union"
    assert p.described("the spokesperson", ["spokesperson"], at=40) == "Jane Roe"
    assert p.described("the mayor", ["mayor"], at=40) == "the mayor"


names = st.lists(
    st.sampled_from(["Ann", "Roe", "Lee", "Omar", "Kim", "Tran", "J.", "Hall"]),
    min_size=1,
    max_size=4,
)


@given(st.lists(names, min_size=1, max_size=6), names)
def test_fullest_always_ends_with_the_name_itself(runs: list[list[str]], name: list[str]) -> None:
    text = ". ".join(" ".join(r) for r in runs) + "."
    asked = " ".join(w for w in name if w != "J.") or "Roe"
    full = People(text).fullest(asked).split()
    ends = full[-len(asked.split()) :] == asked.split()
    first_name = len(asked.split()) == 1 and len(full) == 2 and full[0] == asked
    assert ends or first_name  # a surname's fuller form, or a lone first name's


def test_a_first_name_alone_is_the_one_person_of_that_first_name() -> None:
    p = People("Jody Crane sold the boat in May. Jody kept the oars.")
    assert p.fullest("Jody") == "Jody Crane"
    two = People("Jody Crane and Jody Lane sold the boat in May. Jody kept the oars.")
    assert two.fullest("Jody") == "Jody"  # two of that first name: nobody in particular


def test_a_possessive_after_the_one_person_named_gives_the_gender() -> None:
    text = (
        "Jody Crane sold his boat in May to pay for the trip.\n\n"
        "Wanda Reyes, Jody's mother, wrote to the council. Jody kept the oars.\n\n"
        '"I will not let the council forget," she says.'
    )
    from quotes import extract

    assert [q.speaker for q in extract(text, lang="en")] == ["Wanda Reyes"]


def test_a_gendered_role_gives_the_gender() -> None:
    p = People("Wanda Reyes, Jody's mother, spoke.")
    p.roles["Wanda Reyes"] = "Jody's mother"
    p.roles["Tom Lee"] = "a spokesman for the city"
    p.roles["Ann Roe"] = "the city's lawyer"
    assert [p.gender_of(n) for n in ("Wanda Reyes", "Tom Lee", "Ann Roe")] == ["f", "m", None]


def test_two_given_names_are_kept_when_the_run_also_holds_a_credit() -> None:
    """ "Photo Desk Anne Marie Lund": of the forms one run gives, the longest name."""
    p = People("Photo Desk Anne Marie Lund smiles. Later, Lund spoke.")
    assert p.fullest("Lund", 40) == "Anne Marie Lund"


def test_a_surname_with_a_particle_is_short_for_the_full_name() -> None:
    """ "Al Kadi", "Van Orden": a surname of two words, not a first name and a surname."""
    p = People("Rania Al Kadi and Piet Van Orden arrived in 2016. Later, Al Kadi spoke.")
    assert p.fullest("Al Kadi") == "Rania Al Kadi"
    assert p.fullest("Van Orden") == "Piet Van Orden"


def test_an_organisation_described_is_its_capitalised_name_only() -> None:
    """ "the commission" after "the judge who chaired the Truth and Peace Commission":
    the name (capitalised words, "and" between), never the lowercase words before."""
    text = "The report came from the chief judge who chaired the Truth and Peace Commission. "
    p = People(text + "The commission said")
    assert p.organisation("the commission", len(text)) == "the Truth and Peace Commission"


def test_a_title_with_an_of_phrase_runs_up_to_the_first_name() -> None:
    assert split_title("Chief of Police Ana Ruiz".split()) == (
        ["Chief", "of", "Police"],
        ["Ana", "Ruiz"],
    )
    assert split_title("Mayor of Ashford Brill".split()) == (["Mayor"], ["of", "Ashford", "Brill"])


def test_lowercase_particles_inside_a_name() -> None:
    """ "Ilse van der Mark", "Rafa de la Torre": the particles are part of the surname;
    a capitalised "Ben" or "Al" is still a first name."""
    p = People("Mayor Ilse van der Mark met Rafa de la Torre and Ben Wardell on Monday.")
    assert p.fullest("Mark") == "Ilse van der Mark"
    assert p.fullest("Torre") == "Rafa de la Torre"
    assert p.fullest("Wardell") == "Ben Wardell"
