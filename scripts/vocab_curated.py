"""Hand-curated per-country facts for ``build_vocab.py`` (data Faker lacks or only fakes).

Cities are real (the main business cities of each country) with their real region,
IANA time zone, leading postal-code characters and a weight roughly proportional to
the metro population. Streets are common real street names of the country.
Nothing here depends on Faker; ``build_vocab.py`` merges it with Faker's name lists.
"""

from __future__ import annotations

from typing import NamedTuple

from vocab_names_br import MORE_BR
from vocab_names_jp import MORE_JP


class Country(NamedTuple):
    code: str
    name: str
    territory: str
    languages: tuple[str, ...]
    phone_pattern: str
    postal_pattern: str
    tld: str
    company_suffixes: tuple[str, ...]
    street_number_first: bool
    # (share, Faker locale) of the person names; shares sum to 1.
    person_locales: tuple[tuple[float, str], ...]


# The fixed country order; salesgen.vocab.locales.country_codes() repeats it.
COUNTRIES: tuple[Country, ...] = (
    Country(
        "US",
        "United States",
        "North America",
        ("en",),
        "+1 (2##) 4##-####",
        "#####",
        "com",
        ("Inc.", "LLC", "Corp."),
        True,
        ((1.0, "en_US"),),
    ),
    Country(
        "CA",
        "Canada",
        "North America",
        ("en", "fr"),
        "+1 (4##) 6##-####",
        "A#A #A#",
        "ca",
        ("Inc.", "Ltd.", "Corp.", "Ltée"),
        True,
        ((0.78, "en_US"), (0.22, "fr_CA")),
    ),
    Country(
        "MX",
        "Mexico",
        "LATAM",
        ("es",),
        "+52 55 #### ####",
        "#####",
        "com.mx",
        ("S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V."),
        False,
        ((1.0, "es_MX"),),
    ),
    Country(
        "BR",
        "Brazil",
        "LATAM",
        ("pt",),
        "+55 11 3###-####",
        "#####-###",
        "com.br",
        ("Ltda.", "S.A."),
        False,
        ((1.0, "pt_BR"),),
    ),
    Country(
        "GB",
        "United Kingdom",
        "EMEA",
        ("en",),
        "+44 20 7### ####",
        "AA# #AA",
        "co.uk",
        ("Ltd", "PLC", "LLP"),
        True,
        ((1.0, "en_GB"),),
    ),
    Country(
        "DE",
        "Germany",
        "EMEA",
        ("de",),
        "+49 30 ########",
        "#####",
        "de",
        ("GmbH", "AG", "GmbH & Co. KG", "SE"),
        False,
        ((1.0, "de_DE"),),
    ),
    Country(
        "FR",
        "France",
        "EMEA",
        ("fr",),
        "+33 1 ## ## ## ##",
        "#####",
        "fr",
        ("SAS", "SA", "SARL"),
        True,
        ((1.0, "fr_FR"),),
    ),
    Country(
        "ES", "Spain", "EMEA", ("es",), "+34 91 ### ## ##", "#####", "es", ("S.L.", "S.A."), False, ((1.0, "es_ES"),)
    ),
    Country(
        "NL",
        "Netherlands",
        "EMEA",
        ("nl",),
        "+31 20 ### ####",
        "#### AA",
        "nl",
        ("B.V.", "N.V."),
        False,
        ((1.0, "nl_NL"),),
    ),
    Country(
        "IN",
        "India",
        "APAC",
        ("en", "hi"),
        "+91 22 #### ####",
        "######",
        "co.in",
        ("Pvt. Ltd.", "Ltd.", "LLP"),
        True,
        ((1.0, "en_IN"),),
    ),
    Country(
        "JP",
        "Japan",
        "APAC",
        ("ja",),
        "+81 3-####-####",
        "###-####",
        "co.jp",
        ("K.K.", "Co., Ltd.", "G.K."),
        True,
        ((1.0, "ja_JP"),),
    ),
    # Faker 40.63.0 has no en_AU person provider: en_NZ is the closest weighted list.
    Country(
        "AU",
        "Australia",
        "APAC",
        ("en",),
        "+61 2 #### ####",
        "####",
        "com.au",
        ("Pty Ltd", "Ltd"),
        True,
        ((1.0, "en_NZ"),),
    ),
)


def _names(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.replace("\n", "|").split("|") if part.strip())


# Names Faker ships that do not fit the country (medieval/noble entries of nl_NL,
# Maori given names of en_NZ used for Australia).
EXCLUDED_NAMES: dict[str, frozenset[str]] = {
    "NL": _names("""
Adriaensdr|Aelftrud van Wessex|Aertsz|Alpaidis|Amalrada|Billung|Blewanus|Breugelensis|Chrodtrud|Claesdr|
Coreth von und zu Coredo und Starkenberg|Cornelisz|d' Heripon|de Jode Vastraedsd|den Haag|Gepa van Bourgondië|
Godfrey van Alemannië|Hemma van Allemanië|Henric van den Nuwenhuse|Heribert van Laon|Jansdr|Jdotte|Jeggij|
Keltenie|Klomp Jan|Lankle|Luitgardis van Neustrië|Nihoe|Oda|Oemencs|Oennen|Olykan|Saxo|Segerszoen|
Slaetsdochter|Steinmeiern|Stoffelsz|The Elder|Tillmanno|Unruoch Hunerik|VI|Waltrade Walderade|Welf|Winnrich|
Wolfsdr|Woutersz|van Allemanië|van Arnsberg|van Beaumont|van Beieren|van Bentheim|van Bernicia|van Boulogne|
van Brunswijk|van Dagsburg|van de Elzas|van de Noordmark|van Drenthe|van Egisheim|van Engeland|van Este|
van Evelingen|van Formbach|van Hamaland|van Haspengouw|van Haspengouw Hesbaye|van Henegouwen|van Herstal|
van Holland|van Hostaden|van Jumiège|van Laon|van Luxemburg|van Maasgouw|van Metz|van Nederlotharingen|
van Northeim|van Opper-Lotharingen|van Orleans|van Parijs|van Rheineck|van Salm|van Saksen|van Schweinfurt|
van Susa|van Tours|van Verdun|van Vermandois|van Vlaanderen|van Wessex|van Westfalen|van Wickerode|van Zwaben
"""),
    "AU": _names("""
Ana|Anaru|Ari|Ariki|Ataahua|Awhina|Hana|Hemi|Hinewai|Hoani|Huia|Ihaia|Kahu|Kahurangi|Kaia|Kauri|Kora|Mahi|
Manaaki|Manaia|Manawa|Maraea|Mareikura|Matiu|Mereana|Mikaere|Miriama|Nia|Niko|Nikora|Rawiri|Ria|Tai|Tama|
Tamati|Tane|Tangaroa|Te Ariki|Te Koha|Terina|Tia|Tiare|Tui|Waimarie|Wikitoria|Wiremu
"""),
}


def _cities(text: str) -> tuple[tuple[str, str, str, str, float], ...]:
    """Parse ``city; region; zone; postal prefix; weight`` lines."""
    rows = []
    for line in text.strip().splitlines():
        city, region, zone, prefix, weight = (field.strip() for field in line.split(";"))
        rows.append((city, region, zone, prefix, float(weight)))
    return tuple(rows)


CITIES: dict[str, tuple[tuple[str, str, str, str, float], ...]] = {
    "US": _cities("""
New York; New York; America/New_York; 100; 19.5
Los Angeles; California; America/Los_Angeles; 900; 12.8
Chicago; Illinois; America/Chicago; 606; 9.3
Dallas; Texas; America/Chicago; 752; 7.9
Houston; Texas; America/Chicago; 770; 7.3
Washington; District of Columbia; America/New_York; 200; 6.3
Philadelphia; Pennsylvania; America/New_York; 191; 6.2
Atlanta; Georgia; America/New_York; 303; 6.2
Miami; Florida; America/New_York; 331; 6.1
Phoenix; Arizona; America/Phoenix; 850; 5.0
Boston; Massachusetts; America/New_York; 021; 4.9
San Francisco; California; America/Los_Angeles; 941; 4.6
Detroit; Michigan; America/Detroit; 482; 4.3
Seattle; Washington; America/Los_Angeles; 981; 4.0
Minneapolis; Minnesota; America/Chicago; 554; 3.7
San Diego; California; America/Los_Angeles; 921; 3.3
Denver; Colorado; America/Denver; 802; 3.0
Charlotte; North Carolina; America/New_York; 282; 2.7
Portland; Oregon; America/Los_Angeles; 972; 2.5
Austin; Texas; America/Chicago; 787; 2.4
Pittsburgh; Pennsylvania; America/New_York; 152; 2.4
Las Vegas; Nevada; America/Los_Angeles; 891; 2.3
Columbus; Ohio; America/New_York; 432; 2.1
Indianapolis; Indiana; America/Indiana/Indianapolis; 462; 2.1
San Jose; California; America/Los_Angeles; 951; 2.0
Nashville; Tennessee; America/Chicago; 372; 2.0
Raleigh; North Carolina; America/New_York; 276; 1.4
Salt Lake City; Utah; America/Denver; 841; 1.3
"""),
    "CA": _cities("""
Toronto; Ontario; America/Toronto; M5H; 5.5
Montreal; Quebec; America/Toronto; H3B; 4.3
Vancouver; British Columbia; America/Vancouver; V6C; 2.6
Calgary; Alberta; America/Edmonton; T2P; 1.5
Edmonton; Alberta; America/Edmonton; T5J; 1.4
Ottawa; Ontario; America/Toronto; K1P; 1.4
Winnipeg; Manitoba; America/Winnipeg; R3C; 0.83
Quebec City; Quebec; America/Toronto; G1R; 0.82
Hamilton; Ontario; America/Toronto; L8P; 0.78
Mississauga; Ontario; America/Toronto; L5B; 0.72
Kitchener; Ontario; America/Toronto; N2G; 0.58
London; Ontario; America/Toronto; N6A; 0.54
Halifax; Nova Scotia; America/Halifax; B3J; 0.47
Victoria; British Columbia; America/Vancouver; V8W; 0.4
Saskatoon; Saskatchewan; America/Regina; S7K; 0.32
Regina; Saskatchewan; America/Regina; S4P; 0.25
St. John's; Newfoundland and Labrador; America/St_Johns; A1C; 0.21
"""),
    "MX": _cities("""
Ciudad de México; Ciudad de México; America/Mexico_City; 06; 21.8
Monterrey; Nuevo León; America/Monterrey; 64; 5.3
Guadalajara; Jalisco; America/Mexico_City; 44; 5.3
Puebla; Puebla; America/Mexico_City; 72; 3.2
Toluca; Estado de México; America/Mexico_City; 50; 2.4
Tijuana; Baja California; America/Tijuana; 22; 2.2
León; Guanajuato; America/Mexico_City; 37; 2.1
Querétaro; Querétaro; America/Mexico_City; 76; 1.6
Mérida; Yucatán; America/Merida; 97; 1.3
San Luis Potosí; San Luis Potosí; America/Mexico_City; 78; 1.2
Aguascalientes; Aguascalientes; America/Mexico_City; 20; 1.1
Saltillo; Coahuila; America/Monterrey; 25; 1.0
Culiacán; Sinaloa; America/Mazatlan; 80; 1.0
Chihuahua; Chihuahua; America/Chihuahua; 31; 0.99
Morelia; Michoacán; America/Mexico_City; 58; 0.99
Hermosillo; Sonora; America/Hermosillo; 83; 0.94
Veracruz; Veracruz; America/Mexico_City; 91; 0.94
Cancún; Quintana Roo; America/Cancun; 77; 0.93
"""),
    "BR": _cities("""
São Paulo; São Paulo; America/Sao_Paulo; 01; 22.0
Rio de Janeiro; Rio de Janeiro; America/Sao_Paulo; 20; 13.6
Belo Horizonte; Minas Gerais; America/Sao_Paulo; 30; 6.0
Brasília; Distrito Federal; America/Sao_Paulo; 70; 4.8
Porto Alegre; Rio Grande do Sul; America/Sao_Paulo; 90; 4.3
Recife; Pernambuco; America/Recife; 50; 4.1
Fortaleza; Ceará; America/Fortaleza; 60; 4.1
Salvador; Bahia; America/Bahia; 40; 3.9
Curitiba; Paraná; America/Sao_Paulo; 80; 3.7
Campinas; São Paulo; America/Sao_Paulo; 130; 3.3
Goiânia; Goiás; America/Sao_Paulo; 74; 2.6
Belém; Pará; America/Belem; 66; 2.5
Manaus; Amazonas; America/Manaus; 690; 2.3
Vitória; Espírito Santo; America/Sao_Paulo; 290; 2.0
São Luís; Maranhão; America/Fortaleza; 65; 1.6
Natal; Rio Grande do Norte; America/Fortaleza; 59; 1.5
Florianópolis; Santa Catarina; America/Sao_Paulo; 88; 1.2
"""),
    # One postal pattern per country cannot hold both "M1 1AE" and "LS1 4AP": the
    # pattern is the two-letter-area form, so single-letter areas (Manchester M,
    # Birmingham B, Glasgow G, Liverpool L, Sheffield S) are left out.
    "GB": _cities("""
London; Greater London; Europe/London; SW; 14.0
Leeds; West Yorkshire; Europe/London; LS; 1.9
Newcastle upon Tyne; Tyne and Wear; Europe/London; NE; 1.1
Bristol; Bristol; Europe/London; BS; 1.0
Edinburgh; City of Edinburgh; Europe/London; EH; 0.9
Nottingham; Nottinghamshire; Europe/London; NG; 0.8
Belfast; County Antrim; Europe/London; BT; 0.7
Leicester; Leicestershire; Europe/London; LE; 0.6
Reading; Berkshire; Europe/London; RG; 0.5
Brighton; East Sussex; Europe/London; BN; 0.5
Bradford; West Yorkshire; Europe/London; BD; 0.5
Coventry; West Midlands; Europe/London; CV; 0.4
Milton Keynes; Buckinghamshire; Europe/London; MK; 0.3
Cambridge; Cambridgeshire; Europe/London; CB; 0.3
Oxford; Oxfordshire; Europe/London; OX; 0.3
"""),
    "DE": _cities("""
Berlin; Berlin; Europe/Berlin; 10; 4.5
Hamburg; Hamburg; Europe/Berlin; 20; 3.0
München; Bayern; Europe/Berlin; 80; 3.0
Frankfurt am Main; Hessen; Europe/Berlin; 60; 2.3
Köln; Nordrhein-Westfalen; Europe/Berlin; 50; 2.1
Stuttgart; Baden-Württemberg; Europe/Berlin; 70; 1.8
Düsseldorf; Nordrhein-Westfalen; Europe/Berlin; 40; 1.5
Leipzig; Sachsen; Europe/Berlin; 04; 0.9
Hannover; Niedersachsen; Europe/Berlin; 30; 0.9
Nürnberg; Bayern; Europe/Berlin; 90; 0.9
Dortmund; Nordrhein-Westfalen; Europe/Berlin; 44; 0.8
Essen; Nordrhein-Westfalen; Europe/Berlin; 45; 0.8
Bremen; Bremen; Europe/Berlin; 28; 0.7
Dresden; Sachsen; Europe/Berlin; 01; 0.7
Bonn; Nordrhein-Westfalen; Europe/Berlin; 53; 0.5
Mannheim; Baden-Württemberg; Europe/Berlin; 68; 0.5
Karlsruhe; Baden-Württemberg; Europe/Berlin; 76; 0.5
Wiesbaden; Hessen; Europe/Berlin; 65; 0.4
"""),
    "FR": _cities("""
Paris; Île-de-France; Europe/Paris; 750; 12.0
Lyon; Auvergne-Rhône-Alpes; Europe/Paris; 690; 2.3
Marseille; Provence-Alpes-Côte d'Azur; Europe/Paris; 130; 1.9
Toulouse; Occitanie; Europe/Paris; 310; 1.4
Lille; Hauts-de-France; Europe/Paris; 590; 1.2
Bordeaux; Nouvelle-Aquitaine; Europe/Paris; 330; 1.0
Nice; Provence-Alpes-Côte d'Azur; Europe/Paris; 060; 1.0
Nantes; Pays de la Loire; Europe/Paris; 440; 1.0
Strasbourg; Grand Est; Europe/Paris; 670; 0.8
Montpellier; Occitanie; Europe/Paris; 340; 0.8
Rennes; Bretagne; Europe/Paris; 350; 0.75
Grenoble; Auvergne-Rhône-Alpes; Europe/Paris; 380; 0.7
Rouen; Normandie; Europe/Paris; 760; 0.7
Toulon; Provence-Alpes-Côte d'Azur; Europe/Paris; 830; 0.6
Tours; Centre-Val de Loire; Europe/Paris; 370; 0.5
Dijon; Bourgogne-Franche-Comté; Europe/Paris; 210; 0.4
Reims; Grand Est; Europe/Paris; 511; 0.35
"""),
    "ES": _cities("""
Madrid; Comunidad de Madrid; Europe/Madrid; 280; 6.8
Barcelona; Cataluña; Europe/Madrid; 080; 5.6
Valencia; Comunitat Valenciana; Europe/Madrid; 460; 1.9
Sevilla; Andalucía; Europe/Madrid; 410; 1.5
Bilbao; País Vasco; Europe/Madrid; 480; 1.0
Málaga; Andalucía; Europe/Madrid; 290; 1.0
Zaragoza; Aragón; Europe/Madrid; 500; 0.8
Alicante; Comunitat Valenciana; Europe/Madrid; 030; 0.8
Palma; Illes Balears; Europe/Madrid; 070; 0.6
Las Palmas de Gran Canaria; Canarias; Atlantic/Canary; 350; 0.6
Murcia; Región de Murcia; Europe/Madrid; 300; 0.6
Vigo; Galicia; Europe/Madrid; 362; 0.5
Valladolid; Castilla y León; Europe/Madrid; 470; 0.4
A Coruña; Galicia; Europe/Madrid; 150; 0.4
San Sebastián; País Vasco; Europe/Madrid; 200; 0.4
Pamplona; Comunidad Foral de Navarra; Europe/Madrid; 310; 0.35
"""),
    "NL": _cities("""
Amsterdam; Noord-Holland; Europe/Amsterdam; 10; 2.5
Rotterdam; Zuid-Holland; Europe/Amsterdam; 30; 1.3
Den Haag; Zuid-Holland; Europe/Amsterdam; 25; 1.0
Utrecht; Utrecht; Europe/Amsterdam; 35; 0.9
Eindhoven; Noord-Brabant; Europe/Amsterdam; 56; 0.75
Groningen; Groningen; Europe/Amsterdam; 97; 0.5
Tilburg; Noord-Brabant; Europe/Amsterdam; 50; 0.45
Nijmegen; Gelderland; Europe/Amsterdam; 65; 0.4
Arnhem; Gelderland; Europe/Amsterdam; 68; 0.4
Haarlem; Noord-Holland; Europe/Amsterdam; 20; 0.4
Breda; Noord-Brabant; Europe/Amsterdam; 48; 0.3
Enschede; Overijssel; Europe/Amsterdam; 75; 0.3
Leiden; Zuid-Holland; Europe/Amsterdam; 23; 0.3
Maastricht; Limburg; Europe/Amsterdam; 62; 0.25
Almere; Flevoland; Europe/Amsterdam; 13; 0.22
Amersfoort; Utrecht; Europe/Amsterdam; 38; 0.2
Zwolle; Overijssel; Europe/Amsterdam; 80; 0.2
"""),
    "IN": _cities("""
Mumbai; Maharashtra; Asia/Kolkata; 400; 20.0
New Delhi; Delhi; Asia/Kolkata; 110; 20.0
Kolkata; West Bengal; Asia/Kolkata; 700; 15.0
Bengaluru; Karnataka; Asia/Kolkata; 560; 12.0
Chennai; Tamil Nadu; Asia/Kolkata; 600; 10.0
Hyderabad; Telangana; Asia/Kolkata; 500; 10.0
Ahmedabad; Gujarat; Asia/Kolkata; 380; 8.0
Pune; Maharashtra; Asia/Kolkata; 411; 6.5
Jaipur; Rajasthan; Asia/Kolkata; 302; 4.0
Lucknow; Uttar Pradesh; Asia/Kolkata; 226; 3.5
Gurugram; Haryana; Asia/Kolkata; 122; 2.5
Coimbatore; Tamil Nadu; Asia/Kolkata; 641; 2.2
Indore; Madhya Pradesh; Asia/Kolkata; 452; 2.2
Kochi; Kerala; Asia/Kolkata; 682; 2.1
Noida; Uttar Pradesh; Asia/Kolkata; 201; 1.5
Chandigarh; Chandigarh; Asia/Kolkata; 160; 1.2
"""),
    "JP": _cities("""
Tokyo; Tokyo; Asia/Tokyo; 10; 14.0
Yokohama; Kanagawa; Asia/Tokyo; 22; 3.8
Osaka; Osaka; Asia/Tokyo; 53; 2.7
Nagoya; Aichi; Asia/Tokyo; 45; 2.3
Sapporo; Hokkaido; Asia/Tokyo; 06; 2.0
Fukuoka; Fukuoka; Asia/Tokyo; 81; 1.6
Kobe; Hyogo; Asia/Tokyo; 65; 1.5
Kawasaki; Kanagawa; Asia/Tokyo; 21; 1.5
Kyoto; Kyoto; Asia/Tokyo; 60; 1.5
Saitama; Saitama; Asia/Tokyo; 33; 1.3
Hiroshima; Hiroshima; Asia/Tokyo; 73; 1.2
Sendai; Miyagi; Asia/Tokyo; 98; 1.1
Chiba; Chiba; Asia/Tokyo; 26; 1.0
Kitakyushu; Fukuoka; Asia/Tokyo; 80; 0.9
Niigata; Niigata; Asia/Tokyo; 95; 0.8
Hamamatsu; Shizuoka; Asia/Tokyo; 43; 0.8
"""),
    "AU": _cities("""
Sydney; New South Wales; Australia/Sydney; 20; 5.3
Melbourne; Victoria; Australia/Melbourne; 30; 5.1
Brisbane; Queensland; Australia/Brisbane; 40; 2.6
Perth; Western Australia; Australia/Perth; 60; 2.2
Adelaide; South Australia; Australia/Adelaide; 50; 1.4
Gold Coast; Queensland; Australia/Brisbane; 42; 0.7
Newcastle; New South Wales; Australia/Sydney; 23; 0.5
Canberra; Australian Capital Territory; Australia/Sydney; 26; 0.46
Sunshine Coast; Queensland; Australia/Brisbane; 45; 0.35
Wollongong; New South Wales; Australia/Sydney; 25; 0.3
Geelong; Victoria; Australia/Melbourne; 32; 0.28
Hobart; Tasmania; Australia/Hobart; 70; 0.25
Townsville; Queensland; Australia/Brisbane; 48; 0.18
Darwin; Northern Territory; Australia/Darwin; 08; 0.15
Cairns; Queensland; Australia/Brisbane; 48; 0.15
"""),
}


# Common names Faker lacks, merged with Faker's lists at ``EXTRA_NAME_SHARE`` of the weight, by
# rank (weight ∝ 1 / (rank + 10)). Faker 40.63.0 ships only 51 romanized Japanese given names and
# 50 surnames, so a 10,000-contact Japanese base would repeat full names dozens of times.
# Sources: JP surnames — the frequency ranking of myoji-yurai.net (名字由来net, 2023); JP given
# names — Meiji Yasuda Life's yearly name rankings (births 1960-2005), Hepburn without macrons;
# BR surnames — forebears.io surname frequencies for Brazil.
EXTRA_NAME_SHARE = 0.6
# Per country: the curated share of the weight and the rank offsets (given names, surnames) of
# ``build_vocab._ranked``. JP's curated lists are ten times Faker's (vocab_names_jp.py), and its
# given names are nearly flat: they are far more diverse than its surnames. BR's added surnames
# and given names (vocab_names_br.py) form a flatter tail behind the ranked head.
EXTRA_NAME_SHARES: dict[str, float] = {"JP": 0.9}
EXTRA_RANK_OFFSETS: dict[str, tuple[int, int]] = {"JP": (400, 80), "BR": (60, 150)}
EXTRA_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "JP": (
        tuple(
            [
                "Hiroshi",
                "Takashi",
                "Makoto",
                "Kenji",
                "Satoshi",
                "Yuji",
                "Koji",
                "Kazuya",
                "Tetsuya",
                "Masahiro",
                "Naoki",
                "Daisuke",
                "Takuya",
                "Shota",
                "Kazuki",
                "Yuta",
                "Sho",
                "Ryota",
                "Tsubasa",
                "Yusuke",
                "Kenta",
                "Shunsuke",
                "Takumi",
                "Haruto",
                "Sota",
                "Ren",
                "Yuto",
                "Hiroki",
                "Ryo",
                "Kenichi",
                "Yoichi",
                "Shinji",
                "Toshiyuki",
                "Masaki",
                "Kazuhiro",
                "Tomohiro",
                "Hideki",
                "Yasuhiro",
                "Akihiro",
                "Nobuyuki",
                "Junichi",
                "Shigeru",
                "Isamu",
                "Minoru",
                "Tadashi",
                "Yutaka",
                "Kiyoshi",
                "Toru",
                "Shin",
                "Jun",
                "Taro",
                "Ichiro",
                "Jiro",
                "Hayato",
                "Kaito",
                "Riku",
                "Yamato",
                "Sora",
                "Takeshi",
                "Manabu",
                "Katsuya",
                "Noboru",
                "Masato",
                "Yoshiaki",
                "Hideo",
                "Akira",
                "Tatsuya",
                "Keisuke",
                "Kohei",
                "Yuki",
                "Shinya",
            ]
        ),
        tuple(
            [
                "Yoko",
                "Keiko",
                "Kazuko",
                "Tomoko",
                "Yumiko",
                "Akiko",
                "Naoko",
                "Mayumi",
                "Kumiko",
                "Junko",
                "Yuko",
                "Kyoko",
                "Noriko",
                "Sachiko",
                "Emi",
                "Ai",
                "Yui",
                "Misaki",
                "Saki",
                "Mai",
                "Ayaka",
                "Nanami",
                "Yuka",
                "Megumi",
                "Miho",
                "Erika",
                "Rie",
                "Aya",
                "Mika",
                "Natsuki",
                "Sakura",
                "Hina",
                "Yuna",
                "Mio",
                "Rin",
                "Aoi",
                "Mei",
                "Riko",
                "Chihiro",
                "Mayu",
                "Asami",
                "Shiori",
                "Risa",
                "Kana",
                "Nao",
                "Eri",
                "Momoko",
                "Miyuki",
                "Hitomi",
                "Satomi",
                "Hiroko",
                "Michiko",
                "Masako",
                "Chie",
                "Fumiko",
                "Reiko",
                "Eiko",
                "Yoshiko",
                "Kanako",
                "Ayumi",
                "Tomomi",
                "Kaho",
                "Moe",
                "Honoka",
                "Airi",
                "Yuina",
            ]
        ),
        tuple(
            [
                "Sato",
                "Suzuki",
                "Takahashi",
                "Tanaka",
                "Ito",
                "Watanabe",
                "Yamamoto",
                "Nakamura",
                "Kobayashi",
                "Kato",
                "Yoshida",
                "Yamada",
                "Sasaki",
                "Yamaguchi",
                "Matsumoto",
                "Inoue",
                "Kimura",
                "Hayashi",
                "Saito",
                "Shimizu",
                "Yamazaki",
                "Mori",
                "Abe",
                "Ikeda",
                "Hashimoto",
                "Yamashita",
                "Ishikawa",
                "Nakajima",
                "Maeda",
                "Fujita",
                "Ogawa",
                "Goto",
                "Okada",
                "Hasegawa",
                "Murakami",
                "Kondo",
                "Ishii",
                "Sakamoto",
                "Endo",
                "Aoki",
                "Fujii",
                "Nishimura",
                "Fukuda",
                "Ota",
                "Miura",
                "Fujiwara",
                "Okamoto",
                "Matsuda",
                "Nakagawa",
                "Nakano",
                "Harada",
                "Ono",
                "Tamura",
                "Takeuchi",
                "Kaneko",
                "Wada",
                "Nakayama",
                "Ishida",
                "Ueda",
                "Morita",
                "Hara",
                "Shibata",
                "Sakai",
                "Kudo",
                "Yokoyama",
                "Miyazaki",
                "Miyamoto",
                "Uchida",
                "Takagi",
                "Ando",
                "Taniguchi",
                "Ohno",
                "Maruyama",
                "Imai",
                "Takada",
                "Fujimoto",
                "Takeda",
                "Murata",
                "Ueno",
                "Sugiyama",
                "Masuda",
                "Sugawara",
                "Hirano",
                "Otsuka",
                "Chiba",
                "Kubo",
                "Matsui",
                "Iwasaki",
                "Sakurai",
                "Kinoshita",
                "Noguchi",
                "Matsuo",
                "Nomura",
                "Kikuchi",
                "Sano",
                "Onishi",
                "Sugimoto",
                "Arai",
                "Hamada",
                "Ichikawa",
                "Furukawa",
                "Mizuno",
                "Komatsu",
                "Shimada",
                "Koyama",
                "Takano",
                "Yamauchi",
                "Nishida",
                "Nishikawa",
                "Igarashi",
                "Kitamura",
                "Yasuda",
                "Nakata",
                "Kawaguchi",
                "Hirata",
                "Kawasaki",
                "Iida",
                "Yoshikawa",
                "Honda",
                "Kubota",
                "Sawada",
                "Tsuji",
                "Seki",
                "Yoshimura",
                "Iwata",
                "Nakanishi",
                "Hattori",
                "Higuchi",
                "Fukushima",
                "Kawakami",
                "Nagai",
                "Matsuoka",
                "Taguchi",
                "Yamanaka",
                "Morimoto",
                "Tsuchiya",
                "Yano",
                "Hirose",
                "Akiyama",
                "Ishihara",
                "Matsushita",
                "Oshima",
                "Kojima",
                "Baba",
                "Hoshino",
                "Nagata",
                "Asano",
                "Oishi",
                "Miyata",
                "Okabe",
                "Kurata",
                "Kono",
                "Kawamura",
                "Uchiyama",
                "Takayama",
                "Mochizuki",
                "Nagano",
                "Kaneda",
                "Arakawa",
                "Ebihara",
                "Sugita",
            ]
        ),
    ),
    "BR": (
        (),
        (),
        tuple(
            [
                "Silva",
                "Santos",
                "Oliveira",
                "Souza",
                "Rodrigues",
                "Ferreira",
                "Alves",
                "Pereira",
                "Lima",
                "Gomes",
                "Costa",
                "Ribeiro",
                "Martins",
                "Carvalho",
                "Almeida",
                "Lopes",
                "Soares",
                "Fernandes",
                "Vieira",
                "Barbosa",
                "Rocha",
                "Dias",
                "Nascimento",
                "Andrade",
                "Moreira",
                "Nunes",
                "Marques",
                "Machado",
                "Mendes",
                "Freitas",
                "Cardoso",
                "Ramos",
                "Gonçalves",
                "Santana",
                "Teixeira",
                "Araújo",
                "Pinto",
                "Correia",
                "Castro",
                "Moura",
                "Cavalcanti",
                "Monteiro",
                "Batista",
                "Campos",
                "Barros",
                "Farias",
                "Melo",
                "Cunha",
                "Reis",
                "Azevedo",
                "Borges",
                "Sampaio",
                "Queiroz",
                "Siqueira",
                "Xavier",
                "Brandão",
                "Pacheco",
                "Tavares",
                "Macedo",
                "Fonseca",
                "Figueiredo",
                "Guimarães",
                "Coelho",
                "Miranda",
                "Leite",
                "Rezende",
                "Amaral",
                "Medeiros",
                "Vasconcelos",
                "Bezerra",
                "Dantas",
                "Nogueira",
                "Peixoto",
                "Pires",
                "Prado",
                "Bastos",
                "Mota",
            ]
        ),
    ),
}

_male, _female, _surnames = EXTRA_NAMES["JP"]
EXTRA_NAMES["JP"] = (_male + MORE_JP[0], _female + MORE_JP[1], _surnames + MORE_JP[2])
_male, _female, _surnames = EXTRA_NAMES["BR"]
EXTRA_NAMES["BR"] = (_male + MORE_BR[0], _female + MORE_BR[1], _surnames + MORE_BR[2])
