# ruff: noqa: E501  (the curated tables keep one state per line)
"""Generate diplobrief/data/_any/states.json: the names of the states of data/en/countries.json
in each language the bot briefs, for the multilingual gazetteer (actors/multilingual.py).

babel's CLDR data supplies each state's name in each language and, through the time zones'
exemplar cities, the local name of capitals that are time-zone cities ("Moscou", "Riad",
"الرياض"). Curated here: the adjectives of nationality (with their inflected forms), the
capitals that are no time-zone city ("Pékin", "Washington"), and the names the news uses beside
CLDR's ("США", "EEUU"). Run once, commit the json; the runtime never imports babel.
Run: `.venv/bin/python tools/make_multilingual_states.py`.
"""

from __future__ import annotations

import json
import zoneinfo
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone_location

ROOT = Path(__file__).resolve().parents[1] / "diplobrief" / "data"
OUT = ROOT / "_any" / "states.json"
LANGUAGES = ("fr", "es", "de", "pt", "ru", "it", "ar", "zh")

# Per language: iso2 -> adjective forms (space-separated, lower case). Russian gives stems
# (matched with any ending), Arabic the nisba forms.
ADJECTIVES: dict[str, dict[str, str]] = {
    "fr": {
        "RU": "russe russes",
        "UA": "ukrainien ukrainienne ukrainiens ukrainiennes",
        "CN": "chinois chinoise chinoises",
        "US": "américain américaine américains américaines",
        "FR": "français française françaises",
        "DE": "allemand allemande allemands allemandes",
        "GB": "britannique britanniques",
        "IT": "italien italienne italiens italiennes",
        "ES": "espagnol espagnole espagnols espagnoles",
        "PT": "portugais portugaise portugaises",
        "BR": "brésilien brésilienne brésiliens brésiliennes",
        "IN": "indien indienne indiens indiennes",
        "JP": "japonais japonaise japonaises",
        "IR": "iranien iranienne iraniens iraniennes",
        "IL": "israélien israélienne israéliens israéliennes",
        "SA": "saoudien saoudienne saoudiens saoudiennes",
        "TR": "turc turque turcs turques",
        "PL": "polonais polonaise polonaises",
        "SY": "syrien syrienne syriens syriennes",
        "EG": "égyptien égyptienne égyptiens égyptiennes",
        "KP": "nord-coréen nord-coréenne nord-coréens nord-coréennes",
        "KR": "sud-coréen sud-coréenne sud-coréens sud-coréennes",
        "PS": "palestinien palestinienne palestiniens palestiniennes",
        "CA": "canadien canadienne canadiens canadiennes",
    },
    "es": {
        "RU": "ruso rusa rusos rusas",
        "UA": "ucraniano ucraniana ucranianos ucranianas",
        "CN": "chino china chinos chinas",
        "US": "estadounidense estadounidenses",
        "FR": "francés francesa franceses francesas",
        "DE": "alemán alemana alemanes alemanas",
        "GB": "británico británica británicos británicas",
        "IT": "italiano italiana italianos italianas",
        "ES": "español española españoles españolas",
        "PT": "portugués portuguesa portugueses portuguesas",
        "BR": "brasileño brasileña brasileños brasileñas",
        "IN": "indio india indios indias",
        "JP": "japonés japonesa japoneses japonesas",
        "IR": "iraní iraníes",
        "IL": "israelí israelíes",
        "SA": "saudí saudíes",
        "TR": "turco turca turcos turcas",
        "MX": "mexicano mexicana mexicanos mexicanas",
        "AR": "argentino argentina argentinos argentinas",
        "VE": "venezolano venezolana venezolanos venezolanas",
        "CU": "cubano cubana cubanos cubanas",
        "PS": "palestino palestina palestinos palestinas",
        "CO": "colombiano colombiana colombianos colombianas",
    },
    "de": {
        "RU": "russisch",
        "UA": "ukrainisch",
        "CN": "chinesisch",
        "US": "amerikanisch us-amerikanisch",
        "FR": "französisch",
        "DE": "deutsch",
        "GB": "britisch",
        "IT": "italienisch",
        "ES": "spanisch",
        "PT": "portugiesisch",
        "BR": "brasilianisch",
        "IN": "indisch",
        "JP": "japanisch",
        "IR": "iranisch",
        "IL": "israelisch",
        "SA": "saudi-arabisch saudisch",
        "TR": "türkisch",
        "PL": "polnisch",
        "AT": "österreichisch",
        "CH": "schweizerisch",
        "PS": "palästinensisch",
        "SY": "syrisch",
        "EG": "ägyptisch",
    },
    "pt": {
        "RU": "russo russa russos russas",
        "UA": "ucraniano ucraniana ucranianos ucranianas",
        "CN": "chinês chinesa chineses chinesas",
        "US": "americano americana americanos americanas norte-americano norte-americana norte-americanos norte-americanas",
        "FR": "francês francesa franceses francesas",
        "DE": "alemão alemã alemães",
        "GB": "britânico britânica britânicos britânicas",
        "IT": "italiano italiana italianos italianas",
        "ES": "espanhol espanhola espanhóis espanholas",
        "PT": "português portuguesa portugueses portuguesas",
        "BR": "brasileiro brasileira brasileiros brasileiras",
        "IN": "indiano indiana indianos indianas",
        "JP": "japonês japonesa japoneses japonesas",
        "IR": "iraniano iraniana iranianos iranianas",
        "IL": "israelita israelense israelitas israelenses",
        "AO": "angolano angolana angolanos angolanas",
        "MZ": "moçambicano moçambicana moçambicanos moçambicanas",
        "PS": "palestiniano palestiniana palestinianos palestinianas palestino palestina palestinos palestinas",
    },
    "it": {
        "RU": "russo russa russi russe",
        "UA": "ucraino ucraina ucraini ucraine",
        "CN": "cinese cinesi",
        "US": "americano americana americani americane statunitense statunitensi",
        "FR": "francese francesi",
        "DE": "tedesco tedesca tedeschi tedesche",
        "GB": "britannico britannica britannici britanniche",
        "IT": "italiano italiana italiani italiane",
        "ES": "spagnolo spagnola spagnoli spagnole",
        "PT": "portoghese portoghesi",
        "BR": "brasiliano brasiliana brasiliani brasiliane",
        "IN": "indiano indiana indiani indiane",
        "JP": "giapponese giapponesi",
        "IR": "iraniano iraniana iraniani iraniane",
        "IL": "israeliano israeliana israeliani israeliane",
        "SA": "saudita sauditi saudite",
        "TR": "turco turca turchi turche",
        "PS": "palestinese palestinesi",
    },
    "ru": {
        "RU": "российск русск",
        "UA": "украинск",
        "CN": "китайск",
        "US": "американск",
        "FR": "французск",
        "DE": "германск немецк",
        "GB": "британск",
        "IT": "итальянск",
        "ES": "испанск",
        "PT": "португальск",
        "BR": "бразильск",
        "IN": "индийск",
        "JP": "японск",
        "IR": "иранск",
        "IL": "израильск",
        "SA": "саудовск",
        "TR": "турецк",
        "PL": "польск",
        "BY": "белорусск",
        "KZ": "казахстанск",
    },
    "ar": {
        "RU": "الروسي الروسية روسي روسية",
        "UA": "الأوكراني الأوكرانية أوكراني أوكرانية",
        "CN": "الصيني الصينية صيني صينية",
        "US": "الأمريكي الأمريكية الأميركي الأميركية أمريكي أمريكية",
        "FR": "الفرنسي الفرنسية فرنسي فرنسية",
        "DE": "الألماني الألمانية ألماني ألمانية",
        "GB": "البريطاني البريطانية بريطاني بريطانية",
        "IT": "الإيطالي الإيطالية",
        "IR": "الإيراني الإيرانية إيراني إيرانية",
        "IL": "الإسرائيلي الإسرائيلية إسرائيلي إسرائيلية",
        "SA": "السعودي السعودية سعودي",
        "TR": "التركي التركية تركي تركية",
        "EG": "المصري المصرية مصري مصرية",
        "SY": "السوري السورية سوري سورية",
        "QA": "القطري القطرية قطري قطرية",
        "PS": "الفلسطيني الفلسطينية فلسطيني فلسطينية",
        "AE": "الإماراتي الإماراتية إماراتي إماراتية",
        "IQ": "العراقي العراقية عراقي عراقية",
    },
    "zh": {
        "CN": "中方",
        "RU": "俄方",
        "US": "美方",
        "FR": "法方",
        "UA": "乌方",
        "DE": "德方",
        "GB": "英方",
        "JP": "日方",
        "IR": "伊方",
    },
}

# Per language: iso2 -> other names and capitals the news uses beside CLDR's (";"-separated).
EXTRA: dict[str, dict[str, str]] = {
    "fr": {
        "CN": "Pékin",
        "US": "Washington;USA",
        "IN": "New Delhi",
        "BR": "Brasilia",
        "TR": "Ankara",
        "GB": "Royaume-Uni",
        "KP": "Pyongyang",
        "KR": "Séoul",
        "CA": "Ottawa",
        "PK": "Islamabad",
        "ZA": "Pretoria",
        "UA": "Kyiv",
        "AU": "Canberra",
        "AE": "Abou Dhabi",
        "IL": "Jérusalem",
        "PS": "Ramallah",
    },
    "es": {
        "CN": "Pekín",
        "US": "Washington;EE. UU.;EEUU;EE.UU.",
        "IN": "Nueva Delhi",
        "BR": "Brasilia",
        "TR": "Ankara",
        "KP": "Pyongyang",
        "KR": "Seúl",
        "CA": "Ottawa",
        "UA": "Kyiv",
        "AE": "Abu Dabi",
        "IL": "Jerusalén",
        "PS": "Ramala",
    },
    "de": {
        "CN": "Peking",
        "US": "Washington;USA",
        "IN": "Neu-Delhi",
        "BR": "Brasília",
        "TR": "Ankara",
        "KP": "Pjöngjang",
        "KR": "Seoul",
        "CA": "Ottawa",
        "UA": "Kyjiw",
        "AE": "Abu Dhabi",
        "IL": "Jerusalem",
        "PS": "Ramallah",
    },
    "pt": {
        "CN": "Pequim",
        "US": "Washington;EUA",
        "IN": "Nova Deli",
        "BR": "Brasília",
        "TR": "Ancara",
        "RU": "Moscovo",
        "KP": "Pyongyang",
        "KR": "Seul",
        "CA": "Otava",
        "UA": "Kyiv",
        "IL": "Jerusalém",
        "PS": "Ramallah",
    },
    "it": {
        "CN": "Pechino",
        "US": "Washington;USA",
        "IN": "Nuova Delhi",
        "BR": "Brasilia",
        "TR": "Ankara",
        "KP": "Pyongyang",
        "KR": "Seul",
        "CA": "Ottawa",
        "UA": "Kyiv",
        "IL": "Gerusalemme",
        "PS": "Ramallah",
    },
    "ru": {
        "CN": "Пекин;КНР",
        "US": "Вашингтон;США;Америка;Соединённые Штаты",
        "IN": "Нью-Дели",
        "BR": "Бразилиа",
        "TR": "Анкара",
        "KP": "Пхеньян;КНДР",
        "KR": "Сеул",
        "CA": "Оттава",
        "UA": "Киев",
        "GB": "Великобритания;Лондон",
        "AE": "Абу-Даби;ОАЭ",
        "IL": "Иерусалим",
        "PS": "Рамалла",
        "SA": "Эр-Рияд;Саудовская Аравия",
        "DE": "ФРГ",
    },
    "ar": {
        "CN": "بكين",
        "US": "واشنطن;أمريكا;أميركا",
        "IN": "نيودلهي",
        "BR": "برازيليا",
        "TR": "أنقرة",
        "KP": "بيونغ يانغ",
        "KR": "سول",
        "CA": "أوتاوا",
        "SA": "السعودية;المملكة العربية السعودية",
        "AE": "أبوظبي;الإمارات",
        "IL": "تل أبيب",
        "PS": "رام الله",
        "GB": "بريطانيا",
        "RU": "روسيا الاتحادية",
    },
    "zh": {
        "CN": "北京;中华人民共和国",
        "US": "华盛顿;美利坚合众国",
        "IN": "新德里",
        "BR": "巴西利亚",
        "TR": "安卡拉",
        "KP": "平壤;朝鲜",
        "KR": "首尔;韩国",
        "CA": "渥太华",
        "GB": "英国;伦敦",
        "SA": "沙特;利雅得",
        "AE": "阿布扎比",
        "IL": "耶路撒冷",
        "PS": "拉姆安拉",
        "UA": "基辅",
    },
}


def _english_city(tz: str, english: Locale) -> str:
    city = english.time_zones.get(tz, {}).get("city")
    return city or tz.rsplit("/", 1)[-1].replace("_", " ")


def main() -> None:
    states = json.loads((ROOT / "en" / "countries.json").read_text(encoding="utf-8"))["states"]
    english = Locale("en")
    codes = {s["iso2"] for s in states}
    capital_of = {
        name: s["iso2"]
        for s in states
        if "nometonym" not in s.get("flags", []) and s.get("metonyms")
        for name in s["metonyms"]
    }
    zones = {_english_city(tz, english): tz for tz in sorted(zoneinfo.available_timezones())}
    out: dict[str, dict[str, dict[str, str]]] = {}
    for lang in LANGUAGES:
        locale = Locale(lang)
        names = {locale.territories[c]: c for c in sorted(codes) if c in locale.territories}
        capitals: dict[str, str] = {}
        for city, code in capital_of.items():
            tz = zones.get(city)
            if tz:
                capitals[get_timezone_location(tz, locale=lang, return_city=True)] = code
        for code, extra in EXTRA[lang].items():
            for name in extra.split(";"):
                (capitals if name[:1].isupper() or not name.isascii() else names)[name] = code
        adjectives = {
            form: code for code, forms in ADJECTIVES[lang].items() for form in forms.split()
        }
        out[lang] = {"names": names, "capitals": capitals, "adjectives": adjectives}
    about = (
        "States in each language the bot briefs: CLDR names and exemplar-city capitals "
        "(through babel) plus curated adjectives and capitals; generated by "
        "tools/make_multilingual_states.py"
    )
    OUT.write_text(
        json.dumps({"about": about, "languages": out}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}: " + ", ".join(f"{k} {sum(map(len, v.values()))}" for k, v in out.items()))


if __name__ == "__main__":
    main()
