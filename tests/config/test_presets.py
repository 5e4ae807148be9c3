"""Tests of salesgen.config.presets: presets are valid, really differ as documented, and merge field by field."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import yaml

from salesgen import SalesDataGenerator, load_preset, preset_names
from salesgen.config import Config, Realism
from salesgen.config.presets import merge, preset_fields, preset_text
from salesgen.vocab.domain import ProductCategory

HEADLINES = """
SELECT
  avg(is_won::int) FILTER (WHERE is_closed AND type = 'new business') AS win_rate,
  median(amount::double) AS median_deal,
  -- renewals open a set lead time before term end: their open-to-close time is not a sales cycle
  median(epoch(closed_at - created_at) / 86400) FILTER (WHERE is_won AND type <> 'renewal') AS median_cycle_days,
  (SELECT count(*) / count(DISTINCT opportunity_id) FROM opportunity_line_items) AS items_per_deal
FROM opportunities
"""


@pytest.fixture(scope="module")
def headlines() -> dict[str, dict[str, float]]:
    stats = {}
    for name in preset_names():
        dataset = SalesDataGenerator(seed=3, preset=name).generate_dataset(num_customers=4000, num_sales_people=30)
        con = duckdb.connect()
        for table, rows in dataset.items():
            con.register(table, rows)
        row = con.execute(HEADLINES).fetchall()[0]
        stats[name] = dict(zip(("win_rate", "median_deal", "median_cycle_days", "items_per_deal"), row, strict=True))
    return stats


def test_at_least_three_presets_each_a_valid_config() -> None:
    assert len(preset_names()) >= 3
    for name in preset_names():
        fields: dict[str, Any] = yaml.safe_load(preset_text(name))
        assert Config.model_validate(fields) == load_preset(name)


def test_enterprise_has_the_largest_deals_longest_cycles_and_lowest_win_rate(headlines: dict) -> None:
    enterprise, smb, distributor = (headlines[n] for n in ("enterprise-software", "smb-saas", "industrial-distributor"))
    assert enterprise["median_deal"] > 3 * distributor["median_deal"] > 3 * smb["median_deal"]
    assert enterprise["median_cycle_days"] > 3 * smb["median_cycle_days"]
    assert enterprise["win_rate"] < smb["win_rate"] < distributor["win_rate"]


def test_smb_is_fast_and_distributor_orders_many_items(headlines: dict) -> None:
    smb, distributor, enterprise = (headlines[n] for n in ("smb-saas", "industrial-distributor", "enterprise-software"))
    assert smb["median_cycle_days"] < 30
    assert distributor["median_cycle_days"] < smb["median_cycle_days"] * 1.5
    assert distributor["items_per_deal"] > enterprise["items_per_deal"] > smb["items_per_deal"]


def test_preset_overrides_and_unknown_name() -> None:
    assert load_preset("smb-saas", num_customers=7).num_customers == 7
    with pytest.raises(ValueError, match="choose one of"):
        load_preset("no-such-preset")
    with pytest.raises(ValueError, match="either config or preset"):
        SalesDataGenerator(1, Config(), preset="smb-saas")


def test_merge_is_field_by_field_inside_each_part() -> None:
    base = preset_fields("enterprise-software")
    merged = merge(base, {"realism": {"win": {"upsell_rate": 0.5}, "team": {"quota_stretch": 2.0}}})
    realism = Config.model_validate(merged).realism
    assert realism.win.upsell_rate == 0.5 and realism.win.new_business_rate == 0.18  # file + preset, same part
    assert realism.team.quota_stretch == 2.0 and realism.activity.touches_won == 40  # new part + untouched part
    replaced = merge(base, {"realism": {"deal_size": {"category_mix": {"Software": 1.0}}}})
    assert Config.model_validate(replaced).realism.deal_size.category_mix == {ProductCategory.SOFTWARE: 1.0}


@pytest.mark.parametrize("name", preset_names())
def test_presets_use_the_new_shape_and_round_trip(name: str) -> None:
    config = load_preset(name)
    assert set(preset_fields(name).get("realism", {})) <= set(Realism.model_fields)
    assert Config.model_validate(config.model_dump(mode="json")) == config
