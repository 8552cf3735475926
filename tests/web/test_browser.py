"""The pages as a person sees them, in the system's headless Chromium: the gap report's finding, a qualification
submitted through the form, no horizontal scroll at 360 px, every control reachable by Tab with a visible focus.
Skipped, saying why, where Chromium is not installed; .ci/run installs it."""

from __future__ import annotations

import datetime as dt

import pytest

from ..conftest import TODAY
from .browser import chromium, missing, served

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

# Every kind of page, on the shipped law (the longest titles, tables and sources there are) ...
SHIPPED = ["/", "/art/128", "/gaps", "/qualify", "/compare?from=292-VI&before=1&to=292-VI", "/search?q=вербовка",
           "/audit", "/art/128.9"]
# ... and each set of controls, on the mini KB (the shipped audit page has hundreds of source links).
CONTROLLED = ["/", "/art/500?on=2024-08-01", "/gaps?on=2016-01-01", "/qualify", "/compare?from=2016-01-01&to=2018-06-01",
              "/search?q=recruitment", "/audit"]
CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"


@pytest.fixture(scope="module")
def page():
    with chromium() as context:
        page = context.new_page()
        page.set_viewport_size({"width": 360, "height": 740})
        yield page


@pytest.fixture(scope="module")
def mini(web_kb):
    from web.app import create_app

    with served(create_app(web_kb, lambda: TODAY)) as base:
        yield base


@pytest.fixture(scope="module")
def shipped():
    from kb.load import load
    from web.app import create_app

    with served(create_app(load(None), lambda: TODAY)) as base:
        yield base


def _url(base: str, path: str, lang: str) -> str:
    return base + path + ("&" if "?" in path else "?") + f"lang={lang}"


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_gap_report_shows_its_finding_first(page, mini, web_kb):
    from cli.phrases import Words
    from cli.views.gaps import VERDICT
    from kb import gaps

    verdict = gaps.report(web_kb, dt.date(2016, 1, 1)).readings[0].finding.verdict
    page.goto(_url(mini, "/gaps?on=2016-01-01", "ru"))
    first = page.locator("main h2").first
    assert first.inner_text() == Words("ru")("Finding")
    assert first.locator("xpath=following-sibling::p[1]").inner_text() == Words("ru")(VERDICT[verdict])


def test_a_qualification_submitted_through_the_form(page, mini, web_kb):
    from cli.phrases import Words
    from kb import facts as f
    from kb import qualify as q

    page.goto(_url(mini, "/qualify", "en"))
    page.fill("#date", "2016-06-01")
    page.check("#acts-act\\.recruitment")
    page.fill("#purposes_other", "forced labour")
    page.fill("#age", "15")
    page.select_option("#knew_age", "yes")
    with page.expect_navigation():
        page.click("form.facts button[type=submit]")
    case = f.to_case(web_kb, f.Facts.model_validate({"date": "2016-06-01", "acts": ["act.recruitment"],
                                                     "purposes": ["forced labour"],
                                                     "victims": [{"age": 15, "knew_age": True}]}))
    charge = q.qualify(web_kb, case, TODAY).readings[0].counts[0].charge
    w = Words("en")
    shown = page.locator("section.answer li.field", has_text=w("charge")).first.inner_text()
    assert w.cite(charge.article, charge.part, items=charge.items or None) in shown
    assert page.locator("#acts-act\\.recruitment").is_checked() and page.input_value("#age") == "15"
    assert _width(page) <= 360


def test_no_page_scrolls_sideways_at_360_px(page, shipped):
    wide = {}
    for path in SHIPPED:
        page.goto(_url(shipped, path, "kk"))
        if _width(page) > 360:
            wide[path] = _width(page)
    assert wide == {}


# Marks every control, then logs each focus a Tab brings: which control, its outline, whether it is on screen.
WATCH = f"""() => {{
  const all = [...document.querySelectorAll("{CONTROLS}")].filter(e => e.getClientRects().length || e.matches('.skip'));
  all.forEach((e, i) => e.dataset.tab = String(i));
  window.focused = [];
  document.addEventListener('focusin', ev => {{
    const e = ev.target, s = getComputedStyle(e);
    window.focused.push([e.dataset.tab || null, s.outlineStyle, parseFloat(s.outlineWidth) || 0,
                         e.getClientRects().length > 0]);
  }});
  return [all.length, document.querySelectorAll('input[type=date]').length];
}}"""


@pytest.mark.parametrize("path", CONTROLLED)
def test_every_control_is_reached_by_tab_with_a_visible_focus(page, mini, path):
    page.goto(_url(mini, path, "ru"))
    assert _width(page) <= 360
    count, dates = page.evaluate(WATCH)
    for _ in range(count + 2 * dates + 4):  # a date field takes a Tab for each of its day, month and year
        page.keyboard.press("Tab")
    focused = page.evaluate("window.focused")
    reached = {int(tab) for tab, *_ in focused if tab is not None}
    hidden = [f for f in focused if f[1] == "none" or f[2] <= 0 or not f[3]]
    assert count and reached == set(range(count)) and hidden == []
