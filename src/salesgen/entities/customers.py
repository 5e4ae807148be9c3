"""Customer companies and their contacts, for one block of customer ids.

Company names and domains come from a keyed bijection of the customer id
(``CompanyNamer``), so domains — and therefore contact emails — are unique
across all blocks without any coordination between them.

Example:
    >>> from salesgen.engine.context import build_context
    >>> from salesgen.config import Config
    >>> ctx = build_context(Config(num_customers=5, num_sales_reps=2), seed=1)
    >>> accounts = build_accounts(ctx, block=0)
    >>> accounts.customer_id.tolist()
    [1, 2, 3, 4, 5]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import timestamp_array
from salesgen.entities.common import DAY, join, labels, repeat_index, repeat_suffix, slug
from salesgen.entities.people import countries, sample_languages, sample_names, sample_phones, sample_places
from salesgen.random import stream
from salesgen.schema import CONTACTS, CUSTOMERS
from salesgen.vocab.business import (
    BUYING_ROLES,
    COMPANY_WORDS_A,
    COMPANY_WORDS_B,
    DEPARTMENTS,
    INDUSTRIES,
    SENIORITIES,
    TITLES,
)
from salesgen.vocab.domain import SIZES, TERRITORIES

if TYPE_CHECKING:
    from salesgen.engine.context import RunContext

EMPLOYEE_BANDS = ((5, 199), (200, 999), (1000, 250_000))
CONTACT_LEAD_DAYS = 30  # contacts are added within this many days of the account
RECENT_ACCOUNT_GAP_DAYS = 120  # no account is created in the last 120 days (or half a short history)


class CompanyNamer:
    """A bijection customer_id → (first word, industry word, industry, TLD variant), then a counter.

    Built once per run; ``name_parts`` is a pure function of the id.
    """

    TLD_VARIANTS = 3

    def __init__(self, seed: int) -> None:
        surnames = [(v.last_names, v.last_names_ascii) for v in countries()]
        display = pa.concat_arrays([pa.array(COMPANY_WORDS_A)] + [s[0].slice(0, 150) for s in surnames])
        plain = pa.concat_arrays([slug(pa.array(COMPANY_WORDS_A))] + [s[1].slice(0, 150) for s in surnames])
        plain_np = np.array(plain.to_numpy(zero_copy_only=False), dtype=str)
        _, first = np.unique(plain_np, return_index=True)
        keep = np.sort(first)
        self.words = display.take(pa.array(keep))
        self.word_slugs = plain.take(pa.array(keep))
        self.industries = list(INDUSTRIES)
        self.per_industry = min(len(COMPANY_WORDS_B[i]) for i in self.industries)
        self.size = len(keep) * len(self.industries) * self.per_industry * self.TLD_VARIANTS
        self.bits = max(int(self.size - 1).bit_length(), 8)
        rng = stream(seed, CUSTOMERS.code, purpose=1)
        self.keys = rng.integers(0, 2**self.bits, 3, dtype=np.uint64)
        self.multipliers = rng.integers(0, 2**self.bits, 3, dtype=np.uint64) | np.uint64(1)

    def _mix(self, x: np.ndarray) -> np.ndarray:
        """A keyed bijection of [0, 2**bits): odd multiplies, key adds and xor-shifts, all invertible."""
        mask = np.uint64(2**self.bits - 1)
        shift = np.uint64(self.bits // 2 + 1)
        for key, multiplier in zip(self.keys, self.multipliers, strict=True):
            x = (x * multiplier + key) & mask
            x ^= x >> shift
        return x

    def permute(self, index: np.ndarray) -> np.ndarray:
        """A keyed pseudo-random permutation of [0, size), by cycle walking ``_mix``."""
        x = self._mix(index.astype(np.uint64))
        outside = x >= self.size
        while outside.any():
            x[outside] = self._mix(x[outside])
            outside = x >= self.size
        return x.astype(np.int64)

    def name_parts(self, customer_id: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(first word, industry, industry word, TLD variant, repeat counter) per id."""
        zero_based = customer_id - 1
        index = self.permute(zero_based % self.size)
        variant, index = index % self.TLD_VARIANTS, index // self.TLD_VARIANTS
        b_word, index = index % self.per_industry, index // self.per_industry
        industry, word = index % len(self.industries), index // len(self.industries)
        return word, industry, b_word, variant, zero_based // self.size


@dataclass(frozen=True)
class Accounts:
    """A block's customers and contacts as arrays; tables are assembled once deals are known."""

    customer_id: np.ndarray
    size: np.ndarray          # index into SIZES
    industry: np.ndarray      # index into INDUSTRIES
    country: np.ndarray       # index into countries()
    owner: np.ndarray         # row index into the roster
    created_s: np.ndarray
    customer_columns: dict[str, pa.Array]  # every customers column but status
    contact_count: np.ndarray
    contact_id: np.ndarray
    contact_created_s: np.ndarray
    contact_first_name: pa.Array
    contacts: pa.Table


def block_ids(ctx: RunContext, block: int) -> np.ndarray:
    """The customer ids of ``block``: block * block_size + 1 … (clipped to num_customers)."""
    size = ctx.config.block_size
    return np.arange(block * size + 1, min((block + 1) * size, ctx.config.num_customers) + 1, dtype=np.int64)


def build_accounts(ctx: RunContext, block: int) -> Accounts:
    """Customers of one block with their contacts."""
    config, realism = ctx.config, ctx.config.realism
    rng = stream(ctx.seed, CUSTOMERS.code, block)
    customer_id = block_ids(ctx, block)
    n = customer_id.size
    size = rng.choice(len(SIZES), n, p=np.array(realism.accounts.size_mix.as_tuple()))
    low, high = (np.array(b)[size] for b in zip(*EMPLOYEE_BANDS, strict=True))
    employees = np.minimum(np.exp(rng.uniform(np.log(low), np.log(high + 1))), high).astype(np.int64)
    employees = np.where(size == 2, np.minimum(1000 * np.exp(rng.exponential(1.3, n)), high), employees)
    employees = employees.astype(np.int64)
    word, industry, b_word, variant, repeat = ctx.namer.name_parts(customer_id)
    revenue_per_head = np.array([v[1] for v in INDUSTRIES.values()])[industry] * rng.lognormal(0, 0.35, n)
    revenue = np.round(employees * np.clip(revenue_per_head, 25_000, 1_800_000) / 1000).astype(np.int64) * 100_000
    country = rng.choice(len(countries()), n, p=ctx.country_weights)
    territory = np.array([TERRITORIES.index(v.territory) for v in countries()])[country]
    places = sample_places(country, rng)
    # Accounts join the CRM over the history window, leaving its last stretch for them to get deals.
    quiet_tail = min(RECENT_ACCOUNT_GAP_DAYS, config.history_days // 2) * DAY
    created = ctx.history_start_s + (rng.random(n) * (ctx.as_of_s - quiet_tail - ctx.history_start_s)).astype(np.int64)
    age_years = rng.lognormal(np.log(np.array([8, 18, 35])[size]), 0.6)
    founded = np.maximum(config.as_of.year - 1 - age_years.astype(np.int64), 1850)
    name, domain = _names(ctx, country, word, industry, b_word, variant, repeat, rng)
    owner = ctx.roster.assign_owners(size, territory, rng)
    columns = {
        "customer_id": pa.array(customer_id), "name": name, "domain": domain,
        "industry": labels(ctx.namer.industries, industry),
        "sub_industry": labels(_sub_industries().ravel(), industry * 4 + rng.integers(0, 4, n)),
        "size": labels(SIZES, size), "employees": pa.array(employees),
        "annual_revenue": ctx.money(revenue), "country": labels(ctx.country_codes, country),
        "region": places.region, "city": places.city, "address": places.address,
        "postal_code": places.postal_code, "phone": sample_phones(country, rng), "timezone": places.timezone,
        "founded_year": pa.array(founded), "owner_rep_id": pa.array(ctx.roster.rep_id[owner]),
        "created_at": timestamp_array(created),
    }
    return _with_contacts(ctx, block, customer_id, size, industry, country, owner, created, columns, domain)


def _sub_industries() -> np.ndarray:
    return np.array([v[0] for v in INDUSTRIES.values()])


def _names(ctx: RunContext, country: np.ndarray, word: np.ndarray, industry: np.ndarray, b_word: np.ndarray,
           variant: np.ndarray, repeat: np.ndarray, rng: np.random.Generator) -> tuple[pa.Array, pa.Array]:
    words_b = np.array([COMPANY_WORDS_B[i][: ctx.namer.per_industry] for i in ctx.namer.industries])[industry, b_word]
    suffixes = [v.company_suffixes for v in countries()]
    width = max(len(s) for s in suffixes)
    suffix_table = np.array([list(s) + [s[0]] * (width - len(s)) for s in suffixes])
    counts = np.array([len(s) for s in suffixes])[country]
    suffix = suffix_table[country, (rng.random(country.size) * counts).astype(np.int64)]
    suffix = np.where(rng.random(country.size) < 0.7, np.char.add(" ", suffix), "")
    first = ctx.namer.words.take(pa.array(word))
    name = join(first, " ", pa.array(words_b), pa.array(suffix))
    tlds = np.array([v.tld for v in countries()])[country]
    tld = np.select([variant == 1, variant == 2], ["net", "io"], tlds)
    counter = np.where(repeat > 0, np.char.mod("%d", repeat + 1), "")
    domain = join(ctx.namer.word_slugs.take(pa.array(word)), slug(pa.array(words_b)), pa.array(counter), ".",
                  pa.array(tld))
    return name, domain


def _with_contacts(ctx: RunContext, block: int, customer_id: np.ndarray, size: np.ndarray, industry: np.ndarray,
                   country: np.ndarray, owner: np.ndarray, created: np.ndarray, columns: dict[str, pa.Array],
                   domain: pa.Array) -> Accounts:
    rng = stream(ctx.seed, CONTACTS.code, block)
    mean = np.array(ctx.config.realism.accounts.contacts_per_customer.as_tuple())[size]
    count = np.minimum(1 + rng.poisson(np.maximum(mean - 1, 0)), 99)
    parent = repeat_index(count)
    number = np.arange(parent.size) - np.repeat(np.r_[0, np.cumsum(count)[:-1]], count)
    contact_id = customer_id[parent] * 100 + number + 1
    m = parent.size
    foreign = rng.random(m) < 0.12
    nationality = np.where(foreign, rng.choice(len(countries()), m, p=ctx.country_weights), country[parent])
    names = sample_names(nationality, rng)
    style = rng.choice(3, m, p=[0.7, 0.2, 0.1])
    initial = pa.compute.utf8_slice_codeunits(names.first_ascii, 0, 1)
    local = pa.compute.if_else(pa.array(style == 0), join(names.first_ascii, ".", names.last_ascii),
                               pa.compute.if_else(pa.array(style == 1), join(initial, names.last_ascii),
                                                  names.first_ascii))
    mailbox = domain.take(pa.array(parent))
    suffix = repeat_suffix(join(local, "@", mailbox))
    email = join(local, pa.array(suffix), "@", mailbox)
    first_contact = number == 0
    seniority = rng.choice(5, m, p=[0.06, 0.12, 0.24, 0.3, 0.28])
    seniority = np.where(first_contact, np.where(size[parent] == 0, 0, rng.integers(0, 2, m)), seniority)
    department = rng.integers(0, len(DEPARTMENTS), m)
    department = np.where(first_contact & (seniority == 0), 0, department)
    role = np.where(first_contact, 0, rng.choice(5, m, p=[0.08, 0.2, 0.34, 0.3, 0.08]))
    titles = labels(np.array([TITLES[d] for d in DEPARTMENTS]).ravel(), department * len(SENIORITIES) + seniority)
    contact_created = created[parent] + (rng.random(m) * CONTACT_LEAD_DAYS * DAY).astype(np.int64)
    contacts = pa.Table.from_arrays([
        pa.array(contact_id), pa.array(customer_id[parent]), names.first, names.last, email,
        sample_phones(country[parent], rng), titles,
        labels(SENIORITIES, seniority),
        labels(DEPARTMENTS, department), labels(BUYING_ROLES, role),
        labels(ctx.country_codes, nationality), sample_languages(nationality, country[parent], rng),
        columns["timezone"].take(pa.array(parent)), timestamp_array(contact_created),
    ], schema=ctx.schemas[CONTACTS.name])
    return Accounts(customer_id, size, industry, country, owner, created, columns, count, contact_id,
                    contact_created, names.first, contacts)


