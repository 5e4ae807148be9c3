"""Tests of salesgen.databases, one module per module (mirrors ``src/salesgen/databases/``)."""
