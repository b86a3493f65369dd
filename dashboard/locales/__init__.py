"""One interface-text catalogue per language: ``fr.py`` (default), ``en.py``."""
