"""Build ``src/salesgen/vocab/data/phones.json``: the area (trunk) codes of every shipped city.

One record per country: its dialing code, the length of a national (significant) landline
number, how it is written, and per city the geographic area codes in use there (several where
overlays were added). Nothing is downloaded; the table below is the source, transcribed from the
numbering plans the regulators publish:

- US, CA: NANPA, "Area Code Maps" / NPA reports (nanpa.com), including overlays;
- MX: IFT, Plan Técnico Fundamental de Numeración (claves de larga distancia);
- BR: ANATEL, Códigos Nacionais (DDD);
- GB: Ofcom, "The National Telephone Numbering Plan" (geographic area codes);
- DE: Bundesnetzagentur, Ortsnetzkennzahlen (Vorwahlen);
- FR: ARCEP, plan de numérotation (zones 01-05);
- ES: CNMC, plan nacional de numeración (indicativos provinciales);
- NL: ACM, Nummerplan (netnummers);
- IN: DoT, STD codes of the National Numbering Plan;
- JP: MIC, 市外局番 (area codes) list;
- AU: ACMA, Numbering Plan (geographic area codes 02/03/07/08).

A national number is area code + subscriber digits, the subscriber part starting with 2-9;
``length`` counts both. ``style`` names how the country writes it (see ``salesgen.vocab.phones``).

Usage:
    python scripts/build_phones.py            # rewrite the shipped file
    python scripts/build_phones.py --out /tmp/phones.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "salesgen" / "vocab" / "data" / "phones.json"
FORMAT_VERSION = 1

# country -> (dialing code, national number length, style, {city: area codes})
PLANS: dict[str, tuple[str, int, str, dict[str, tuple[str, ...]]]] = {
    "US": (
        "+1",
        10,
        "nanp",
        {
            "New York": ("212", "646", "332", "718", "347"),
            "Los Angeles": ("213", "323", "310", "818"),
            "Chicago": ("312", "773", "872"),
            "Dallas": ("214", "469", "972"),
            "Houston": ("713", "281", "832"),
            "Washington": ("202",),
            "Philadelphia": ("215", "267"),
            "Atlanta": ("404", "470", "678", "770"),
            "Miami": ("305", "786"),
            "Phoenix": ("602", "480", "623"),
            "Boston": ("617", "857"),
            "San Francisco": ("415", "628"),
            "Detroit": ("313",),
            "Seattle": ("206",),
            "Minneapolis": ("612",),
            "San Diego": ("619", "858"),
            "Denver": ("303", "720"),
            "Charlotte": ("704", "980"),
            "Portland": ("503", "971"),
            "Austin": ("512", "737"),
            "Pittsburgh": ("412",),
            "Las Vegas": ("702", "725"),
            "Columbus": ("614", "380"),
            "Indianapolis": ("317",),
            "San Jose": ("408", "669"),
            "Nashville": ("615", "629"),
            "Raleigh": ("919", "984"),
            "Salt Lake City": ("801", "385"),
        },
    ),
    "CA": (
        "+1",
        10,
        "nanp",
        {
            "Toronto": ("416", "647", "437"),
            "Montreal": ("514", "438"),
            "Vancouver": ("604", "778"),
            "Calgary": ("403", "587"),
            "Edmonton": ("780", "587"),
            "Ottawa": ("613", "343"),
            "Winnipeg": ("204", "431"),
            "Quebec City": ("418", "581"),
            "Hamilton": ("905", "289"),
            "Mississauga": ("905", "289"),
            "Kitchener": ("519", "226"),
            "London": ("519", "226"),
            "Halifax": ("902", "782"),
            "Victoria": ("250", "778"),
            "Saskatoon": ("306", "639"),
            "Regina": ("306", "639"),
            "St. John's": ("709",),
        },
    ),
    "MX": (
        "+52",
        10,
        "split4",
        {
            "Ciudad de México": ("55",),
            "Monterrey": ("81",),
            "Guadalajara": ("33",),
            "Puebla": ("222",),
            "Toluca": ("722",),
            "Tijuana": ("664",),
            "León": ("477",),
            "Querétaro": ("442",),
            "Mérida": ("999",),
            "San Luis Potosí": ("444",),
            "Aguascalientes": ("449",),
            "Saltillo": ("844",),
            "Culiacán": ("667",),
            "Chihuahua": ("614",),
            "Morelia": ("443",),
            "Hermosillo": ("662",),
            "Veracruz": ("229",),
            "Cancún": ("998",),
        },
    ),
    "BR": (
        "+55",
        10,
        "dash4",
        {
            "São Paulo": ("11",),
            "Rio de Janeiro": ("21",),
            "Belo Horizonte": ("31",),
            "Brasília": ("61",),
            "Porto Alegre": ("51",),
            "Recife": ("81",),
            "Fortaleza": ("85",),
            "Salvador": ("71",),
            "Curitiba": ("41",),
            "Campinas": ("19",),
            "Goiânia": ("62",),
            "Belém": ("91",),
            "Manaus": ("92",),
            "Vitória": ("27",),
            "São Luís": ("98",),
            "Natal": ("84",),
            "Florianópolis": ("48",),
        },
    ),
    "GB": (
        "+44",
        10,
        "split4",
        {
            "London": ("20",),
            "Leeds": ("113",),
            "Newcastle upon Tyne": ("191",),
            "Bristol": ("117",),
            "Edinburgh": ("131",),
            "Nottingham": ("115",),
            "Belfast": ("28",),
            "Leicester": ("116",),
            "Reading": ("118",),
            "Brighton": ("1273",),
            "Bradford": ("1274",),
            "Coventry": ("24",),
            "Milton Keynes": ("1908",),
            "Cambridge": ("1223",),
            "Oxford": ("1865",),
        },
    ),
    "DE": (
        "+49",
        10,
        "plain",
        {
            "Berlin": ("30",),
            "Hamburg": ("40",),
            "München": ("89",),
            "Frankfurt am Main": ("69",),
            "Köln": ("221",),
            "Stuttgart": ("711",),
            "Düsseldorf": ("211",),
            "Leipzig": ("341",),
            "Hannover": ("511",),
            "Nürnberg": ("911",),
            "Dortmund": ("231",),
            "Essen": ("201",),
            "Bremen": ("421",),
            "Dresden": ("351",),
            "Bonn": ("228",),
            "Mannheim": ("621",),
            "Karlsruhe": ("721",),
            "Wiesbaden": ("611",),
        },
    ),
    "FR": (
        "+33",
        9,
        "pairs",
        {
            "Paris": ("1",),
            "Lyon": ("4",),
            "Marseille": ("4",),
            "Toulouse": ("5",),
            "Lille": ("3",),
            "Bordeaux": ("5",),
            "Nice": ("4",),
            "Nantes": ("2",),
            "Strasbourg": ("3",),
            "Montpellier": ("4",),
            "Rennes": ("2",),
            "Grenoble": ("4",),
            "Rouen": ("2",),
            "Toulon": ("4",),
            "Tours": ("2",),
            "Dijon": ("3",),
            "Reims": ("3",),
        },
    ),
    "ES": (
        "+34",
        9,
        "spain",
        {
            "Madrid": ("91",),
            "Barcelona": ("93",),
            "Valencia": ("96",),
            "Sevilla": ("954", "955"),
            "Bilbao": ("94",),
            "Málaga": ("952",),
            "Zaragoza": ("976",),
            "Alicante": ("965", "966"),
            "Palma": ("971",),
            "Las Palmas de Gran Canaria": ("928",),
            "Murcia": ("968",),
            "Vigo": ("986",),
            "Valladolid": ("983",),
            "A Coruña": ("981",),
            "San Sebastián": ("943",),
            "Pamplona": ("948",),
        },
    ),
    "NL": (
        "+31",
        9,
        "split3",
        {
            "Amsterdam": ("20",),
            "Rotterdam": ("10",),
            "Den Haag": ("70",),
            "Utrecht": ("30",),
            "Eindhoven": ("40",),
            "Groningen": ("50",),
            "Tilburg": ("13",),
            "Nijmegen": ("24",),
            "Arnhem": ("26",),
            "Haarlem": ("23",),
            "Breda": ("76",),
            "Enschede": ("53",),
            "Leiden": ("71",),
            "Maastricht": ("43",),
            "Almere": ("36",),
            "Amersfoort": ("33",),
            "Zwolle": ("38",),
        },
    ),
    "IN": (
        "+91",
        10,
        "split4",
        {
            "Mumbai": ("22",),
            "New Delhi": ("11",),
            "Kolkata": ("33",),
            "Bengaluru": ("80",),
            "Chennai": ("44",),
            "Hyderabad": ("40",),
            "Ahmedabad": ("79",),
            "Pune": ("20",),
            "Jaipur": ("141",),
            "Lucknow": ("522",),
            "Gurugram": ("124",),
            "Coimbatore": ("422",),
            "Indore": ("731",),
            "Kochi": ("484",),
            "Noida": ("120",),
            "Chandigarh": ("172",),
        },
    ),
    "JP": (
        "+81",
        9,
        "japan",
        {
            "Tokyo": ("3",),
            "Yokohama": ("45",),
            "Osaka": ("6",),
            "Nagoya": ("52",),
            "Sapporo": ("11",),
            "Fukuoka": ("92",),
            "Kobe": ("78",),
            "Kawasaki": ("44",),
            "Kyoto": ("75",),
            "Saitama": ("48",),
            "Hiroshima": ("82",),
            "Sendai": ("22",),
            "Chiba": ("43",),
            "Kitakyushu": ("93",),
            "Niigata": ("25",),
            "Hamamatsu": ("53",),
        },
    ),
    "AU": (
        "+61",
        9,
        "split4",
        {
            "Sydney": ("2",),
            "Melbourne": ("3",),
            "Brisbane": ("7",),
            "Perth": ("8",),
            "Adelaide": ("8",),
            "Gold Coast": ("7",),
            "Newcastle": ("2",),
            "Canberra": ("2",),
            "Sunshine Coast": ("7",),
            "Wollongong": ("2",),
            "Geelong": ("3",),
            "Hobart": ("3",),
            "Townsville": ("7",),
            "Darwin": ("8",),
            "Cairns": ("7",),
        },
    ),
}


def build() -> bytes:
    """The whole file, as the exact bytes to write."""
    countries = {
        code: {"dial": dial, "length": length, "style": style, "cities": {c: list(a) for c, a in cities.items()}}
        for code, (dial, length, style, cities) in PLANS.items()
    }
    data = {"format": FORMAT_VERSION, "countries": countries}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    args.out.write_bytes(build())
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
