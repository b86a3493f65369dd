from __future__ import annotations

import pytest

from dashboard.i18n import LANGS, catalogue, format_eur, format_int, format_percent, t, t_plural

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("value, fr, en", [
    (1234, f"1{NNBSP}234", "1,234"),
    (5_845_102, f"5{NNBSP}845{NNBSP}102", "5,845,102"),
    (7, "7", "7"),
])
def test_integers(value, fr, en):
    assert format_int(value, "fr") == fr and format_int(value, "en") == en


def test_percent():
    assert format_percent(0.125, "fr") == f"12,5{NNBSP}%"
    assert format_percent(0.125, "en") == "12.5%"
    assert format_percent(float("nan")) == "–"


@pytest.mark.parametrize("amount, fr, en", [
    (1_068_000, f"1,07{NBSP}M€", "€1.07M"),
    (850_000, f"850{NBSP}k€", "€850k"),
    (12_500, f"12,5{NBSP}k€", "€12.5k"),
    (1234, f"1{NNBSP}234{NBSP}€", "€1,234"),
    (1.114, f"1,11{NBSP}€", "€1.11"),
])
def test_euros(amount, fr, en):
    assert format_eur(amount, "fr") == fr and format_eur(amount, "en") == en


def test_every_catalogue_has_every_key_and_they_differ_where_words_do():
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys["fr"], (lang, keys[lang] ^ keys["fr"])
        assert all(catalogue(lang).values()), lang
    assert t("kpi.venues", "fr") == "Lieux affichés"
    assert t("kpi.venues", "en") == "Venues shown"
    assert t("kpi.of_total", "fr", total="3") == "sur 3"


def test_placeholders_agree_between_languages():
    import string

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, text in catalogue("fr").items():
        for lang in LANGS:
            assert fields(catalogue(lang)[key]) == fields(text), (lang, key)


@pytest.mark.parametrize("n, fr, en", [
    (0, "0 ligne lue", "0 rows read"),
    (1, "1 ligne lue", "1 row read"),
    (2, "2 lignes lues", "2 rows read"),
    (1500, f"1{NNBSP}500 lignes lues", "1,500 rows read"),
])
def test_plurals_follow_cldr(n, fr, en):
    assert t_plural("rows_read", n, "fr") == fr
    assert t_plural("rows_read", n, "en") == en


def test_a_level_name_inside_a_sentence_keeps_an_acronym():
    from dashboard.i18n import in_sentence

    assert in_sentence(t("level.epci", "fr")).startswith("EPCI")
    assert in_sentence(t("level.commune", "fr")) == t("level.commune", "fr").lower()
    assert in_sentence(t("level.departement", "en"))[0].islower()
    assert in_sentence("") == ""
