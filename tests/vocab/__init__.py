"""Tests of salesgen.vocab, one module per module (mirrors ``src/salesgen/vocab/``)."""
