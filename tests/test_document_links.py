"""The header links to the presentation, the fact sheet and the report, and their routes."""

from __future__ import annotations

import pytest

from callbacks.portrait import update_portrait_link
from callbacks.presentation import update_document_links
from dashboard.filters import ViewState, state_to_dict


def _state(**kw):
    return state_to_dict(ViewState(**kw))


def test_links_carry_the_view_and_the_session_dataset():
    data = {**_state(departements=("31",), usages=("fablab",), lang="en"), "dataset": "k3y"}
    pres, html, pdf = update_document_links(data)
    assert pres == "/presentation?departement=31&usage=fablab&lang=en&session=k3y"
    assert html == "/rapport?departement=31&usage=fablab&lang=en&session=k3y"
    assert pdf == html + "&format=pdf"
    assert update_document_links(_state())[0] == "/presentation"


@pytest.mark.parametrize("level, clicked, name", [
    ("epci", "243100518", "Toulouse Métropole"),
    ("commune", "31555", "Toulouse"),
    ("departement", "48", "Lozère"),
])
def test_the_portrait_link_names_the_clicked_territory(level, clicked, name):
    href, text = update_portrait_link(_state(level=level),
                                      {"points": [{"location": clicked}]})
    assert href.endswith(f"territoire={level}:{clicked}") and text == f"Portrait : {name}"


def test_the_portrait_link_without_a_click():
    href, text = update_portrait_link(_state(departements=("32",), lang="en"), None)
    assert href == "/portrait?departement=32&lang=en&territoire=departement:32"
    assert text == "Profile: Gers"
    href, text = update_portrait_link(_state(), {"points": [{"lat": 43.6}]})  # a venue
    assert href == "/portrait" and text == "Portrait de territoire"


@pytest.fixture(scope="module")
def client():
    import app as app_module

    return app_module.app.server.test_client()


def test_routes_answer_and_refuse_a_lost_session(client):
    page = client.get("/presentation?departement=09&lang=en")
    assert page.status_code == 200 and b'<html lang="en">' in page.data
    assert page.data.count(b'class="tl-slide"') == 8
    assert b'href="/?departement=09&amp;lang=en"' in page.data  # Escape / back
    sheet = client.get("/portrait?territoire=commune:31555&comparer=departement:99")
    assert sheet.status_code == 200 and "comparer=departement:99".encode() in sheet.data
    lost = client.get("/presentation?session=gone")
    assert lost.status_code == 410 and "réimportez".encode() in lost.data
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and js.mimetype == "text/javascript"
    js.close()


def test_report_route_downloads_a_named_self_contained_file(client):
    reply = client.get("/rapport?departement=48&usage=coworking")
    assert reply.status_code == 200
    disposition = reply.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="rapport_48_') and \
        disposition.endswith('.html"')
    assert b"<script src=" not in reply.data and b"Loz\xc3\xa8re" in reply.data


def test_the_issues_permalink_on_the_dashboard_opens_the_fact_sheet(client):
    """``/?territoire=…&comparer=…`` (the fact sheet's permalink form) is not dropped as
    « valeur(s) ignorée(s) »: it opens that fact sheet with every parameter kept."""
    reply = client.get("/?territoire=epci:200066223&comparer=departement:31&lang=en")
    assert reply.status_code == 302
    assert reply.headers["Location"] == ("/portrait?territoire=epci:200066223"
                                         "&comparer=departement:31&lang=en")
    sheet = client.get(reply.headers["Location"])
    assert sheet.status_code == 200 and b'<html lang="en">' in sheet.data
    assert client.get("/?departement=31").status_code == 200  # the dashboard otherwise


@pytest.mark.parametrize("query, lang, title", [
    ("?lang=en&departement=31", "en", "Occitanie tiers-lieux observatory"),
    ("?departement=31", "fr", "Observatoire des tiers-lieux d'Occitanie"),
    ("?lang=xx", "fr", "Observatoire des tiers-lieux d'Occitanie"),
])
def test_the_dashboard_page_says_its_language_from_the_first_byte(client, query, lang, title):
    page = client.get("/" + query).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert f"<title>{title}</title>".replace("'", "&#39;") in page or \
        f"<title>{title}</title>" in page
