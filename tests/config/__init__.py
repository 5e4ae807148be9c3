"""Tests of salesgen.config, one module per module (mirrors ``src/salesgen/config/``)."""
