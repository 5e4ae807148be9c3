"""Tests of salesgen.engine: reproducibility of a run and the worker processes (mirrors ``src/salesgen/engine/``)."""
