"""salesgen.vocab.phones and the phones it shapes: area codes from the city, lengths per country."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa

import salesgen
from salesgen import Config
from salesgen.entities.people import countries, sample_phones
from salesgen.vocab import country_codes, load_country
from salesgen.vocab.phones import phone_plan, phone_regex, write


def test_every_shipped_city_has_area_codes_of_the_right_length() -> None:
    for code in country_codes():
        plan = phone_plan(code)
        assert set(plan.areas) == set(load_country(code).cities.to_pylist()), code
        assert all(0 < len(a) < plan.length - 5 and a.isdigit() for codes in plan.areas.values() for a in codes)


def test_sampled_phones_carry_their_citys_area_code_and_the_national_length() -> None:
    rng = np.random.default_rng(3)
    for c, vocab in enumerate(countries()):
        city = rng.integers(0, len(vocab.cities), 400)
        phones = sample_phones(np.full(400, c), rng, city).to_pylist()
        plan = phone_plan(vocab.code)
        for number, where in zip(phones, city.tolist(), strict=True):
            assert re.fullmatch(phone_regex(vocab.code), number), number
            digits = re.sub(r"\D", "", number)[len(plan.dial) - 1 :]
            assert len(digits) == plan.length, number
            assert any(digits.startswith(a) for a in plan.areas[vocab.cities[where].as_py()]), number


def test_contacts_dial_in_on_their_companys_number_block() -> None:
    tables = salesgen.generate(Config(num_customers=200, num_sales_reps=4), seed=9)
    phone = dict(
        zip(tables["customers"]["customer_id"].to_pylist(), tables["customers"]["phone"].to_pylist(), strict=True)
    )
    for customer, number in zip(
        tables["contacts"]["customer_id"].to_pylist(), tables["contacts"]["phone"].to_pylist(), strict=True
    ):
        assert number[:-2] == phone[customer][:-2] and len(number) == len(phone[customer])


def test_write_lays_out_each_style() -> None:
    assert write(phone_plan("FR"), pa.array(["1"]), pa.array(["23456789"])).to_pylist() == ["+33 1 23 45 67 89"]
    assert write(phone_plan("ES"), pa.array(["91"]), pa.array(["2345678"])).to_pylist() == ["+34 912 34 56 78"]
    assert write(phone_plan("JP"), pa.array(["45"]), pa.array(["2345678"])).to_pylist() == ["+81 45-234-5678"]
