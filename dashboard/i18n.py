"""Interface texts and number formats of each language.

Texts live in one catalogue per language (``dashboard/locales/<lang>.py``, a ``TEXTS`` dict
keyed by id): a third language is one new file there plus its code in ``LANGS``. Numbers,
percentages, currencies and plurals come from CLDR through Babel: French groups thousands
with a narrow no-break space (U+202F) and writes ``12,5 %`` and ``1,07 M€``.
"""

from __future__ import annotations

import functools
import importlib
import math

from babel import Locale
from babel import numbers as _cldr

__all__ = ["LANGS", "DEFAULT_LANG", "t", "t_plural", "catalogue", "format_int",
           "format_decimal", "format_percent", "format_eur", "format_km", "in_sentence"]

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
NBSP = "\u00a0"
NNBSP = "\u202f"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The texts of one language (``dashboard/locales/<lang>.py``)."""
    if lang not in LANGS:
        lang = DEFAULT_LANG
    return importlib.import_module(f"dashboard.locales.{lang}").TEXTS


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = catalogue(_lang(lang))[key]
    return text.format(**values) if values else text


def t_plural(key: str, count: float, lang: str = DEFAULT_LANG, **values) -> str:
    """The CLDR plural form of ``key`` for ``count`` (``key.one``, ``key.other``…), with
    ``{n}`` the count formatted in the language: « 1 ligne lue », « 2 lignes lues »."""
    lang = _lang(lang)
    form = Locale.parse(lang).plural_form(abs(count))
    texts = catalogue(lang)
    text = texts.get(f"{key}.{form}", texts[f"{key}.other"])
    return text.format(n=format_decimal(count, lang, 0 if float(count).is_integer() else 1),
                       **values)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_decimal(value: float, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """``value`` with exactly ``digits`` decimals, grouped as the language does; « – » when
    missing."""
    if _missing(value):
        return "–"
    text = _decimal_pattern(digits).apply(value, _locale(_lang(lang)),
                                          decimal_quantization=True)
    return text.lstrip("-") if float(value) != 0 and _is_zero(text) else text


@functools.lru_cache(maxsize=16)
def _decimal_pattern(digits: int):
    """The parsed CLDR pattern (what ``babel.numbers.format_decimal`` parses on every call:
    most of its time, e.g. 13 ms for a coverage panel's tables)."""
    return _cldr.parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))


@functools.lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _is_zero(text: str) -> bool:
    return not any(c in "123456789" for c in text)


def format_int(value: float, lang: str = DEFAULT_LANG) -> str:
    return format_decimal(round(value) if not _missing(value) else value, lang, 0)


def format_percent(share: float, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """``share`` is a fraction: 0.125 → « 12,5 % » / “12.5%” (CLDR's pattern with ``digits``
    decimals; French takes the narrow no-break space before « % », as for thousands)."""
    if _missing(share):
        return "–"
    lang = _lang(lang)
    pattern = Locale.parse(lang).percent_formats[None].pattern  # « #,##0 % », « #,##0% »
    pattern = pattern.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)
    text = _cldr.format_percent(share, format=pattern, locale=lang)
    return text.replace(f"{NBSP}%", f"{NNBSP}%")


def format_eur(amount: float, lang: str = DEFAULT_LANG) -> str:
    """Euros: « 1,07 M€ », « 850 k€ », « 12,5 k€ », « 1 234 € », « 12,40 € » (CLDR compact
    forms from 10 000 €; the house style writes « k€ » in both languages)."""
    if _missing(amount):
        return "–"
    lang, size = _lang(lang), abs(amount)
    if size >= 1e4:
        digits = 2 if size >= 1e6 else 1 if size < 1e5 else 0
        number = _cldr.format_compact_decimal(amount, locale=lang, fraction_digits=digits)
        number = number.replace("K", "k")
    else:
        number = format_decimal(amount, lang, 0 if size >= 100 else 2)
    if lang == "en":
        return f"€{number}"
    return f"{number}€" if size >= 1e4 else f"{number}{NBSP}€"


def format_km(value: float, lang: str = DEFAULT_LANG) -> str:
    return f"{format_decimal(value, lang, 1)}{NBSP}km"


def in_sentence(name: str) -> str:
    """A label inside a sentence: « Communes » → « communes »; an acronym keeps its capitals
    (« EPCI (intercommunalités) »)."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]
