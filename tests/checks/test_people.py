"""salesgen.checks.people: emails, phones, addresses and who-belongs-where each catch their own breakage."""

from __future__ import annotations

import pytest

from tests.checks.datasets import Data
from tests.checks.mutations import Broken, Mutations, assert_fails_exactly_its_check, edit, one, row, set_first

MUTATIONS = Mutations("people")

MUTATIONS.add(
    "people.contact_email_domain",
    set_first("contacts", {"email": lambda email: email.split("@")[0] + "@elsewhere.example"}),
)
MUTATIONS.add("people.rep_email_domain", set_first("sales_reps", {"email": "someone@elsewhere.example"}))


@MUTATIONS("people.unique_emails")
def _same_email(data: Data) -> Broken:
    first, second = one(
        data.tables,
        """SELECT min(contact_id), max(contact_id) FROM contacts
        GROUP BY customer_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1""",
    )
    email = row(data.tables, "contacts", first)["email"]
    return Broken(edit(data.tables, "contacts", second, email=email), f"contacts:{email.lower()}")


@MUTATIONS("people.opportunity_contact_same_customer")
def _foreign_contact(data: Data) -> Broken:
    key, contact = one(
        data.tables,
        """SELECT o.opportunity_id, min(x.contact_id)
        FROM opportunities AS o JOIN contacts AS x ON x.customer_id <> o.customer_id
        GROUP BY 1 ORDER BY 1 LIMIT 1""",
    )
    return Broken(edit(data.tables, "opportunities", key, primary_contact_id=contact), str(key))


@MUTATIONS("people.interaction_same_customer")
def _foreign_customer(data: Data) -> Broken:
    key, customer = one(
        data.tables,
        """SELECT i.interaction_id, min(c.customer_id)
        FROM interactions AS i JOIN customers AS c
          ON c.customer_id <> i.customer_id AND c.created_at <= i.occurred_at
        GROUP BY 1 ORDER BY 1 LIMIT 1""",
    )
    return Broken(edit(data.tables, "interactions", key, customer_id=customer), str(key))


MUTATIONS.add("people.phone_fits_country", set_first("contacts", {"phone": "+999 555 0100"}, label="contacts:{key}"))
MUTATIONS.add("people.postal_code_fits_country", set_first("customers", {"postal_code": "??"}))
MUTATIONS.add(
    "people.timezone_fits_country", set_first("contacts", {"timezone": "Antarctica/Troll"}, label="contacts:{key}")
)


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
