"""Tests of salesgen.entities: the block builders, their registry and named draws, the generated distributions."""
