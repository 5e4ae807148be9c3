"""How companies and institutions are named per country: legal forms, institution names, domains.

Legal forms carry a weight for small and for enterprise companies (a German startup is a GmbH,
a large German group often an AG; a British small firm is a Ltd, a listed one a PLC). Public
bodies, schools, universities and hospitals carry no legal form and are named as institutions.
Top-level domains follow how companies register in each country: a ccTLD majority where the
ccTLD is the norm (.de, .nl, .com.au), .com where it is (the US), and the public-sector
second-level domains (.gov.uk, .ac.jp, .gob.mx…) for institutions. Shares are rounded
estimates from the registries' published statistics (DENIC, SIDN, Nominet, auDA, JPRS domain
counts vs. Verisign's .com zone), versioned with salesgen.

Example:
    >>> LEGAL_FORMS["DE"][0]
    ('GmbH', 0.8, 0.35)
    >>> INSTITUTION_TLDS["GB"]
    ('gov.uk', 'ac.uk', 'nhs.uk')
"""

from __future__ import annotations

# country -> (legal form, weight at a small company, weight at an enterprise)
LEGAL_FORMS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "US": (("Inc.", 0.5, 0.7), ("LLC", 0.4, 0.05), ("Corp.", 0.1, 0.25)),
    "CA": (("Inc.", 0.6, 0.6), ("Ltd.", 0.3, 0.25), ("Corp.", 0.1, 0.15)),
    "MX": (("S.A. de C.V.", 0.6, 0.8), ("S. de R.L. de C.V.", 0.35, 0.05), ("S.A.P.I. de C.V.", 0.05, 0.15)),
    "BR": (("Ltda.", 0.8, 0.2), ("S.A.", 0.2, 0.8)),
    "GB": (("Ltd", 0.85, 0.3), ("PLC", 0.02, 0.65), ("LLP", 0.13, 0.05)),
    "DE": (("GmbH", 0.8, 0.35), ("AG", 0.03, 0.45), ("GmbH & Co. KG", 0.15, 0.15), ("SE", 0.02, 0.05)),
    "FR": (("SAS", 0.6, 0.4), ("SA", 0.1, 0.55), ("SARL", 0.3, 0.05)),
    "ES": (("S.L.", 0.85, 0.2), ("S.A.", 0.15, 0.8)),
    "NL": (("B.V.", 0.95, 0.6), ("N.V.", 0.05, 0.4)),
    "IN": (("Pvt. Ltd.", 0.85, 0.3), ("Ltd.", 0.1, 0.65), ("LLP", 0.05, 0.05)),
    "JP": (("K.K.", 0.45, 0.7), ("Co., Ltd.", 0.45, 0.3), ("G.K.", 0.1, 0.0)),
    "AU": (("Pty Ltd", 0.95, 0.5), ("Ltd", 0.05, 0.5)),
}
LEGAL_FORM_SHARE = 0.7  # share of company names written with their legal form

# country -> (TLD, share) for companies
COMPANY_TLDS: dict[str, tuple[tuple[str, float], ...]] = {
    "US": (("com", 0.85), ("net", 0.05), ("io", 0.04), ("co", 0.03), ("us", 0.03)),
    "CA": (("ca", 0.55), ("com", 0.4), ("net", 0.03), ("io", 0.02)),
    "MX": (("com.mx", 0.6), ("mx", 0.1), ("com", 0.28), ("net", 0.02)),
    "BR": (("com.br", 0.8), ("com", 0.18), ("net", 0.02)),
    "GB": (("co.uk", 0.65), ("com", 0.25), ("uk", 0.05), ("io", 0.03), ("net", 0.02)),
    "DE": (("de", 0.85), ("com", 0.12), ("net", 0.02), ("io", 0.01)),
    "FR": (("fr", 0.72), ("com", 0.25), ("net", 0.02), ("io", 0.01)),
    "ES": (("es", 0.7), ("com", 0.27), ("net", 0.03)),
    "NL": (("nl", 0.8), ("com", 0.17), ("io", 0.02), ("net", 0.01)),
    "IN": (("co.in", 0.35), ("in", 0.25), ("com", 0.37), ("net", 0.03)),
    "JP": (("co.jp", 0.62), ("jp", 0.1), ("com", 0.27), ("net", 0.01)),
    "AU": (("com.au", 0.85), ("com", 0.12), ("net.au", 0.03)),
}

# country -> TLD of (government bodies, schools and universities, hospitals)
INSTITUTION_TLDS: dict[str, tuple[str, str, str]] = {
    "US": ("gov", "edu", "org"),
    "CA": ("ca", "ca", "ca"),
    "MX": ("gob.mx", "edu.mx", "org.mx"),
    "BR": ("gov.br", "edu.br", "org.br"),
    "GB": ("gov.uk", "ac.uk", "nhs.uk"),
    "DE": ("de", "de", "de"),
    "FR": ("fr", "fr", "fr"),
    "ES": ("es", "es", "es"),
    "NL": ("nl", "nl", "nl"),
    "IN": ("gov.in", "ac.in", "org.in"),
    "JP": ("lg.jp", "ac.jp", "or.jp"),
    "AU": ("gov.au", "edu.au", "org.au"),
}

# institution sub-industry -> (kind: 0 government, 1 education, 2 health; the words after the place name).
# Every word list has as many entries as an industry has company words, and no two share a slug.
INSTITUTIONS: dict[str, tuple[int, tuple[str, ...]]] = {
    "Local Government": (
        0,
        (
            "City Council",
            "County Council",
            "Borough Council",
            "Municipality",
            "District Council",
            "Town Council",
            "Metropolitan Council",
            "Regional Council",
        ),
    ),
    "Defense": (
        0,
        (
            "Defence Agency",
            "Defence Procurement Office",
            "Military Logistics Command",
            "Defence Research Establishment",
            "Armed Forces Support Agency",
            "Defence Estates",
            "Naval Support Agency",
            "Defence Training Command",
        ),
    ),
    "Public Health": (
        0,
        (
            "Public Health Authority",
            "Health Department",
            "Health Board",
            "Public Health Agency",
            "Health Service",
            "Disease Control Office",
            "Health Protection Agency",
            "Community Health Office",
        ),
    ),
    "Transportation": (
        0,
        (
            "Transit Authority",
            "Port Authority",
            "Regional Transport",
            "Roads Agency",
            "Rail Authority",
            "Airport Authority",
            "Bus Authority",
            "Highways Agency",
        ),
    ),
    "Higher Education": (
        1,
        (
            "University",
            "Community College",
            "Institute of Technology",
            "School of Business",
            "Polytechnic",
            "University of Applied Sciences",
            "Medical School",
            "State University",
        ),
    ),
    "K-12": (
        1,
        (
            "School District",
            "High School",
            "Academy Trust",
            "Unified Schools",
            "Grammar School",
            "Preparatory School",
            "Primary School",
            "Education Board",
        ),
    ),
    "Hospitals": (
        2,
        (
            "Hospital",
            "Medical Center",
            "General Hospital",
            "Health System",
            "Children's Hospital",
            "Regional Hospital",
            "University Hospital",
            "Community Hospital",
        ),
    ),
}

# Largest plausible headcount per industry (a law firm of 130,000 is not a thing; a retailer can be).
MAX_EMPLOYEES: dict[str, int] = {
    "Technology": 200_000,
    "Financial Services": 250_000,
    "Healthcare": 150_000,
    "Manufacturing": 250_000,
    "Retail": 250_000,
    "Education": 40_000,
    "Logistics": 200_000,
    "Energy": 100_000,
    "Media": 50_000,
    "Professional Services": 60_000,
    "Telecommunications": 150_000,
    "Public Sector": 100_000,
}
