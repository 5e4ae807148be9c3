"""Tests of salesgen.readers, one module per module (mirrors ``src/salesgen/readers/``)."""

import pytest

# The comparison helper asserts; rewrite it like a test module so failures show the values.
pytest.register_assert_rewrite("tests.readers.outputs")
