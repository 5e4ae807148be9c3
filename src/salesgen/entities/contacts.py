"""The people at a block's customers: one decision maker first, then the buying committee.

The group grows smoothly with headcount; titles, seniority and buying roles follow
``salesgen.entities.roles``.

Emails use the customer's domain; names, phones and languages fit each
person's nationality (mostly the company's country).

Example:
    >>> from salesgen.entities.world import build_world
    >>> from salesgen.entities.accounts import build_accounts
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=5, num_sales_reps=2), seed=1)
    >>> people = build_contacts(world, 0, build_accounts(world, 0))
    >>> int(people.count.sum()) == people.table.num_rows
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.arrowkit import timestamp_array
from salesgen.contract import assemble
from salesgen.entities import roles
from salesgen.entities.accounts import CONTACT_LEAD_DAYS, Accounts
from salesgen.entities.common import DAY, join, labels, repeat_index, repeat_suffix
from salesgen.entities.draws import ContactDraw, draw
from salesgen.entities.people import countries, office_extensions, sample_languages, sample_names
from salesgen.entities.world import World
from salesgen.vocab.business import BUYING_ROLES, DEPARTMENTS, SENIORITIES, TITLES

# Employees at which each size band's configured mean buying group applies; between them the mean
# grows log-linearly with headcount, so there is no cliff at a band edge (199 → 200 employees).
BAND_ANCHOR_EMPLOYEES = (30.0, 450.0, 3000.0)

MAX_CONTACTS = 99  # contact ids are customer_id * 100 + number


@dataclass(frozen=True)
class Contacts:
    """The contacts table and what deals and touches need back from it."""

    table: pa.Table
    count: np.ndarray  # per account
    contact_id: np.ndarray  # per contact, grouped by account
    first_name: pa.Array  # per contact


def build_contacts(world: World, block: int, accounts: Accounts) -> Contacts:
    """Contacts of the block's accounts; the first one of each is its decision maker."""

    def rng(purpose: ContactDraw) -> np.random.Generator:
        return draw(world.seed, purpose, block)

    country = accounts.country
    employees = accounts.customer_columns["employees"].to_numpy()
    mean = _buying_group_mean(world, employees)
    count = np.minimum(1 + rng(ContactDraw.COUNT).poisson(np.maximum(mean - 1, 0)), MAX_CONTACTS)
    parent = repeat_index(count)
    number = np.arange(parent.size) - np.repeat(np.r_[0, np.cumsum(count)[:-1]], count)
    contact_id = accounts.customer_id[parent] * 100 + number + 1
    m = parent.size
    foreign = rng(ContactDraw.FOREIGN).random(m) < 0.12
    abroad = rng(ContactDraw.NATIONALITY).choice(len(countries()), m, p=world.country_weights)
    nationality = np.where(foreign, abroad, country[parent])
    names = sample_names(nationality, rng(ContactDraw.NAME))
    first_contact = number == 0
    seniority, department = roles.seniority_and_department(
        np.log(np.maximum(employees[parent], 1)),
        first_contact,
        parent,
        rng(ContactDraw.SENIORITY),
        rng(ContactDraw.DEPARTMENT),
    )
    role = roles.buying_roles(seniority, first_contact, rng(ContactDraw.BUYING_ROLE))
    titles = labels(np.array([TITLES[d] for d in DEPARTMENTS]).ravel(), department * len(SENIORITIES) + seniority)
    lead = (rng(ContactDraw.CREATED).random(m) * CONTACT_LEAD_DAYS * DAY).astype(np.int64)
    table = assemble(
        "contacts",
        {
            "contact_id": pa.array(contact_id),
            "customer_id": pa.array(accounts.customer_id[parent]),
            "first_name": names.first,
            "last_name": names.last,
            "email": _emails(
                names.first_ascii,
                names.last_ascii,
                accounts.customer_columns["domain"],
                parent,
                rng(ContactDraw.EMAIL_STYLE),
            ),
            "phone": office_extensions(
                accounts.customer_columns["phone"].take(pa.array(parent)), rng(ContactDraw.PHONE)
            ),
            "title": titles,
            "seniority": labels(SENIORITIES, seniority),
            "department": labels(DEPARTMENTS, department),
            "buying_role": labels(BUYING_ROLES, role),
            "nationality": labels(world.country_codes, nationality),
            "languages": sample_languages(nationality, country[parent], rng(ContactDraw.LANGUAGES)),
            "timezone": accounts.customer_columns["timezone"].take(pa.array(parent)),
            "created_at": timestamp_array(accounts.created_s[parent] + lead),
        },
    )
    return Contacts(table, count, contact_id, names.first)


def _buying_group_mean(world: World, employees: np.ndarray) -> np.ndarray:
    """Mean contacts per account: a smooth function of headcount through the per-size means."""
    means = np.log(np.array(world.config.realism.accounts.contacts_per_customer.as_tuple()))
    anchors = np.log(np.array(BAND_ANCHOR_EMPLOYEES))
    return np.asarray(np.exp(np.interp(np.log(np.maximum(employees, 1)), anchors, means)), dtype=np.float64)


def _emails(
    first: pa.Array, last: pa.Array, domain: pa.Array, parent: np.ndarray, rng: np.random.Generator
) -> pa.Array:
    """first.last@, flast@ or first@ the customer's domain; a repeated address gets a number."""
    style = rng.choice(3, parent.size, p=[0.7, 0.2, 0.1])
    initial = pc.utf8_slice_codeunits(first, 0, 1)
    local = pc.if_else(
        pa.array(style == 0), join(first, ".", last), pc.if_else(pa.array(style == 1), join(initial, last), first)
    )
    mailbox = domain.take(pa.array(parent))
    suffix = repeat_suffix(join(local, "@", mailbox))
    return join(local, pa.array(suffix), "@", mailbox)
