"""Briefs in other languages: a quotation is one unit, a feature's brief starts at its nut,
dangling references and empty link sentences are not picked alone, and a speaker is quoted once.
The texts are written here."""

from __future__ import annotations

import pytest

from diplobrief.lang.sentences import QUOTE_CAP, split
from diplobrief.lang.summary import announces, nut, speaker, summarize, text_flags, unattributed


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        (
            "« Il y a un an, beaucoup doutaient. Aujourd’hui, nous avons des chiffres. Notre "
            "Alliance est forte », s’est félicité M. Rutte. La suite vient ici.",
            "fr",
            "« Il y a un an, beaucoup doutaient. Aujourd’hui, nous avons des chiffres. Notre "
            "Alliance est forte », s’est félicité M. Rutte.",
        ),
        (
            "„Ich warte seit Jahren. Wenn diese Archive geöffnet werden, ist das viel.“ "
            "Sie lacht dabei.",
            "de",
            "„Ich warte seit Jahren. Wenn diese Archive geöffnet werden, ist das viel.“",
        ),
        (
            "»Wir sind bereit. Aber nicht um jeden Preis.« Danach ging er.",
            "de",
            "»Wir sind bereit. Aber nicht um jeden Preis.«",
        ),
        (
            "«Мы хотим видеть больше товаров. Сбалансированная торговля — это устойчивая "
            "торговля», — заявил он. Потом ушел.",
            "ru",
            "«Мы хотим видеть больше товаров. Сбалансированная торговля — это устойчивая "
            "торговля», — заявил он.",
        ),
        (
            '"Venimos a observar. No a juzgar ni a interferir", declaró la jefa. Fin del acto.',
            "es",
            '"Venimos a observar. No a juzgar ni a interferir", declaró la jefa.',
        ),
        (
            "“Venimos a observar. No a juzgar”, declaró la jefa. Fin del acto.",
            "es",
            "“Venimos a observar. No a juzgar”, declaró la jefa.",
        ),
    ],
)
def test_no_sentence_ends_inside_an_open_quotation(text: str, lang: str, first: str) -> None:
    assert split(text, lang)[0] == first


def test_an_unclosed_quotation_mark_does_not_glue_the_rest_of_the_paragraph() -> None:
    sentence = "Die Regierung hat heute neue Vorschläge für die Gespräche vorgelegt."
    text = "Er sprach von „Fortschritt. " + " ".join([sentence] * (QUOTE_CAP // len(sentence) + 3))
    assert split(text, "de") == ["Er sprach von „Fortschritt."] + [sentence] * (
        QUOTE_CAP // len(sentence) + 3
    )


def test_a_quotation_closed_by_the_next_mark_still_splits_after_it() -> None:
    assert split("„Wir sind bereit.“ „Aber nicht um jeden Preis.“ Er ging.", "de") == [
        "„Wir sind bereit.“",
        "„Aber nicht um jeden Preis.“",
        "Er ging.",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        (
            "Wir wollen mehr Handel. Ausgewogener Handel ist stabiler Handel“, sagte er. "
            "Dann ging er.",
            "de",
            "Wir wollen mehr Handel. Ausgewogener Handel ist stabiler Handel“, sagte er.",
        ),
        (
            "Мы хотим больше товаров. Сбалансированная торговля — это устойчивая торговля», "
            "— заявил он. Потом ушел.",
            "ru",
            "Мы хотим больше товаров. Сбалансированная торговля — это устойчивая торговля», "
            "— заявил он.",
        ),
    ],
)
def test_a_piece_that_only_continues_a_quotation_joins_the_sentence_before(
    text: str, lang: str, first: str
) -> None:
    assert split(text, lang)[0] == first


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("« La sécurité ne peut se concevoir sans elle », a-t-il déclaré devant la presse.", "fr"),
        ("„Jede Vereinbarung muss überprüfbar sein“, sagte er am Abend.", "de"),
        ("«Сбалансированная торговля — это устойчивая торговля», — заявил он.", "ru"),
        ("«No estamos en venta», dijo.", "es"),
        ("« Je pars pour pouvoir aider ceux qui restent. »", "fr"),
    ],
)
def test_a_quotation_without_its_speaker_leans_on_the_sentence_before(text: str, lang: str) -> None:
    assert unattributed(text, lang)
    assert text_flags([text], lang)[0].leans


def test_a_quotation_that_names_its_speaker_stands_alone() -> None:
    text = "« Notre Alliance est forte », s’est félicité le secrétaire général, Mark Rutte."
    assert not unattributed(text, "fr")
    assert not text_flags([text], "fr")[0].leans


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Вместе с тем Москва не исключает новых встреч.", "ru"),
        ("Теперь импортеры должны покупать сертификаты.", "ru"),
        ("По ее итогам стороны подписали дорожную карту.", "ru"),
        ("Dort verhandeln seit Dienstag die Delegationen.", "de"),
        ("Der frühere Ministerpräsident lehnte das ab.", "de"),
        ("Son homologue a salué un pas en avant.", "fr"),
        ("Su homólogo ruso rechazó la propuesta.", "es"),
    ],
)
def test_openers_that_point_back_lean_on_the_sentence_before(text: str, lang: str) -> None:
    assert text_flags([text], lang)[0].leans


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Реакция последовала незамедлительно.", "ru"),
        ("Решение вызвало неоднозначные оценки.", "ru"),
        ("Наиболее резко высказались в Нью-Дели.", "ru"),
        ("Les réactions ne se sont pas fait attendre.", "fr"),
        ("Die Reaktionen fielen gemischt aus.", "de"),
        ("Las reacciones no se hicieron esperar.", "es"),
    ],
)
def test_a_sentence_that_only_announces_is_never_picked_alone(text: str, lang: str) -> None:
    assert announces(text, lang)
    assert text_flags([text], lang)[0].unfit


def test_a_sentence_that_announces_and_tells_is_kept() -> None:
    text = "Реакция Москвы: Песков назвал решение суда политическим и пообещал ответ."
    assert not announces(text, "ru")


_FEATURE = [
    "Im Hafen liegen die Kutter dicht an dicht, und ein Fischer flickt ein Netz.",
    "Über ihm kreist ein Hubschrauber, die Möwen schreien laut.",
    "Der Wind ist kalt, und die Fischer trinken Kaffee aus Thermoskannen.",
    "Die Außenminister Dänemarks und Grönlands haben am Montag in Kopenhagen ein Abkommen "
    "über die Fischerei unterzeichnet.",
    "Es regelt die Fangquoten für die nächsten zehn Jahre.",
    "Die Fischer im Hafen hoffen auf bessere Preise für ihren Fang.",
    "Die Regierung in Nuuk sprach von einem wichtigen Schritt für die Wirtschaft.",
    "Das Abkommen muss noch vom Parlament gebilligt werden.",
]
_TITLE = "Dänemark und Grönland unterzeichnen Abkommen über Fischerei"


def test_a_feature_that_opens_on_a_scene_is_briefed_from_its_nut() -> None:
    assert nut(_FEATURE, "de", _TITLE) == 3
    picked = summarize(_FEATURE, 3, "de", headline=_TITLE)
    assert picked[0] == 3


def test_a_news_lede_is_its_own_nut() -> None:
    sentences = _FEATURE[3:] + _FEATURE[:3]
    assert nut(sentences, "de", _TITLE) == 0
    assert summarize(sentences, 3, "de", headline=_TITLE)[0] == 0


def test_a_scene_with_no_nut_nearby_is_left_as_it_is() -> None:
    assert nut(_FEATURE[:3] * 3 + _FEATURE[3:], "de", _TITLE) == 0


def test_the_same_speaker_is_not_quoted_twice() -> None:
    sentences = [
        "Die Außenminister haben am Montag in Brüssel ein Abkommen über Grenzkontrollen "
        "unterzeichnet.",
        "„Das ist ein guter Tag für Europa“, sagte Außenministerin Anna Berg nach dem Treffen.",
        "„Heute ist ein guter Tag für ganz Europa und seine Bürger“, sagte Anna Berg später.",
        "Die Opposition kritisierte das Abkommen als unzureichend und kündigte Widerstand an.",
        "Das Parlament soll im Herbst über den Vertrag abstimmen.",
        "Die Kommission rechnet mit einer breiten Mehrheit.",
    ]
    assert speaker(sentences[2]) >= {"Anna", "Berg"}
    picked = summarize(sentences, 3, "de")
    assert not {1, 2} <= set(picked)


def test_a_nut_that_leans_on_the_sentence_before_brings_it_along() -> None:
    sentences = [
        *_FEATURE[:3],
        "Seine Hoffnungen richten sich auf Kopenhagen.",
        "Dort haben die Außenminister Dänemarks und Grönlands ein Abkommen über die Fischerei "
        "unterzeichnet.",
        *_FEATURE[4:],
    ]
    assert nut(sentences, "de", _TITLE) == 3


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Das unter Vermittlung der EU ausgehandelte Abkommen hat Hoffnung geweckt.", "de"),
        ("Este lunes, el Gobierno aprobó el acuerdo con Marruecos.", "es"),
        ("Cette semaine, Paris a reçu le président ukrainien.", "fr"),
    ],
)
def test_an_article_or_a_time_at_the_start_does_not_lean(text: str, lang: str) -> None:
    assert not text_flags([text], lang)[0].leans


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ce veto a aussitôt suscité une pluie de condamnations.", "fr"),
        ("Der Beschluss stieß sofort auf scharfe Kritik.", "de"),
        ("La medida provocó una ola de críticas.", "es"),
        ("Этот шаг вызвал волну критики.", "ru"),
    ],
)
def test_a_short_sentence_of_reactions_that_names_no_one_only_announces(
    text: str, lang: str
) -> None:
    assert announces(text, lang)


def test_a_reaction_with_its_author_is_news() -> None:
    assert not announces("Sergueï Lavrov a rejeté ces critiques.", "fr")
