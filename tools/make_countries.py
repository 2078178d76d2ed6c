# ruff: noqa: E501  (the curated table keeps one state per line)
"""Generate diplobrief/data/en/countries.json from the curated table below (run once, commit the json).

pycountry supplies the official names and flags and checks every ISO code; the names journalists
use, demonyms, capitals and metonyms are curated here by hand. The runtime never imports pycountry.
Run: `.venv/bin/python tools/make_countries.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "diplobrief" / "data" / "en" / "countries.json"

# iso2 | name | aliases (;) | demonyms, adjective first (;) | capitals, canonical first (;) | flags
# flags: "nometonym" = the capital does not stand for the state in news (ambiguous or contested);
#        "observer" = UN observer state; "other" = neither member nor observer (kept for news use);
#        "territory" = not a state but acts in diplomatic news on its own (TERRITORIES gives whose).
TABLE = """
AF|Afghanistan||Afghan;Afghans|Kabul|
AL|Albania||Albanian;Albanians|Tirana|
DZ|Algeria||Algerian;Algerians|Algiers|
AD|Andorra||Andorran;Andorrans|Andorra la Vella|
AO|Angola||Angolan;Angolans|Luanda|
AG|Antigua and Barbuda|Antigua|Antiguan;Antiguans|St. John's;Saint John's|nometonym
AR|Argentina||Argentine;Argentinian;Argentines;Argentinians|Buenos Aires|
AM|Armenia||Armenian;Armenians|Yerevan|
AU|Australia||Australian;Australians|Canberra|
AT|Austria||Austrian;Austrians|Vienna|nometonym
AZ|Azerbaijan||Azerbaijani;Azeri;Azerbaijanis;Azeris|Baku|
BS|Bahamas|The Bahamas|Bahamian;Bahamians|Nassau|
BH|Bahrain||Bahraini;Bahrainis|Manama|
BD|Bangladesh||Bangladeshi;Bangladeshis|Dhaka|
BB|Barbados||Barbadian;Barbadians|Bridgetown|
BY|Belarus||Belarusian;Belarusians|Minsk|
BE|Belgium||Belgian;Belgians|Brussels|nometonym
BZ|Belize||Belizean;Belizeans|Belmopan|
BJ|Benin||Beninese|Porto-Novo|
BT|Bhutan||Bhutanese|Thimphu|
BO|Bolivia||Bolivian;Bolivians|Sucre;La Paz|
BA|Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina|Bosnian;Bosnians|Sarajevo|
BW|Botswana||Botswanan;Batswana;Motswana|Gaborone|
BR|Brazil||Brazilian;Brazilians|Brasília;Brasilia|
BN|Brunei|Brunei Darussalam|Bruneian;Bruneians|Bandar Seri Begawan|
BG|Bulgaria||Bulgarian;Bulgarians|Sofia|
BF|Burkina Faso|Burkina|Burkinabe;Burkinabè|Ouagadougou|
BI|Burundi||Burundian;Burundians|Gitega|
CV|Cabo Verde|Cape Verde|Cabo Verdean;Cape Verdean;Cabo Verdeans;Cape Verdeans|Praia|
KH|Cambodia||Cambodian;Cambodians|Phnom Penh|
CM|Cameroon||Cameroonian;Cameroonians|Yaoundé;Yaounde|
CA|Canada||Canadian;Canadians|Ottawa|
CF|Central African Republic|CAR|Central African;Central Africans|Bangui|
TD|Chad||Chadian;Chadians|N'Djamena;Ndjamena|
CL|Chile||Chilean;Chileans|Santiago|nometonym
CN|China|People's Republic of China;PRC;P.R.C.;Mainland China|Chinese|Beijing;Peking|
CO|Colombia||Colombian;Colombians|Bogotá;Bogota|
KM|Comoros|Union of the Comoros|Comorian;Comorians|Moroni|
CG|Republic of the Congo|Congo;Congo-Brazzaville;Congo Republic;Republic of Congo|Congolese|Brazzaville|
CR|Costa Rica||Costa Rican;Costa Ricans|San José;San Jose|nometonym
CI|Côte d'Ivoire|Ivory Coast;Cote d'Ivoire|Ivorian;Ivorians|Yamoussoukro|
HR|Croatia||Croatian;Croat;Croatians;Croats|Zagreb|
CU|Cuba||Cuban;Cubans|Havana|
CY|Cyprus||Cypriot;Cypriots|Nicosia|
CZ|Czechia|Czech Republic|Czech;Czechs|Prague|
KP|North Korea|Democratic People's Republic of Korea;DPRK;D.P.R.K.;N. Korea|North Korean;North Koreans|Pyongyang|
CD|Democratic Republic of the Congo|DR Congo;DRC;D.R.C.;Congo-Kinshasa;Democratic Republic of Congo;DR Congo|Congolese|Kinshasa|
DK|Denmark||Danish;Dane;Danes|Copenhagen|
DJ|Djibouti||Djiboutian;Djiboutians|Djibouti City|
DM|Dominica||Dominican;Dominicans|Roseau|
DO|Dominican Republic||Dominican;Dominicans|Santo Domingo|
EC|Ecuador||Ecuadorian;Ecuadorians|Quito|
EG|Egypt||Egyptian;Egyptians|Cairo|
SV|El Salvador||Salvadoran;Salvadorans;Salvadorian|San Salvador|
GQ|Equatorial Guinea||Equatorial Guinean;Equatoguinean;Equatorial Guineans|Malabo|
ER|Eritrea||Eritrean;Eritreans|Asmara|
EE|Estonia||Estonian;Estonians|Tallinn|
SZ|Eswatini|Swaziland|Swazi;Swazis|Mbabane;Lobamba|
ET|Ethiopia||Ethiopian;Ethiopians|Addis Ababa|
FJ|Fiji||Fijian;Fijians|Suva|
FI|Finland||Finnish;Finn;Finns|Helsinki|
FR|France||French|Paris|
GA|Gabon||Gabonese|Libreville|
GM|Gambia|The Gambia|Gambian;Gambians|Banjul|
GE|Georgia||Georgian;Georgians|Tbilisi|
DE|Germany||German;Germans|Berlin|
GH|Ghana||Ghanaian;Ghanaians|Accra|
GR|Greece||Greek;Greeks|Athens|
GD|Grenada||Grenadian;Grenadians|St. George's;Saint George's|nometonym
GT|Guatemala||Guatemalan;Guatemalans|Guatemala City|
GN|Guinea|Guinea-Conakry|Guinean;Guineans|Conakry|
GW|Guinea-Bissau||Bissau-Guinean;Bissau-Guineans|Bissau|
GY|Guyana||Guyanese|Georgetown|nometonym
HT|Haiti||Haitian;Haitians|Port-au-Prince|
HN|Honduras||Honduran;Hondurans|Tegucigalpa|
HU|Hungary||Hungarian;Hungarians|Budapest|
IS|Iceland||Icelandic;Icelander;Icelanders|Reykjavík;Reykjavik|
IN|India||Indian;Indians|New Delhi;Delhi|
ID|Indonesia||Indonesian;Indonesians|Jakarta|
IR|Iran|Islamic Republic of Iran;Persia|Iranian;Iranians|Tehran;Teheran|
IQ|Iraq||Iraqi;Iraqis|Baghdad|
IE|Ireland|Republic of Ireland;Eire|Irish|Dublin|
IL|Israel|State of Israel|Israeli;Israelis|Jerusalem|nometonym
IT|Italy||Italian;Italians|Rome|
JM|Jamaica||Jamaican;Jamaicans|Kingston|nometonym
JP|Japan||Japanese|Tokyo|
JO|Jordan||Jordanian;Jordanians|Amman|
KZ|Kazakhstan||Kazakh;Kazakhstani;Kazakhs;Kazakhstanis|Astana;Nur-Sultan|
KE|Kenya||Kenyan;Kenyans|Nairobi|
KI|Kiribati||I-Kiribati|Tarawa;South Tarawa|
KW|Kuwait||Kuwaiti;Kuwaitis|Kuwait City|
KG|Kyrgyzstan|Kyrgyz Republic|Kyrgyz;Kyrgyzstani|Bishkek|
LA|Laos|Lao PDR;Lao People's Democratic Republic|Lao;Laotian;Laotians|Vientiane|
LV|Latvia||Latvian;Latvians|Riga|
LB|Lebanon||Lebanese|Beirut|
LS|Lesotho||Basotho;Mosotho|Maseru|
LR|Liberia||Liberian;Liberians|Monrovia|
LY|Libya||Libyan;Libyans|Tripoli|
LI|Liechtenstein||Liechtensteiner;Liechtensteiners|Vaduz|
LT|Lithuania||Lithuanian;Lithuanians|Vilnius|
LU|Luxembourg||Luxembourgish;Luxembourger;Luxembourgers|Luxembourg City|
MG|Madagascar||Malagasy|Antananarivo|
MW|Malawi||Malawian;Malawians|Lilongwe|
MY|Malaysia||Malaysian;Malaysians|Kuala Lumpur|
MV|Maldives|The Maldives|Maldivian;Maldivians|Malé;Male|nometonym
ML|Mali||Malian;Malians|Bamako|
MT|Malta||Maltese|Valletta|
MH|Marshall Islands||Marshallese|Majuro|
MR|Mauritania||Mauritanian;Mauritanians|Nouakchott|
MU|Mauritius||Mauritian;Mauritians|Port Louis|
MX|Mexico||Mexican;Mexicans|Mexico City|
FM|Micronesia|Federated States of Micronesia|Micronesian;Micronesians|Palikir|
MD|Moldova|Republic of Moldova|Moldovan;Moldovans|Chișinău;Chisinau|
MC|Monaco||Monegasque;Monégasque|Monaco-Ville|
MN|Mongolia||Mongolian;Mongolians|Ulaanbaatar;Ulan Bator|
ME|Montenegro||Montenegrin;Montenegrins|Podgorica|
MA|Morocco||Moroccan;Moroccans|Rabat|
MZ|Mozambique||Mozambican;Mozambicans|Maputo|
MM|Myanmar|Burma|Burmese;Myanmar|Naypyidaw;Naypyitaw;Nay Pyi Taw|
NA|Namibia||Namibian;Namibians|Windhoek|
NR|Nauru||Nauruan;Nauruans|Yaren|
NP|Nepal||Nepali;Nepalese|Kathmandu|
NL|Netherlands|The Netherlands;Holland|Dutch|Amsterdam|nometonym
NZ|New Zealand||New Zealander;New Zealanders|Wellington|
NI|Nicaragua||Nicaraguan;Nicaraguans|Managua|
NE|Niger||Nigerien;Nigeriens|Niamey|
NG|Nigeria||Nigerian;Nigerians|Abuja|
MK|North Macedonia|Macedonia|North Macedonian;Macedonian;North Macedonians;Macedonians|Skopje|
NO|Norway||Norwegian;Norwegians|Oslo|
OM|Oman||Omani;Omanis|Muscat|
PK|Pakistan||Pakistani;Pakistanis|Islamabad|
PW|Palau||Palauan;Palauans|Ngerulmud|
PA|Panama||Panamanian;Panamanians|Panama City|
PG|Papua New Guinea|PNG|Papua New Guinean;Papua New Guineans|Port Moresby|
PY|Paraguay||Paraguayan;Paraguayans|Asunción;Asuncion|
PE|Peru||Peruvian;Peruvians|Lima|
PH|Philippines|The Philippines|Filipino;Philippine;Filipinos|Manila|
PL|Poland||Polish;Pole;Poles|Warsaw|
PT|Portugal||Portuguese|Lisbon|
QA|Qatar||Qatari;Qataris|Doha|
KR|South Korea|Republic of Korea;ROK;S. Korea|South Korean;South Koreans|Seoul|
RO|Romania||Romanian;Romanians|Bucharest|
RU|Russia|Russian Federation|Russian;Russians|Moscow|
RW|Rwanda||Rwandan;Rwandans|Kigali|
KN|Saint Kitts and Nevis|St. Kitts and Nevis;St Kitts and Nevis|Kittitian;Nevisian|Basseterre|
LC|Saint Lucia|St. Lucia;St Lucia|Saint Lucian;St. Lucian;Saint Lucians|Castries|
VC|Saint Vincent and the Grenadines|St. Vincent and the Grenadines;St Vincent and the Grenadines|Vincentian;Vincentians|Kingstown|
WS|Samoa||Samoan;Samoans|Apia|
SM|San Marino||Sammarinese|City of San Marino|
ST|São Tomé and Príncipe|Sao Tome and Principe|Santomean;Santomeans|São Tomé;Sao Tome|
SA|Saudi Arabia|Kingdom of Saudi Arabia;KSA|Saudi;Saudis;Saudi Arabian|Riyadh|
SN|Senegal||Senegalese|Dakar|
RS|Serbia||Serbian;Serb;Serbians;Serbs|Belgrade|
SC|Seychelles|The Seychelles|Seychellois|Victoria|nometonym
SL|Sierra Leone||Sierra Leonean;Sierra Leoneans|Freetown|
SG|Singapore||Singaporean;Singaporeans|Singapore|
SK|Slovakia|Slovak Republic|Slovak;Slovakian;Slovaks|Bratislava|
SI|Slovenia||Slovenian;Slovene;Slovenians;Slovenes|Ljubljana|
SB|Solomon Islands||Solomon Islander;Solomon Islanders|Honiara|
SO|Somalia||Somali;Somalis|Mogadishu|
ZA|South Africa||South African;South Africans|Pretoria|
SS|South Sudan||South Sudanese|Juba|
ES|Spain||Spanish;Spaniard;Spaniards|Madrid|
LK|Sri Lanka||Sri Lankan;Sri Lankans|Sri Jayawardenepura Kotte;Colombo|
SD|Sudan||Sudanese|Khartoum|
SR|Suriname|Surinam|Surinamese|Paramaribo|
SE|Sweden||Swedish;Swede;Swedes|Stockholm|
CH|Switzerland||Swiss|Bern;Berne|
SY|Syria|Syrian Arab Republic|Syrian;Syrians|Damascus|
TJ|Tajikistan||Tajik;Tajikistani;Tajiks|Dushanbe|
TH|Thailand||Thai;Thais|Bangkok|
TL|Timor-Leste|East Timor|Timorese|Dili|
TG|Togo||Togolese|Lomé;Lome|
TO|Tonga||Tongan;Tongans|Nukuʻalofa;Nuku'alofa|
TT|Trinidad and Tobago|Trinidad|Trinidadian;Tobagonian;Trinidadians|Port of Spain|
TN|Tunisia||Tunisian;Tunisians|Tunis|
TR|Turkey|Türkiye;Turkiye|Turkish;Turk;Turks|Ankara|
TM|Turkmenistan||Turkmen;Turkmens|Ashgabat|
TV|Tuvalu||Tuvaluan;Tuvaluans|Funafuti|
UG|Uganda||Ugandan;Ugandans|Kampala|
UA|Ukraine|The Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev|
AE|United Arab Emirates|UAE;U.A.E.;The Emirates;Emirates|Emirati;Emiratis|Abu Dhabi|
GB|United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|British;Briton;Britons|London|
TZ|Tanzania|United Republic of Tanzania|Tanzanian;Tanzanians|Dodoma|
US|United States|U.S.;US;U.S.A.;USA;America;United States of America;U.S.A|American;Americans|Washington;Washington, D.C.;Washington DC|
UY|Uruguay||Uruguayan;Uruguayans|Montevideo|
UZ|Uzbekistan||Uzbek;Uzbekistani;Uzbeks|Tashkent|
VU|Vanuatu||Ni-Vanuatu;Vanuatuan|Port Vila|
VE|Venezuela||Venezuelan;Venezuelans|Caracas|
VN|Vietnam|Viet Nam|Vietnamese|Hanoi|
YE|Yemen||Yemeni;Yemenis|Sanaa;Sana'a|
ZM|Zambia||Zambian;Zambians|Lusaka|
ZW|Zimbabwe||Zimbabwean;Zimbabweans|Harare|
VA|Holy See|Vatican;Vatican City;Vatican City State|Vatican|Vatican City|observer
PS|Palestine|State of Palestine;Palestinian territories;Palestinian Territories|Palestinian;Palestinians|Ramallah;East Jerusalem|observer;nometonym
TW|Taiwan|Republic of China;ROC|Taiwanese|Taipei|other
XK|Kosovo|Republic of Kosovo|Kosovar;Kosovan;Kosovars|Pristina|other
HK|Hong Kong|Hong Kong SAR;HKSAR|Hong Konger;Hongkonger;Hong Kongers;Hongkongers|Hong Kong|territory;nometonym
MO|Macau|Macao;Macau SAR;Macao SAR|Macanese|Macau|territory;nometonym
"""

# The adjective that qualifies a state's own bodies ("U.S. Treasury", not "American Treasury").
ADJECTIVE = {"US": "U.S.", "GB": "British", "HK": "Hong Kong", "MO": "Macau"}
# A territory's sovereign state and what it is, for the actor list ("Hong Kong: special
# administrative region of China").
TERRITORIES = {
    "HK": ("CN", "special administrative region of China"),
    "MO": ("CN", "special administrative region of China"),
}
# Demonyms shared by two states stand for neither (a "Congolese minister" could be from either).
AMBIGUOUS_DEMONYMS = {"Congolese", "Dominican", "Dominicans"}


def flag(iso2: str) -> str:
    """Return the regional-indicator flag emoji for an ISO alpha-2 code."""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in iso2.upper())


def build() -> list[dict[str, object]]:
    """Return the countries table, checked against pycountry."""
    states = []
    for line in TABLE.strip().splitlines():
        iso2, name, aliases, demonyms, capitals, flags = line.split("|")
        country = pycountry.countries.get(alpha_2=iso2)
        alias_list = [a for a in aliases.split(";") if a]
        if country is not None:
            for extra in (
                getattr(country, "official_name", None),
                getattr(country, "common_name", None),
            ):
                if extra and extra != name and "," not in extra and extra not in alias_list:
                    alias_list.append(extra.removeprefix("the "))
        elif iso2 != "XK":  # Kosovo has no ISO 3166-1 code; XK is the user-assigned one in use
            raise SystemExit(f"unknown ISO code {iso2}")
        flag_list = [f for f in flags.split(";") if f]
        demonym_list = [d for d in demonyms.split(";") if d]
        capital_list = [c for c in capitals.split(";") if c]
        status = next((f for f in ("observer", "other", "territory") if f in flag_list), "member")
        states.append(
            {
                "name": name,
                "iso2": iso2,
                "status": status,
                "aliases": alias_list,
                "demonyms": [d for d in demonym_list if d not in AMBIGUOUS_DEMONYMS],
                "shared_demonyms": [d for d in demonym_list if d in AMBIGUOUS_DEMONYMS],
                "adjective": ADJECTIVE.get(iso2, demonym_list[0]),
                "capital": capital_list[0],
                "metonyms": []
                if "nometonym" in flag_list
                else [c for c in capital_list if c != name],
                "flag": flag(iso2),
            }
        )
        if status == "territory":
            sovereign, what = TERRITORIES[iso2]
            states[-1] |= {"part_of": sovereign, "kind": what}
    members = sum(1 for s in states if s["status"] == "member")
    observers = sum(1 for s in states if s["status"] == "observer")
    if (members, observers) != (193, 2):
        raise SystemExit(f"expected 193 members and 2 observers, got {members} and {observers}")
    codes = [s["iso2"] for s in states]
    if len(set(codes)) != len(codes):
        raise SystemExit("duplicate ISO codes")
    return states


def main() -> None:
    states = build()
    payload = {
        "about": "UN member and observer states (+ Taiwan, Kosovo, and the territories Hong Kong "
        "and Macau) with the names news uses; "
        "generated by tools/make_countries.py",
        "states": states,
    }
    # One state per line: diffs stay readable when a name or alias changes.
    rows = ",\n  ".join(json.dumps(s, ensure_ascii=False) for s in states)
    text = f'{{\n "about": {json.dumps(payload["about"])},\n "states": [\n  {rows}\n ]\n}}\n'
    json.loads(text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(states)} states to {OUT}")


if __name__ == "__main__":
    main()
