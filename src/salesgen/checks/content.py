"""Content checks: rows that read as real — notes that agree with their own fields, people that fit.

A bounce says it bounced, a voicemail says a message was left, a meeting that did not happen has
no duration and nobody's mood; a company has at most one chief executive, an executive is
never a mere "user"; legal forms belong to the company's country and public bodies carry none.

Example:
    >>> [c.name for c in CHECKS][:2]
    ['content.outcome_fits_type', 'content.note_fits_outcome']
"""

from __future__ import annotations

from salesgen.checks._core import Check
from salesgen.vocab.companies import INSTITUTIONS, LEGAL_FORMS

# type -> outcomes it can have; inbound emails and calls come from the buyer, so they cannot
# bounce, go to voicemail or ring out.
_OUTCOMES = {
    "email": "('sent', 'replied', 'bounced')",
    "call": "('connected', 'voicemail', 'no answer')",
    "meeting": "('held', 'rescheduled', 'no-show')",
    "demo": "('held', 'rescheduled', 'no-show')",
}
_BOUNCE_WORDS = "bounce|undeliverable"
_MESSAGE_WORDS = "voicemail|message|no answer|pick up|unanswered|reach"

OUTCOME_FITS_TYPE = Check(
    "content.outcome_fits_type",
    "hard",
    "an interaction's outcome is one its type can have; inbound touches are never bounced, voicemail or no answer",
    sql="SELECT interaction_id AS key FROM interactions WHERE NOT ("
    + " OR ".join(f"(type = '{kind}' AND outcome IN {outcomes})" for kind, outcomes in _OUTCOMES.items())
    + ") OR (direction = 'inbound' AND outcome IN ('bounced', 'voicemail', 'no answer'))",
)

NOTE_FITS_OUTCOME = Check(
    "content.note_fits_outcome",
    "hard",
    "a bounced email's note says it bounced and never that the contact replied; "
    "a voicemail or unanswered call's note says so",
    sql=f"""
SELECT interaction_id AS key FROM interactions
WHERE (outcome = 'bounced'
       AND (NOT regexp_matches(lower(notes), '{_BOUNCE_WORDS}') OR regexp_matches(lower(notes), 'replied')))
   OR (outcome IN ('voicemail', 'no answer') AND NOT regexp_matches(lower(notes), '{_MESSAGE_WORDS}'))
""",
)

MISSED_HAS_NO_DURATION = Check(
    "content.missed_has_no_duration",
    "hard",
    "a no-show or rescheduled meeting or demo has no duration",
    sql="""
SELECT interaction_id AS key FROM interactions
WHERE outcome IN ('no-show', 'rescheduled') AND duration_minutes IS NOT NULL
""",
)

QUIET_TOUCH_IS_NEUTRAL = Check(
    "content.quiet_touch_is_neutral",
    "hard",
    "a bounce, voicemail or unanswered call carries neutral sentiment (nobody spoke)",
    sql="""
SELECT interaction_id AS key FROM interactions
WHERE outcome IN ('bounced', 'voicemail', 'no answer') AND sentiment <> 'neutral'
""",
)

ONE_CHIEF_EXECUTIVE = Check(
    "content.one_chief_executive",
    "hard",
    "a customer has at most one contact titled Chief Executive Officer (key: customer_id)",
    sql="""
SELECT customer_id AS key FROM contacts WHERE title = 'Chief Executive Officer'
GROUP BY customer_id HAVING count(*) > 1
""",
)

EXECUTIVE_IS_NOT_USER = Check(
    "content.executive_is_not_user",
    "hard",
    "a C-level contact decides, sponsors or influences; its buying role is never 'user'",
    sql="SELECT contact_id AS key FROM contacts WHERE seniority = 'C-level' AND buying_role = 'user'",
)


def _legal_forms_sql() -> str:
    """A (form, country) VALUES list of every country's legal forms, longest first."""
    pairs = sorted(
        {(form, code) for code, forms in LEGAL_FORMS.items() for form, _, _ in forms},
        key=lambda pair: (-len(pair[0]), pair),
    )
    return ", ".join(f"('{form.replace(chr(39), chr(39) * 2)}', '{code}')" for form, code in pairs)


def _institutions_sql() -> str:
    return ", ".join(f"'{name}'" for name in INSTITUTIONS)


LEGAL_FORM_FITS_COUNTRY = Check(
    "content.legal_form_fits_country",
    "hard",
    "a customer's name ends with no legal form of another country unless it ends with one of its own; "
    "public bodies, schools, universities and hospitals carry no legal form",
    sql=f"""
WITH forms(form, country) AS (VALUES {_legal_forms_sql()})
SELECT c.customer_id AS key FROM customers AS c
WHERE (EXISTS (SELECT 1 FROM forms AS f WHERE f.country <> c.country AND ends_with(c.name, ' ' || f.form))
       AND NOT EXISTS (SELECT 1 FROM forms AS f WHERE f.country = c.country AND ends_with(c.name, ' ' || f.form)))
   OR (c.sub_industry IN ({_institutions_sql()})
       AND EXISTS (SELECT 1 FROM forms AS f WHERE ends_with(c.name, ' ' || f.form)))
""",
)

CHECKS: tuple[Check, ...] = (
    OUTCOME_FITS_TYPE,
    NOTE_FITS_OUTCOME,
    MISSED_HAS_NO_DURATION,
    QUIET_TOUCH_IS_NEUTRAL,
    ONE_CHIEF_EXECUTIVE,
    EXECUTIVE_IS_NOT_USER,
    LEGAL_FORM_FITS_COUNTRY,
)
