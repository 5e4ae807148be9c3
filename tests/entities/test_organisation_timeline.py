"""The timeline is causal: moving as_of later (same origin) adds history, it never rewrites the past."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from salesgen.config import Config
from salesgen.entities.accounts import build_accounts
from salesgen.entities.common import DAY, epoch_seconds
from salesgen.entities.contacts import build_contacts
from salesgen.entities.deals import build_deals
from salesgen.entities.interactions import deal_touches
from salesgen.entities.line_items import build_line_items
from salesgen.entities.opportunities import build_primary_contacts
from salesgen.entities.world import build_world


@settings(max_examples=4, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(st.integers(0, 2**31), st.integers(30, 400))
def test_a_later_as_of_keeps_every_earlier_deal(seed: int, extra_days: int) -> None:
    early = Config(num_customers=300, as_of=date(2026, 1, 1), history_days=1095)
    late = early.model_copy(
        update={"as_of": early.as_of + timedelta(days=extra_days), "history_days": 1095 + extra_days}
    )
    world_early, world_late = build_world(early, seed), build_world(late, seed)
    accounts = build_accounts(world_early, 0)  # the same accounts: the world's membership is an input here
    before = build_deals(world_early, 0, accounts)
    after = build_deals(world_late, 0, accounts)
    cutoff = epoch_seconds(early.as_of) - 10 * DAY
    settled = before.closed & (before.end_s < cutoff)
    assert settled.sum() > 50
    ids = before.opportunity_id[settled]
    where = np.searchsorted(np.sort(after.opportunity_id), ids)
    order = np.argsort(after.opportunity_id)
    assert np.array_equal(np.sort(after.opportunity_id)[np.minimum(where, after.opportunity_id.size - 1)], ids)
    row = order[where]
    for field in ("created_s", "end_s", "won", "deal_type", "target_cents", "subscription"):
        assert np.array_equal(getattr(before, field)[settled], getattr(after, field)[row]), field
    amounts_before = build_line_items(world_early, 0, accounts, before).amount_cents[settled]
    amounts_after = build_line_items(world_late, 0, accounts, after).amount_cents[row]
    assert np.array_equal(amounts_before, amounts_after)
    contacts = build_contacts(world_early, 0, accounts)
    contact_before = build_primary_contacts(world_early, 0, accounts, contacts, before)[settled]
    contact_after = build_primary_contacts(world_late, 0, accounts, contacts, after)[row]
    assert np.array_equal(contact_before, contact_after)
    assert np.unique(contact_before).size > 1  # the check compares real picks, not one constant
    opened_early = before.created_s < cutoff
    assert (after.created_s < cutoff).sum() == opened_early.sum()  # nothing new appears in the past


@settings(max_examples=3, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(st.integers(0, 2**31), st.integers(30, 400))
def test_a_later_as_of_keeps_every_stage_already_entered(seed: int, extra_days: int) -> None:
    early = Config(num_customers=300, as_of=date(2026, 1, 1), history_days=1095)
    late = early.model_copy(
        update={"as_of": early.as_of + timedelta(days=extra_days), "history_days": 1095 + extra_days}
    )
    world_early, world_late = build_world(early, seed), build_world(late, seed)
    accounts = build_accounts(world_early, 0)
    before, after = build_deals(world_early, 0, accounts), build_deals(world_late, 0, accounts)
    order = np.argsort(after.opportunity_id)
    row = order[np.searchsorted(after.opportunity_id, before.opportunity_id, sorter=order)]
    assert np.array_equal(after.opportunity_id[row], before.opportunity_id)  # every deal of D1 is still there
    assert np.array_equal(after.created_s[row], before.created_s)
    still_open = ~before.closed
    assert still_open.sum() > 20
    assert (after.stage[row] >= before.stage).all()  # a deal never goes back a stage
    entered = np.arange(before.entries_s.shape[1])[None, :] <= before.stage[:, None]
    assert np.array_equal(np.where(entered, before.entries_s, 0), np.where(entered, after.entries_s[row], 0))
    cutoff = epoch_seconds(early.as_of) - DAY
    assert (after.created_s < cutoff).sum() == before.created_s.size  # no deal appears in the past
    closed_by_then = before.closed
    assert np.array_equal(before.end_s[closed_by_then], after.end_s[row][closed_by_then])
    assert np.array_equal(before.won, after.won[row] & after.closed[row] & (after.end_s[row] <= before.end_s.max()))


@settings(max_examples=3, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(st.integers(0, 2**31), st.integers(30, 400))
def test_a_later_as_of_keeps_every_touch_already_logged(seed: int, extra_days: int) -> None:
    early = Config(num_customers=300, as_of=date(2026, 1, 1), history_days=1095)
    late = early.model_copy(
        update={"as_of": early.as_of + timedelta(days=extra_days), "history_days": 1095 + extra_days}
    )
    skeletons = []
    for config in (early, late):
        world = build_world(config, seed)
        accounts = build_accounts(build_world(early, seed), 0)  # the same accounts in both
        contacts, deals = build_contacts(world, 0, accounts), build_deals(world, 0, accounts)
        touches, slots = deal_touches(world, 0, accounts, contacts, deals, np.zeros(deals.key.size, np.int64))
        # Touches logged by D1 on deals open by D1 (a pre-open touch belongs to a deal that may open after D1).
        cutoff = epoch_seconds(early.as_of) - DAY
        logged = (touches.when < cutoff) & (deals.created_s[touches.deal] < cutoff)
        rows = np.lexsort((touches.when[logged], touches.opportunity[logged]))
        fields = (touches.opportunity, touches.when, touches.kind, touches.group, touches.by_sdr, touches.mood)
        skeletons.append([f[logged][rows] for f in fields] + [slots[:, logged][:, rows]])
    assert skeletons[0][0].size > 500
    for before, after in zip(*skeletons, strict=True):
        assert np.array_equal(before, after)


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 2**31))
def test_only_touches_before_a_deal_opens_are_pre_open(seed: int) -> None:
    world = build_world(Config(num_customers=200), seed)
    accounts = build_accounts(world, 0)
    contacts, deals = build_contacts(world, 0, accounts), build_deals(world, 0, accounts)
    touches, _ = deal_touches(world, 0, accounts, contacts, deals, np.zeros(deals.key.size, np.int64))
    opened = deals.created_s[touches.deal]
    assert np.array_equal(touches.lead, touches.when < opened)  # outcome-blind content only before created_at
    first_weeks = (touches.when >= opened) & (touches.when < opened + 14 * DAY)
    assert first_weeks.sum() > 50  # the deal's first two weeks are its own touches, not pre-open ones
