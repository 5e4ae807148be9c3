"""Tests of salesgen.cli, one module per command module (mirrors ``src/salesgen/cli/``)."""
