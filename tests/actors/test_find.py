"""Actors on articles the project wrote: types, merged names, roles, noise, salience, data."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.actors.gazetteer import load
from diplobrief.models import Actor

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def read_article(name: str) -> tuple[str, tuple[str, ...], str]:
    """Return (title, authors, body) of a fixture: header lines, a blank line, the body."""
    head, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines())
    authors = tuple(a.strip() for a in meta["Authors"].split(",") if a.strip())
    return meta["Title"].strip(), authors, body


@pytest.fixture(scope="session")
def articles(nlp: Language) -> dict[str, tuple[Actor, ...]]:
    found = {}
    for name in ("nuclear_talks", "border_ceasefire", "air_defence"):
        title, authors, body = read_article(f"actors_{name}.txt")
        found[name] = find_actors(nlp(body), title=title, authors=authors)
    return found


def by_name(actors: tuple[Actor, ...]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def actors_of(nlp: Language, text: str, **kwargs: object) -> dict[str, Actor]:
    return by_name(find_actors(nlp(text), **kwargs))  # type: ignore[arg-type]


# -- types ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "name", "kind"),
    [
        ("nuclear_talks", "Iran", "state"),
        ("nuclear_talks", "Oman", "state"),
        ("nuclear_talks", "IAEA", "organisation"),
        ("nuclear_talks", "European Union", "organisation"),
        ("nuclear_talks", "UN Security Council", "organisation"),
        ("nuclear_talks", "Iranian Foreign Ministry", "government_body"),
        ("nuclear_talks", "U.S. State Department", "government_body"),
        ("nuclear_talks", "Claire Dubois", "person"),
        ("border_ceasefire", "Rapid Support Forces", "group"),
        ("border_ceasefire", "African Union", "organisation"),
        ("air_defence", "Pentagon", "government_body"),
        ("air_defence", "White House", "government_body"),
        ("air_defence", "U.S. Congress", "government_body"),
        ("air_defence", "Kremlin", "government_body"),
        ("air_defence", "NATO", "organisation"),
    ],
)
def test_actors_are_typed(
    articles: dict[str, tuple[Actor, ...]], article: str, name: str, kind: str
) -> None:
    assert by_name(articles[article])[name].type == kind


def test_unknown_organisations_are_typed_by_their_name(nlp: Language) -> None:
    text = (
        "The Tigray People's Liberation Front rejected the deal. The Ugandan Ministry of "
        "Water met officials from the Eurasia Policy Institute on Monday."
    )
    actors = actors_of(nlp, text)
    assert actors["Tigray People's Liberation Front"].type == "group"
    assert actors["Eurasia Policy Institute"].type == "organisation"
    bureau = actors_of(nlp, "The Bureau of Prisons suspended two guards.")["Bureau of Prisons"]
    assert bureau.type == "government_body"
    ministry = actors["Ugandan Ministry of Water"]
    assert (ministry.type, ministry.country_code) == ("government_body", "UG")


# -- merging -------------------------------------------------------------------------------------


def test_short_names_merge_into_the_full_name(articles: dict[str, tuple[Actor, ...]]) -> None:
    actors = by_name(articles["nuclear_talks"])
    dubois = actors["Claire Dubois"]
    assert "Dubois" in dubois.aliases
    assert dubois.mentions == 4  # one full name, three "Dubois" (two the tagger missed)
    assert "Dubois" not in actors and "Karimi" not in actors


def test_a_generational_suffix_does_not_split_a_person(nlp: Language) -> None:
    text = (
        "Patrick W. Delaney Jr. pleaded guilty on Monday to threatening a senator. "
        "Delaney had sent dozens of messages."
    )
    delaney = actors_of(nlp, text)["Patrick W. Delaney Jr."]
    assert (delaney.mentions, delaney.aliases) == (2, ("Delaney",))


def test_a_name_tagged_as_an_organisation_after_a_title_is_a_person(nlp: Language) -> None:
    quispe = actors_of(nlp, "Peruvian diplomat Elena Quispe met her counterparts.")["Elena Quispe"]
    assert (quispe.type, quispe.role, quispe.country_code) == ("person", "Peruvian diplomat", "PE")


def test_titles_and_honorifics_leave_the_name(articles: dict[str, tuple[Actor, ...]]) -> None:
    actors = by_name(articles["air_defence"])
    assert actors["Emre Aydın"].aliases == ("Aydın",)  # "Mr. Aydın" is the same man
    people = [a.name for a in articles["air_defence"] if a.type == "person"]
    for name in people:
        assert not any(word in name for word in ("Mr.", "Secretary", "Minister", "Senator"))


def test_possessives_and_articles_are_stripped(articles: dict[str, tuple[Actor, ...]]) -> None:
    for actors in articles.values():
        for actor in actors:
            assert not actor.name.endswith(("’s", "'s")), actor.name
            assert not actor.name.lower().startswith(("the ", "another ")), actor.name


def test_curly_possessive_of_a_state_is_the_state(nlp: Language) -> None:
    actors = actors_of(nlp, "North Korea’s envoy left early. Chile’s delegation stayed.")
    assert {"North Korea", "Chile"} <= set(actors)
    assert actors["North Korea"].aliases == ()


def test_demonyms_and_capitals_merge_into_their_state(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["nuclear_talks"])
    assert {"Tehran", "Iranian"} <= set(actors["Iran"].aliases)
    assert {"Paris", "French"} <= set(actors["France"].aliases)
    assert {"Berlin", "German"} <= set(actors["Germany"].aliases)
    assert not {"Tehran", "Paris", "Berlin", "French", "Iranian"} & set(actors)


def test_a_capital_named_as_a_place_is_not_its_state(nlp: Language) -> None:
    assert "Iran" not in actors_of(nlp, "The minister arrived in Tehran on Monday evening.")
    assert "Iran" in actors_of(nlp, "Tehran rejected the offer on Monday evening.")


def test_a_dateline_is_not_a_mention(nlp: Language) -> None:
    actors = actors_of(nlp, "WASHINGTON — Senators from both parties met on Monday.")
    assert "United States" not in actors


def test_abbreviations_merge(nlp: Language) -> None:
    text = (
        "The United Nations called for calm. The U.N. envoy flew to Geneva, and the UN "
        "will hold talks there."
    )
    un = actors_of(nlp, text)["United Nations"]
    assert un.mentions == 3
    assert set(un.aliases) == {"U.N.", "UN"}


def test_us_forms_are_one_state(nlp: Language) -> None:
    text = (
        "The United States imposed sanctions. U.S. officials said Washington would not "
        "relent, and American diplomats agreed. The US Treasury published the list."
    )
    actors = actors_of(nlp, text)
    us = actors["United States"]
    assert us.country_code == "US"
    assert {"U.S.", "Washington", "American"} <= set(us.aliases)
    assert actors["U.S. Treasury"].type == "government_body"


def test_generic_bodies_take_the_state_that_qualifies_them(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["border_ceasefire"])
    ministry = actors["Sudanese Defence Ministry"]
    assert (ministry.affiliation, ministry.country_code) == ("Sudan", "SD")
    assert "Sudan’s Defence Ministry" in ministry.aliases
    parliament = actors["Ethiopian Parliament"]  # written "Ethiopia’s parliament"
    assert parliament.country_code == "ET"


def test_a_bare_generic_body_joins_the_last_qualified_one(nlp: Language) -> None:
    text = (
        "China's foreign ministry criticised the visit. Later, the Foreign Ministry said "
        "talks would continue."
    )
    ministry = actors_of(nlp, text)["Chinese Foreign Ministry"]
    assert ministry.mentions == 2


# -- roles and affiliations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "name", "role", "affiliation", "code"),
    [
        ("nuclear_talks", "Claire Dubois", "French Foreign Minister", "France", "FR"),
        ("nuclear_talks", "Reza Karimi", "Iran’s Foreign Ministry spokesman", "Iran", "IR"),
        ("nuclear_talks", "Josef Brandt", "German government spokesman", "Germany", "DE"),
        ("nuclear_talks", "Ana Ferreira", "IAEA official", "IAEA", None),
        ("nuclear_talks", "Ali Rahimi", "Iranian negotiator", "Iran", "IR"),
        ("nuclear_talks", "Hossein Tabari", "Iranian negotiator", "Iran", "IR"),
        ("nuclear_talks", "Lena Varga", "EU foreign policy chief", "European Union", None),
        ("air_defence", "Daniel Hartley", "Secretary of State", "United States", "US"),
        ("air_defence", "Lars Eriksen", "NATO Secretary-General", "NATO", None),
        ("air_defence", "Emre Aydın", "Turkish Foreign Minister", "Turkey", "TR"),
        (
            "border_ceasefire",
            "Peter Lual Deng",
            "South Sudanese Information Minister",
            "South Sudan",
            "SS",
        ),
        ("border_ceasefire", "Moussa Traoré", "AU Commission chairperson", "African Union", None),
        ("border_ceasefire", "Stéphane Olsen", "spokesman", None, None),
    ],
)
def test_roles_and_affiliations(
    articles: dict[str, tuple[Actor, ...]],
    article: str,
    name: str,
    role: str,
    affiliation: str | None,
    code: str | None,
) -> None:
    actor = by_name(articles[article])[name]
    assert (actor.role, actor.affiliation, actor.country_code) == (role, affiliation, code)


def test_a_role_naming_its_body_beats_a_bare_title(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    whitfield = by_name(articles["air_defence"])["Grace Whitfield"]
    assert whitfield.role == "chair of the Senate Foreign Relations Committee"
    assert whitfield.country_code == "US"


def test_an_envoy_to_a_state_does_not_belong_to_it(nlp: Language) -> None:
    text = (
        "The talks were led by Mark Olsen, the U.S. special envoy to Sudan. Special envoy "
        "to Mali Omar Haddad joined them."
    )
    actors = actors_of(nlp, text)
    assert actors["Mark Olsen"].affiliation == "United States"
    assert actors["Omar Haddad"].affiliation is None


def test_its_spokesman_belongs_to_the_body_named_before(nlp: Language) -> None:
    text = (
        "Iran’s foreign ministry rejected the criticism. Its spokesman, Esmaeil Baghaei, "
        "said the workers had broken the law."
    )
    spokesman = actors_of(nlp, text)["Esmaeil Baghaei"]
    assert (spokesman.role, spokesman.affiliation, spokesman.country_code) == (
        "spokesman",
        "Iran",
        "IR",
    )


def test_a_title_cut_at_of_keeps_only_its_own_modifiers(nlp: Language) -> None:
    text = "Anna Berg, daughter of former Swedish Prime Minister Lars Berg, spoke on Monday."
    actors = actors_of(nlp, text)
    assert actors["Lars Berg"].role == "former Swedish Prime Minister"
    assert actors["Lars Berg"].country_code == "SE"


def test_bodies_groups_and_people_carry_their_state(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["air_defence"])
    assert (actors["Kremlin"].affiliation, actors["Kremlin"].country_code) == ("Russia", "RU")
    assert actors["Pentagon"].country_code == "US"
    assert actors["Turkey"].country_code == "TR" and actors["Turkey"].affiliation is None
    assert actors["NATO"].country_code is None


# -- noise ---------------------------------------------------------------------------------------


def test_authors_bylines_and_social_networks_are_not_actors(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    names = {n for actors in articles.values() for a in actors for n in (a.name, *a.aliases)}
    for noise in ("Marta Kowalski", "Kowalski", "Twitter", "Daniel Mwangi", "Paul Ostrander"):
        assert noise not in names


def test_an_author_is_dropped_by_metadata_alone(nlp: Language) -> None:
    text = "Sofia Lind met the Danish envoy in Oslo. Sofia Lind wrote that talks went well."
    assert "Sofia Lind" in actors_of(nlp, text)
    assert "Sofia Lind" not in actors_of(nlp, text, authors=["Sofia Lind"])


def test_dates_and_numbers_are_not_actors(articles: dict[str, tuple[Actor, ...]]) -> None:
    for actors in articles.values():
        for actor in actors:
            assert not any(ch.isdigit() for ch in actor.name), actor.name
            assert actor.name not in {"Tuesday", "March", "October", "June", "Friday"}


def test_a_headline_in_the_body_yields_no_fragments(nlp: Language) -> None:
    title, authors, body = read_article("actors_nuclear_talks.txt")
    actors = find_actors(nlp(f"{title}\n\n{body}"), title=title, authors=authors)
    names = [a.name for a in actors]
    assert not any(word in name for name in names for word in ("Presses", "Return", "Talks"))
    assert names.count("France") == 1


# -- salience ------------------------------------------------------------------------------------


def test_actors_are_ranked_and_the_top_ones_are_key(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    for actors in articles.values():
        saliences = [a.salience for a in actors]
        assert saliences == sorted(saliences, reverse=True)
        assert saliences[0] == 1.0
        keys = [a.key for a in actors]
        assert 1 <= sum(keys) <= 6
        assert keys == sorted(keys, reverse=True)  # the key actors come first


def test_the_headline_raises_salience(nlp: Language) -> None:
    _, authors, body = read_article("actors_nuclear_talks.txt")
    doc = nlp(body)
    plain = by_name(find_actors(doc, authors=authors))["Oman"].salience
    titled = by_name(find_actors(doc, title="Oman to Host Talks", authors=authors))["Oman"]
    assert titled.salience > plain


def test_the_summary_raises_salience(nlp: Language) -> None:
    _, authors, body = read_article("actors_nuclear_talks.txt")
    doc = nlp(body)
    oman = next(i for i, s in enumerate(doc.sents) if "Oman" in s.text)
    plain = by_name(find_actors(doc, authors=authors))["Oman"].salience
    summary = by_name(find_actors(doc, authors=authors, summary_sents=[oman]))["Oman"]
    assert summary.salience > plain


def test_an_empty_body_has_no_actors(nlp: Language) -> None:
    assert find_actors(nlp("")) == ()
    assert find_actors(nlp("   \n\n  ")) == ()


# -- the tables ----------------------------------------------------------------------------------


def _countries() -> list[dict[str, object]]:
    path = resources.files("diplobrief") / "data" / "countries.json"
    states: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["states"]
    return states


def test_every_un_member_and_observer_is_in_the_table() -> None:
    states = _countries()
    statuses = [s["status"] for s in states]
    assert statuses.count("member") == 193
    assert statuses.count("observer") == 2
    territories = [s for s in states if s["status"] == "territory"]
    assert [s["name"] for s in territories] == ["Hong Kong", "Macau"]
    assert all(s["part_of"] == "CN" and s["kind"] for s in territories)
    codes = [str(s["iso2"]) for s in states]
    assert len(set(codes)) == len(codes)
    for state in states:
        code = str(state["iso2"])
        assert len(code) == 2 and code.isupper()
        flag = "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code)
        assert state["flag"] == flag
        assert state["name"] and state["capital"]
        assert state["demonyms"] or state["shared_demonyms"]  # "Congolese" is either Congo


def test_the_table_is_what_the_generator_makes() -> None:
    pytest.importorskip("pycountry")  # the generator's dependency (dev only)
    spec = importlib.util.spec_from_file_location(
        "make_countries", ROOT / "tools/make_countries.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == _countries()


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("U.N.", "United Nations", "organisation"),
        ("UN", "United Nations", "organisation"),
        ("EU", "European Union", "organisation"),
        ("NATO", "NATO", "organisation"),
        ("IAEA", "IAEA", "organisation"),
        ("WHO", "WHO", "organisation"),
        ("IMF", "IMF", "organisation"),
        ("World Bank", "World Bank", "organisation"),
        ("WTO", "WTO", "organisation"),
        ("ASEAN", "ASEAN", "organisation"),
        ("African Union", "African Union", "organisation"),
        ("OPEC", "OPEC", "organisation"),
        ("OSCE", "OSCE", "organisation"),
        ("G7", "G7", "organisation"),
        ("G-20", "G20", "organisation"),
        ("Arab League", "Arab League", "organisation"),
        ("Security Council", "UN Security Council", "organisation"),
        ("State Department", "U.S. State Department", "government_body"),
        ("Kremlin", "Kremlin", "government_body"),
        ("Foreign Ministry", "Foreign Ministry", "government_body"),
        ("Pentagon", "Pentagon", "government_body"),
        ("White House", "White House", "government_body"),
        ("Congress", "U.S. Congress", "government_body"),
        ("Downing Street", "Downing Street", "government_body"),
        ("Élysée", "Élysée", "government_body"),
        ("Pyongyang", "North Korea", "state"),
        ("American", "United States", "state"),
        ("Holy See", "Holy See", "state"),
        ("Palestine", "Palestine", "state"),
        ("Hezbollah", "Hezbollah", "group"),
    ],
)
def test_names_come_from_the_tables(name: str, expected: str, kind: str) -> None:
    found = load().lookup_text(name)
    assert found is not None
    assert (found[0].name, found[0].type) == (expected, kind)


def test_lower_case_words_do_not_match_acronyms() -> None:
    gaz = load()
    assert gaz.lookup_text("us") is None and gaz.lookup_text("who") is None


def test_the_runtime_does_not_need_pycountry() -> None:
    code = (
        "import sys; sys.modules['pycountry'] = None\n"
        "from diplobrief.actors import gazetteer\n"
        "found = gazetteer.load().lookup_text('Moscow')\n"
        "assert found is not None and found[0].name == 'Russia', found\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_name_is_in_the_headline_only_as_its_words_in_a_row() -> None:
    from diplobrief.actors.find import Cluster, _in_title
    from diplobrief.actors.mentions import Mention, MentionKind

    moon = Mention(
        0,
        2,
        "unknown:blue moon",
        "Blue Moon",
        "organisation",
        None,
        "Blue Moon",
        kind=MentionKind.UNKNOWN,
    )
    cluster = Cluster(moon.key, [moon])
    assert _in_title(cluster, set(), ("lander", "blue", "moon", "picked"))
    assert not _in_title(cluster, set(), ("blue", "origin", "joins", "moon", "missions"))
    assert not _in_title(cluster, set(), ("moon", "talks", "blue"))
    assert not _in_title(cluster, set(), ("old", "blue", "moonshine"))


def test_actors_are_the_same_in_every_process() -> None:
    """Nothing may hang on the order of a set (string hashing differs per process): the same
    article must get the same actors, salience and key marks in every worker."""
    code = (
        "import json, sys\n"
        "from tests.actors.test_find import read_article\n"
        "from diplobrief.actors.find import find_actors\n"
        "from diplobrief.nlp import load_pipeline\n"
        "from diplobrief.config import DEFAULT_MODEL\n"
        "nlp = load_pipeline(DEFAULT_MODEL)\n"
        "out = []\n"
        "for name in ('nuclear_talks', 'border_ceasefire', 'air_defence'):\n"
        "    title, authors, body = read_article(f'actors_{name}.txt')\n"
        "    title = ' '.join(reversed(title.split()))  # words of names apart, and back to front\n"
        "    actors = find_actors(nlp(body), title=title, authors=authors)\n"
        "    out.append([(a.name, a.type, a.role, a.salience, a.key) for a in actors])\n"
        "print(json.dumps(out))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3", "5"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Tensions rose in London on Sunday. China's ambassador to Britain Liu Xiaoming said "
            "the protests must end.",
            "Liu Xiaoming",
            "China's ambassador to Britain",
            "China",
        ),
        (
            "Former U.S. ambassador to Ukraine Marie Yovanovitch testified on Friday.",
            "Marie Yovanovitch",
            "Former U.S. ambassador to Ukraine",
            "United States",
        ),
    ],
)
def test_a_title_keeps_the_state_it_is_posted_to(
    nlp: Language, text: str, name: str, role: str, affiliation: str
) -> None:
    person = by_name(find_actors(nlp(text)))[name]
    assert (person.role, person.affiliation) == (role, affiliation)


def test_credits_in_brackets_are_not_actors(nlp: Language) -> None:
    text = (
        "The Danish envoy Karin Holm met Iranian officials in Vienna on Monday.\n"
        "Holm said the talks would go on.\n"
        "(Reporting by Lena Vogt, Omar Haddad, Ines Berg, with reporting by Pavel Dunin, "
        "editing by Greta Sand.)"
    )
    names = actors_of(nlp, text)
    assert "Karin Holm" in names
    assert not {"Lena Vogt", "Omar Haddad", "Ines Berg", "Pavel Dunin", "Greta Sand"} & set(names)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The case was brought by U.S. Attorney Anne Ruiz, who said the evidence was clear.",
            "Anne Ruiz",
            "U.S. Attorney",
        ),
        (
            "NASA Administrator Jim Bowers said the launch was on schedule.",
            "Jim Bowers",
            "NASA Administrator",
        ),
        (
            "The state schools Superintendent Jennifer Marsh joined the protest in Indianapolis.",
            "Jennifer Marsh",
            "state schools Superintendent",
        ),
    ],
)
def test_more_titles_make_roles(nlp: Language, text: str, name: str, role: str) -> None:
    assert by_name(find_actors(nlp(text)))[name].role == role


def test_a_bare_one_word_person_is_a_tagging_slip(nlp: Language) -> None:
    text = (
        "Foreign Minister Anna Berg met the Danish envoy in Oslo on Monday.\n"
        "Berg said the talks had gone well. Ms Lund, her deputy, agreed.\n"
        "The story was first reported by Intelligencer on Friday.\n"
        "The meeting was covered by Gannett. Reporters from Gannett asked about a second "
        "round, and editors at Gannett ran the story."
    )
    actors = actors_of(nlp, text)
    assert actors["Anna Berg"].key and actors["Lund"].key  # an honorific makes a name
    assert "Intelligencer" not in actors  # once, one bare word: the tagger's slip
    # The tagger calls the chain a person three times: listed, but not a key actor (a bare
    # name that acts or speaks, "Erdogan said", or is in the headline would be).
    assert (actors["Gannett"].type, actors["Gannett"].key) == ("person", False)


def test_a_name_followed_by_a_place_noun_is_a_place(nlp: Language) -> None:
    text = (
        "The UN envoy Karin Holm visited the Rukban camp on Monday.\n"
        "Thousands have fled to the Rukban camp since March, Holm said.\n"
        "Patrick Doyle, 55, of Addison, a village southwest of Ithaca, was charged on Friday.\n"
        "Fires spread through the Sierra Nevada foothills, the Red Cross said."
    )
    names = actors_of(nlp, text)
    assert {"Karin Holm", "Red Cross"} <= set(names)
    assert not {"Rukban", "Addison", "Sierra Nevada"} & set(names)


def test_a_full_name_tagged_as_an_organisation_joins_the_surname_after_it(
    nlp: Language,
) -> None:
    text = (
        "Montell Figgins, who represents Thomas, said his client chose not to accept a plea "
        "agreement.\nFiggins declined to address whether Thomas slept on the job."
    )
    figgins = actors_of(nlp, text)["Montell Figgins"]
    assert (figgins.type, figgins.aliases) == ("person", ("Figgins",))


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        (
            "Harbour Logistics chief executive Maria Costa said the port strike would end soon.",
            "Maria Costa",
            "Harbour Logistics",
        ),
        (
            "Meridian Energy's chief economist Tom Reyes warned of shortages this winter.",
            "Tom Reyes",
            "Meridian Energy",
        ),
    ],
)
def test_an_organisation_the_tables_do_not_know_is_an_affiliation(
    nlp: Language, text: str, name: str, affiliation: str
) -> None:
    assert by_name(find_actors(nlp(text)))[name].affiliation == affiliation


def test_a_long_apposition_is_still_a_role(nlp: Language) -> None:
    text = (
        "Philip Luther, Amnesty International's research and advocacy director for the Middle "
        "East and North Africa, said protesters were shot in several cities."
    )
    luther = by_name(find_actors(nlp(text)))["Philip Luther"]
    assert luther.role == (
        "Amnesty International's research and advocacy director for the Middle East and North "
        "Africa"
    )
    assert luther.affiliation == "Amnesty International"


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (
            "Meridian Holdings Group agreed to buy the port on Monday. Meridian Holdings said "
            "the deal would close in March.",
            "Meridian Holdings Group",
            "Meridian Holdings",
        ),
        (
            "The Chinese Communist Party opened its congress in Beijing. Delegates said the "
            "Communist Party would stay united.",
            "Chinese Communist Party",
            "Communist Party",
        ),
    ],
)
def test_an_organisations_short_name_joins_its_full_name(
    nlp: Language, text: str, name: str, alias: str
) -> None:
    actors = actors_of(nlp, text)
    assert alias not in actors
    assert alias in actors[name].aliases


def test_hong_kong_is_an_actor_of_its_own_and_says_whose_it_is(nlp: Language) -> None:
    text = (
        "Hong Kong's leader John Lee on Tuesday defended a new national security law in the "
        "city's legislature. Hong Kong would not wait for trouble to come, Lee said. Macau "
        "passed a similar law in 2009, and China's Foreign Ministry praised both."
    )
    actors = actors_of(nlp, text)
    hong_kong = actors["Hong Kong"]
    assert hong_kong.type == "state" and hong_kong.country_code == "HK"
    assert hong_kong.role == "special administrative region of China"
    assert hong_kong.mentions == 2
    assert actors["Macau"].role == "special administrative region of China"
    assert actors["John Lee"].affiliation == "Hong Kong"
    assert actors["China"].role is None  # a state is no one's territory


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Officials from Customs and Border Protection said travellers would not be affected.",
            "U.S. Customs and Border Protection",
            "US",
        ),
        (
            "Beijing's Liaison Office in Hong Kong praised the measure.",
            "Chinese Liaison Office",
            "CN",
        ),
        ("Britain's GCHQ and MI5 warned of the risk on Monday.", "GCHQ", "GB"),
        ("Israel's Shin Bet said it had arrested two men.", "Shin Bet", "IL"),
        (
            "China's Ministry of State Security said the spy had been caught.",
            "Ministry of State Security",
            "CN",
        ),
    ],
)
def test_a_government_body_is_one_actor_of_its_state(
    nlp: Language, text: str, name: str, code: str
) -> None:
    actors = actors_of(nlp, text)
    body = actors[name]
    assert body.type == "government_body" and body.country_code == code
    # The tagger's pieces of the name ("Customs", "Border Protection") are not actors of their own.
    assert not [a for a in actors if a != name and a in name]
