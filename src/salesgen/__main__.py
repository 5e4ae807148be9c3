"""``python -m salesgen``: the same command line as the ``salesgen`` script."""

from salesgen.cli import main

# Guarded so that importing this module (pytest's doctest collection does) runs nothing.
if __name__ == "__main__":
    main()
