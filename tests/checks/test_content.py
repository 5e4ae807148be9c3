"""salesgen.checks.content: each content rule catches its own breakage and nothing else."""

from __future__ import annotations

import pytest

from tests.checks.datasets import Data
from tests.checks.mutations import Broken, Mutations, assert_fails_exactly_its_check, edit, one, set_first

MUTATIONS = Mutations("content")

MUTATIONS.add("content.outcome_fits_type", set_first("interactions", {"outcome": "held"}, where="type = 'email'"))
MUTATIONS.add(
    "content.note_fits_outcome",
    set_first(
        "interactions",
        {"outcome": "bounced", "notes": "Ada replied by email.", "sentiment": "neutral", "sentiment_score": 0.0},
        where="type = 'email' AND direction = 'outbound'",
    ),
)
MUTATIONS.add(
    "content.missed_has_no_duration",
    set_first("interactions", {"outcome": "no-show", "duration_minutes": 30}, where="type IN ('meeting', 'demo')"),
)
MUTATIONS.add(
    "content.quiet_touch_is_neutral",
    set_first(
        "interactions",
        {
            "outcome": "voicemail",
            "notes": "Left a voicemail.",
            "sentiment": "positive",
            "sentiment_score": 0.5,
            "duration_minutes": 1,
        },
        where="type = 'call' AND direction = 'outbound'",
    ),
)
MUTATIONS.add(
    "content.executive_is_not_user",
    set_first(
        "contacts",
        {"seniority": "C-level", "buying_role": "user", "title": "Chief Financial Officer"},
        where="seniority <> 'C-level' AND title <> 'Chief Executive Officer'",
    ),
)
MUTATIONS.add("content.legal_form_fits_country", set_first("customers", {"name": "Acme GmbH"}, where="country <> 'DE'"))
MUTATIONS.add(
    "content.legal_form_fits_country",
    set_first(
        "customers",
        {"name": "Springfield City Council Inc.", "sub_industry": "Local Government"},
        where="country = 'US'",
    ),
    variant="institution",
)


@MUTATIONS("content.one_chief_executive")
def _two_chief_executives(data: Data) -> Broken:
    customer, first, second = one(
        data.tables,
        """SELECT customer_id, min(contact_id), max(contact_id) FROM contacts
        GROUP BY customer_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1""",
    )
    chief = {"title": "Chief Executive Officer", "seniority": "C-level", "buying_role": "decision maker"}
    tables = edit(edit(data.tables, "contacts", first, **chief), "contacts", second, **chief)
    return Broken(tables, str(customer))


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
