"""Tests of salesgen.checks, one module per rule module (mirrors ``src/salesgen/checks/``)."""

import pytest

# The mutation helpers assert; rewrite them like test modules so failures show the values.
pytest.register_assert_rewrite("tests.checks.mutations")
