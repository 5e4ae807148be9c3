"""People checks: emails, who belongs to whom, and country-consistent contact data.

The country checks join a lookup built from ``salesgen.vocab``
(``$countries``, ``$country_timezones``; see ``salesgen.checks._context``); a
contact's country is its customer's. A row whose country is unknown to the
vocabulary violates the country checks.

Example:
    >>> [c.name for c in CHECKS][0]
    'people.contact_email_domain'
"""

from __future__ import annotations

from salesgen.checks._core import Check, key_of

CONTACT_EMAIL_DOMAIN = Check(
    "people.contact_email_domain",
    "hard",
    "a contact's email ends with '@' + its customer's domain",
    sql="""
SELECT x.contact_id AS key FROM contacts AS x JOIN customers AS c USING (customer_id)
WHERE NOT ends_with(x.email, '@' || c.domain)
""",
)

REP_EMAIL_DOMAIN = Check(
    "people.rep_email_domain",
    "hard",
    "a rep's email ends with '@' + config.seller_domain",
    sql="SELECT rep_id AS key FROM sales_reps WHERE NOT ends_with(email, '@' || $seller_domain)",
)

UNIQUE_EMAILS = Check(
    "people.unique_emails",
    "hard",
    "emails are unique (case-insensitively) among contacts and among reps (key: table:email)",
    sql="""
SELECT 'contacts:' || lower(email) AS key FROM contacts GROUP BY lower(email) HAVING count(*) > 1
UNION ALL
SELECT 'sales_reps:' || lower(email) FROM sales_reps GROUP BY lower(email) HAVING count(*) > 1
""",
)

OPPORTUNITY_CONTACT_SAME_CUSTOMER = Check(
    "people.opportunity_contact_same_customer",
    "hard",
    "a deal's primary contact works at the deal's customer",
    sql="""
SELECT o.opportunity_id AS key
FROM opportunities AS o JOIN contacts AS x ON x.contact_id = o.primary_contact_id
WHERE x.customer_id <> o.customer_id
""",
)

INTERACTION_SAME_CUSTOMER = Check(
    "people.interaction_same_customer",
    "hard",
    "an interaction's contact and deal belong to the interaction's customer",
    sql="""
SELECT i.interaction_id AS key FROM interactions AS i JOIN contacts AS x USING (contact_id)
WHERE x.customer_id <> i.customer_id
UNION
SELECT i.interaction_id FROM interactions AS i JOIN opportunities AS o USING (opportunity_id)
WHERE o.customer_id <> i.customer_id
""",
)

# (table, key column, SQL for the row's country, join needed for it)
_PEOPLE: tuple[tuple[str, str, str, str], ...] = (
    ("customers", "customer_id", "t.country", ""),
    ("contacts", "contact_id", "c.country", "JOIN customers AS c ON c.customer_id = t.customer_id"),
    ("sales_reps", "rep_id", "t.country", ""),
)


def _phone_sql() -> str:
    parts = []
    for table, key, country, join in _PEOPLE:
        parts.append(f"""
SELECT {key_of(table, "t." + key)} AS key FROM {table} AS t {join}
LEFT JOIN $countries AS k ON k.country = {country}
WHERE k.country IS NULL OR NOT starts_with(t.phone, k.dial)
   OR (k.boundary AND regexp_matches(substr(t.phone, length(k.dial) + 1, 1), '[0-9]'))""")
    return "\nUNION ALL".join(parts)


def _timezone_sql() -> str:
    parts = []
    for table, key, country, join in _PEOPLE:
        parts.append(f"""
SELECT {key_of(table, "t." + key)} AS key FROM {table} AS t {join}
WHERE NOT EXISTS (SELECT 1 FROM $country_timezones AS z
                  WHERE z.country = {country} AND z.timezone = t.timezone)""")
    return "\nUNION ALL".join(parts)


PHONE_FITS_COUNTRY = Check(
    "people.phone_fits_country",
    "hard",
    "customer, contact (via its customer) and rep phones start with their country's dialing code (key: table:id)",
    sql=_phone_sql(),
)

POSTAL_CODE_FITS_COUNTRY = Check(
    "people.postal_code_fits_country",
    "hard",
    "a customer's postal code matches its country's postal pattern",
    sql="""
SELECT t.customer_id AS key FROM customers AS t LEFT JOIN $countries AS k ON k.country = t.country
WHERE k.country IS NULL OR NOT regexp_full_match(t.postal_code, k.postal_regex)
""",
)

TIMEZONE_FITS_COUNTRY = Check(
    "people.timezone_fits_country",
    "hard",
    "customer, contact (via its customer) and rep timezones are city timezones of their country (key: table:id)",
    sql=_timezone_sql(),
)

CHECKS: tuple[Check, ...] = (
    CONTACT_EMAIL_DOMAIN,
    REP_EMAIL_DOMAIN,
    UNIQUE_EMAILS,
    OPPORTUNITY_CONTACT_SAME_CUSTOMER,
    INTERACTION_SAME_CUSTOMER,
    PHONE_FITS_COUNTRY,
    POSTAL_CODE_FITS_COUNTRY,
    TIMEZONE_FITS_COUNTRY,
)
