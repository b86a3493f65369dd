"""The fact-sheet page: a territory chooser (« comparer avec… ») and the sheet itself.

A plain HTML document rendered on the server (``dashboard.report_html.render_portrait``):
the chooser is a GET form, so a sheet is a link (``/portrait?territoire=epci:…&comparer=…``)
and choosing works without script.
"""

from __future__ import annotations

import html

from dashboard.i18n import t
from dashboard.report_html import html_page

__all__ = ["make_portrait_page", "territory_options"]


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def territory_options(data, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(value, label)]) for the chooser: departments, EPCIs, communes."""
    ref = data.reference
    deps = [(f"departement:{c}", f"{c} – {n}") for c, n in zip(ref.departements["code"],
                                                              ref.departements["name"])]
    epcis = ref.epcis.sort_values("name")
    epci = [(f"epci:{s}", str(n)) for s, n in zip(epcis["siren"], epcis["name"])]
    communes = ref.communes.sort_values(["name", "insee"])
    comm = [(f"commune:{c}", f"{n} ({d})") for c, n, d in zip(communes["insee"],
                                                             communes["name"],
                                                             communes["dep_code"])]
    return [(t("level.departement", lang), deps), (t("level.epci", lang), epci),
            (t("level.commune", lang), comm)]


def _select(name: str, label: str, groups, chosen: str | None, none_label: str) -> str:
    opts = [f'<option value=""{" selected" if not chosen else ""}>{_e(none_label)}</option>']
    for group, items in groups:
        inner = "".join(f'<option value="{_e(v)}"{" selected" if v == chosen else ""}>'
                        f"{_e(lab)}</option>" for v, lab in items)
        opts.append(f'<optgroup label="{_e(group)}">{inner}</optgroup>')
    return (f'<label for="tl-{name}">{_e(label)}<select id="tl-{name}" name="{name}">'
            f'{"".join(opts)}</select></label>')


def make_portrait_page(meta, *, groups, territory: str | None, compare: str | None,
                       hidden: list[tuple[str, str]], sheet_html: str | None,
                       notice: str = "", back_href: str, permalink: str) -> str:
    lang = meta.lang
    hidden_inputs = "".join(f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">'
                            for k, v in hidden)
    form = (f'<form method="get" action="/portrait" id="tl-chooser">{hidden_inputs}'
            + _select("territoire", t("portrait.choose", lang), groups, territory,
                      t("portrait.none", lang))
            + _select("comparer", t("portrait.compare", lang), groups, compare,
                      t("portrait.none", lang))
            + f'<button type="submit">{_e(t("portrait.show", lang))}</button></form>')
    demo = f'<span class="tl-demo">{_e(meta.demo)}</span>' if meta.demo else ""
    top = (f'<div class="tl-topbar"><h1>{_e(t("portrait.title", lang))}</h1>{demo}'
           f'<a id="tl-back" href="{_e(back_href)}">{_e(t("slides.back", lang))}</a>'
           + (f'<a id="tl-permalink" href="{_e(permalink)}">{_e(t("portrait.permalink", lang))}'
              "</a>" if sheet_html else "") + "</div>")
    note = f'<p class="tl-notice" id="tl-notice">{_e(notice)}</p>' if notice else ""
    content = sheet_html or f'<p>{_e(t("portrait.choose_hint", lang))}</p>'
    footer = (f'<footer class="tl-footer">{demo}<span>{_e(meta.source)}</span>'
              f'<span>{_e(meta.date)}</span></footer>')
    body = f'<div class="tl-wrap">{top}{note}{form}{content}{footer}</div>'
    return html_page(t("portrait.title", lang), body, lang, inline=False,
                     body_class="tl-sheet-page")
