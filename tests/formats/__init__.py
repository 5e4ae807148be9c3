"""Tests of salesgen.formats, one module per module (mirrors ``src/salesgen/formats/``)."""
