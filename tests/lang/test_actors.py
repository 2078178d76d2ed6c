"""Actors of articles in other languages: people after titles and verbs of saying, offices and
places that are no one, bodies of a state (on short texts written for these tests)."""

from __future__ import annotations

import pytest

from diplobrief.actors import multilingual
from diplobrief.actors.multilingual import find_actors
from diplobrief.models import Actor


def actors(text: str, lang: str) -> tuple[Actor, ...]:
    return find_actors([text], lang)


def people(text: str, lang: str) -> list[str]:
    return [a.name for a in actors(text, lang) if a.type == "person"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "es",
            "Lo anunció la ministra de Transición Ecológica, Sara Aagesen, en Madrid.",
            "Sara Aagesen",
        ),
        ("es", "Lo confirmó el portavoz de la Casa Blanca, Kevin Marsh, el lunes.", "Kevin Marsh"),
        (
            "de",
            "Der Vorsitzende des Ausschusses für Internationalen Handel, Bernd Lange, lehnte ab.",
            "Bernd Lange",
        ),
        (
            "es",
            "Lo dijo la ministra de Asuntos Exteriores de Groenlandia, Vivian Motzfeldt, ayer.",
            "Vivian Motzfeldt",
        ),
    ],
)
def test_a_title_ends_at_the_comma_before_its_apposition(lang: str, text: str, name: str) -> None:
    assert people(text, lang) == [name]


def test_a_name_right_after_its_title_ends_at_the_comma() -> None:
    found = people("El presidente Gustavo Ríos, que llegó ayer, Pablo Gómez y otros.", "es")
    assert found == ["Gustavo Ríos"]


def test_a_later_title_after_a_comma_names_the_person() -> None:
    found = actors("Según su jefe, el eurodiputado portugués Nuno Caldeira Marques, no.", "es")
    person = next(a for a in found if a.type == "person")
    assert (person.name, person.country_code) == ("Nuno Caldeira Marques", "PT")
    assert person.role == "Portuguese member of the European Parliament"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Lo dijo el portavoz del Ministerio de Asuntos Exteriores chino en Pekín."),
        ("es", "Habló el portavoz de la Guardia Costera filipina ante la prensa."),
        ("fr", "Le porte-parole de la Maison Blanche a refusé de commenter."),
        ("de", "Ein Sprecher des Auswärtigen Amtes wollte das nicht kommentieren."),
    ],
)
def test_an_office_or_a_place_is_never_a_person(lang: str, text: str) -> None:
    assert people(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "es",
            "«No tenemos prisa», dijo Laura Beltrán, coordinadora de campañas.",
            "Laura Beltrán",
        ),
        ("es", "«Es pronto», explica Mette Kjærgaard, investigadora.", "Mette Kjærgaard"),
        ("fr", "« Il est trop tôt », a déclaré Claire Martin, chercheuse à Lyon.", "Claire Martin"),
        ("de", "„Das reicht nicht“, sagte Jana Wolters von Germanwatch.", "Jana Wolters"),
        ("de", "„Wir warten ab“, sagt Ursula von der Brücke am Hafen.", "Ursula von der Brücke"),
        ("ru", "«Мы готовы», — заявил Иван Петров журналистам.", "Ivan Petrov"),
    ],
)
def test_the_speaker_after_a_verb_of_saying_is_a_person(lang: str, text: str, name: str) -> None:
    assert people(text, lang) == [name]


def test_a_title_after_a_verb_of_saying_is_no_speaker() -> None:
    assert people("„Gut“, sagte Brasiliens Präsident in Berlin.", "de") == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("es", "«Es tarde», advirtió la politóloga Carolina Huamán en Lima.", "Carolina Huamán"),
        (
            "de",
            "Die Südasien-Expertin Friederike Hansen sieht darin einen Wechsel.",
            "Friederike Hansen",
        ),
        ("fr", "Le politologue Pierre Dumas y voit un tournant.", "Pierre Dumas"),
    ],
)
def test_an_expert_is_named_after_their_calling(lang: str, text: str, name: str) -> None:
    assert people(text, lang) == [name]


def test_a_firm_before_a_name_in_another_script_is_not_part_of_it() -> None:
    found = people("«Рынок спокоен», — говорит аналитик Energy Aspects Кэтрин Доусон.", "ru")
    assert found == ["Ketrin Douson"]


def test_a_pipeline_word_alone_is_no_person_unless_a_surname_met_in_full() -> None:
    sentences = [
        "Sinon, le port de Primorsk reste ouvert, selon Aviaja Kristiansen.",
        "Kristiansen a ajouté que rien ne change à Nuuk.",
    ]
    found = [a.name for a in find_actors(sentences, "fr") if a.type == "person"]
    assert found == ["Aviaja Kristiansen"]


def bodies(text: str, lang: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [
        (a.name, a.country_code, a.aliases)
        for a in actors(text, lang)
        if a.type == "government_body"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        (
            "es",
            "El Ministerio de Defensa ruso confirmó el canje.",
            ("Russian Defence Ministry", "RU", ("Ministerio de Defensa ruso",)),
        ),
        (
            "es",
            "Lo denunció el Parlamento de Ucrania el lunes.",
            ("Ukrainian Parliament", "UA", ("Parlamento de Ucrania",)),
        ),
        (
            "fr",
            "Le ministère russe des Affaires étrangères a protesté.",
            ("Russian Foreign Ministry", "RU", ("ministère russe des Affaires étrangères",)),
        ),
        (
            "de",
            "Das russische Außenministerium bestellte den Botschafter ein.",
            ("Russian Foreign Ministry", "RU", ("russische Außenministerium",)),
        ),
        (
            "de",
            "Russlands Verteidigungsministerium meldete neue Angriffe.",
            ("Russian Defence Ministry", "RU", ("Russlands Verteidigungsministerium",)),
        ),
        (
            "ru",
            "МИД России выступил с заявлением.",
            ("Russian Foreign Ministry", "RU", ("МИД России",)),
        ),
    ],
)
def test_a_ministry_or_parliament_beside_its_state_is_a_government_body(
    lang: str, text: str, body: tuple[str, str, tuple[str, ...]]
) -> None:
    assert body in bodies(text, lang)


def test_a_body_without_its_state_is_left_out() -> None:
    assert bodies("El Congreso aprobó la ley por amplia mayoría.", "es") == []


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        ("de", "Der Bundestag stimmte dem Abkommen zu.", ("Bundestag", "DE", ())),
        ("es", "La Casa Blanca guardó silencio.", ("White House", "US", ("Casa Blanca",))),
        ("ru", "Госдума приняла закон.", ("State Duma", "RU", ("Госдума",))),
    ],
)
def test_a_body_known_by_its_own_name_carries_its_state(
    lang: str, text: str, body: tuple[str, str, tuple[str, ...]]
) -> None:
    assert body in bodies(text, lang)


def test_a_bare_commission_is_the_european_one_only_beside_the_union() -> None:
    with_union = actors("La UE negocia. La Comisión propuso aranceles.", "es")
    assert "European Commission" in [a.name for a in with_union]
    alone = actors("La Comisión electoral publicó los resultados.", "es")
    assert "European Commission" not in [a.name for a in alone]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("de", "Die Internationale Atomenergiebehörde schickt Inspekteure.", "IAEA"),
        ("es", "El Organismo Internacional de Energía Atómica envió inspectores.", "IAEA"),
        ("fr", "Le Parlement européen a voté le texte.", "European Parliament"),
        ("de", "Die Helfer von Ärzte ohne Grenzen warnen.", "Médecins Sans Frontières"),
        ("fr", "La Cédéao a suspendu le Mali.", "ECOWAS"),
    ],
)
def test_organisations_are_found_by_their_full_names(lang: str, text: str, name: str) -> None:
    assert name in [a.name for a in actors(text, lang) if a.type == "organisation"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die zyprische Ratspräsidentschaft legte einen Kompromiss vor."),
        ("es", "La presidencia chipriota propuso un texto de compromiso."),
        ("fr", "La présidence chypriote a proposé un compromis."),
        ("ru", "Кипрское председательство предложило компромисс."),
    ],
)
def test_a_state_named_by_its_adjective_in_a_subject_is_an_actor(lang: str, text: str) -> None:
    assert [(a.name, a.country_code) for a in actors(text, lang)] == [("Cyprus", "CY")]


def test_a_french_noun_of_nationality_opening_a_sentence_is_no_state() -> None:
    assert actors("Chypriote de naissance, il vit à Lyon.", "fr") == ()


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("es", "Lo duda con razón Marta Lozano, experta en derecho comercial.", "Marta Lozano"),
        (
            "de",
            "Das sei teuer, meint dazu Elif Kaya, Expertin für Schwarzmeerpolitik.",
            "Elif Kaya",
        ),
    ],
)
def test_a_name_before_a_comma_and_a_calling_is_a_person(lang: str, text: str, name: str) -> None:
    assert people(text, lang) == [name]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "En Nueva York, el portavoz habló con la prensa."),
        ("es", "Lo vigila la Policía Nacional, experta en estas tareas."),
    ],
)
def test_a_place_or_body_before_a_comma_and_a_title_is_no_person(lang: str, text: str) -> None:
    assert people(text, lang) == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("英法德三国外长在维也纳会晤。", ["GB", "FR", "DE"]),
        ("中俄关系保持稳定。", ["CN", "RU"]),
        ("印巴双方同意恢复磋商。", ["IN", "PK"]),
    ],
)
def test_chinese_one_character_state_names_in_a_run_are_states(text: str, codes: list[str]) -> None:
    found = [m.entry.country for m in multilingual.mentions(text, 0, "zh")]
    assert found == codes


@pytest.mark.parametrize("text", ["他在法院工作，德高望重。", "中美"])
def test_chinese_one_character_state_names_alone_are_ordinary_words(text: str) -> None:
    """法 is "law" and 德 "virtue": without a word of grouping after a run, no state."""
    assert not [
        m for m in multilingual.mentions(text, 0, "zh") if m.entry.country in ("FR", "DE", "US")
    ]
