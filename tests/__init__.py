"""The test suite (a package, so that test modules of the same name in different folders don't clash)."""
