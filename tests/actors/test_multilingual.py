"""Actors of articles in other languages, named in English with country codes: states from the
multilingual gazetteer (names, adjectives, capitals), organisations by their names and acronyms
in each language, people from the table of figures, titles and pipelines."""

from __future__ import annotations

import pytest

from diplobrief.actors.multilingual import find_actors, transliterate
from diplobrief.lang.sentences import split
from diplobrief.models import Actor, ActorType
from tests.lang.articles import ARTICLES


def _actors(code: str) -> tuple[Actor, ...]:
    written = ARTICLES[code]
    return find_actors(split(written.text, code), code, title=written.title)


def _of(actors: tuple[Actor, ...], kind: ActorType) -> list[Actor]:
    return [a for a in actors if a.type == kind]


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_every_state_is_found_with_its_country_code(code: str) -> None:
    states = _of(_actors(code), ActorType.STATE)
    codes = {a.country_code for a in states}
    assert codes >= ARTICLES[code].states
    assert not codes & ARTICLES[code].not_states
    assert all(a.name.isascii() or a.country_code for a in states)


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_organisations_are_named_in_english(code: str) -> None:
    names = {a.name for a in _of(_actors(code), ActorType.ORGANISATION)}
    assert names == ARTICLES[code].organisations


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_people_are_named_in_english_with_their_country(code: str) -> None:
    people = {a.name: a.country_code for a in _of(_actors(code), ActorType.PERSON)}
    assert people == ARTICLES[code].people


def test_every_spelling_of_a_figure_is_one_actor() -> None:
    spellings = {
        "fr": "Le chef de la diplomatie russe, Sergueï Lavrov, est à Paris. M. Lavrov a parlé.",
        "es": "El canciller ruso, Serguéi Lavrov, llegó a Madrid. Lavrov habló con la prensa.",
        "de": "Der russische Außenminister Sergej Lawrow ist in Berlin. Lawrow sprach lange.",
        "ru": "Глава МИД Сергей Лавров прибыл в Минск. Лаврова встретили на вокзале.",
        "ar": "وصل وزير الخارجية الروسي سيرغي لافروف إلى القاهرة. وقال لافروف إن الحوار مستمر.",
        "zh": "俄罗斯外长拉夫罗夫抵达北京。拉夫罗夫表示对话将继续。",
    }
    for lang, text in spellings.items():
        people = _of(find_actors(split(text, lang), lang), ActorType.PERSON)
        assert [(p.name, p.country_code, p.mentions) for p in people] == [
            ("Sergei Lavrov", "RU", 2)
        ], lang


def test_a_states_name_in_a_persons_name_is_no_state() -> None:
    actors = _actors("pt")
    montenegro = next(a for a in actors if a.name == "Luís Montenegro")
    assert montenegro.type == ActorType.PERSON and montenegro.mentions == 2
    assert "ME" not in {a.country_code for a in actors}


def test_capitals_stand_for_their_states() -> None:
    for lang, text, code in [
        ("fr", "Moscou a rejeté la proposition de Pékin.", {"RU", "CN"}),
        ("es", "Pekín respondió a Moscú con dureza.", {"CN", "RU"}),
        ("ar", "رحبت الرياض بموقف بكين.", {"SA", "CN"}),
        ("ru", "Пекин ответил Вашингтону.", {"CN", "US"}),
    ]:
        found = {a.country_code for a in _of(find_actors([text], lang), ActorType.STATE)}
        assert found == code, lang


def test_a_person_after_a_title_is_found_with_the_titles_country() -> None:
    text = "Le ministre turc des Affaires étrangères Hakan Fidan a reçu son homologue."
    people = _of(find_actors([text], "fr"), ActorType.PERSON)
    assert [(p.name, p.country_code) for p in people] == [("Hakan Fidan", "TR")]
    text = "Президент Франции Жан Дюпон прибыл в Москву."
    people = _of(find_actors([text], "ru"), ActorType.PERSON)
    assert [(p.name, p.country_code) for p in people] == [("Zhan Dyupon", "FR")]


def test_cyrillic_names_are_transliterated_as_english_news_writes_them() -> None:
    assert transliterate("Сергей Шойгу") == "Sergey Shoygu"
    assert transliterate("Дмитрий Медведев") == "Dmitry Medvedev"
    assert transliterate("Юрий Ушаков") == "Yury Ushakov"


def test_the_most_salient_actors_are_key() -> None:
    actors = _actors("fr")
    assert actors[0].key and actors[0].salience == 1.0
    assert sum(a.key for a in actors) <= 6


def test_a_pipeline_finds_people_no_table_knows() -> None:
    french = find_actors(["Hier, Jean Dupont a rencontré Claire Martin à Genève."], "fr")
    assert {p.name for p in _of(french, ActorType.PERSON)} == {"Jean Dupont", "Claire Martin"}
    russian = find_actors(["Вчера Игорь Петров встретился с Анной Смирновой в Минске."], "ru")
    names = {p.name for p in _of(russian, ActorType.PERSON)}
    assert names == {"Igor Petrov", "Anna Smirnova"}


@pytest.mark.parametrize("code", ["fr", "es", "de", "pt", "ru", "it"])
def test_a_title_gives_the_role_in_english(code: str) -> None:
    people = {a.name: a for a in _of(_actors(code), ActorType.PERSON)}
    guterres = people["António Guterres"]
    assert (guterres.role, guterres.affiliation) == (
        "United Nations secretary-general",
        "United Nations",
    )
    if code != "pt":
        lavrov = people["Sergei Lavrov"]
        assert (lavrov.role, lavrov.affiliation) == ("Russian foreign minister", "Russia")


def test_a_person_known_by_the_table_alone_is_affiliated_with_their_state() -> None:
    people = {a.name: a for a in _of(_actors("zh"), ActorType.PERSON)}
    assert (people["Xi Jinping"].role, people["Xi Jinping"].affiliation) == (None, "China")
