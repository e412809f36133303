"""Reflow (WCAG 1.4.4 resize text, 1.4.10 reflow): every screen at 200% text on a 360 px phone
and at 320 CSS px, with no sideways scrolling and nothing cut off.

Routes come from pwa/js/routes.js, and each screen's own sub-screens (links to "#/<route>/...")
are followed, so a new screen is covered without editing this file. Screenshots of every
screen in both conditions land in test-artifacts/ for people to look at.
"""

import pytest

from tests.e2e.conftest import demo_records, save_checkin, sign_in_demo, sign_up, wait_synced, wait_until
from tests.e2e.screens import (BROKEN_WORDS, CONDITIONS, CUT_OFF, DOUBLE_TEXT, NOT_SIGNED_IN, SIDEWAYS, open_route,
                               routes, sub_screens)


def test_the_route_list_is_read_from_routes_js():
    names = routes()
    assert {"checkin", "history", "insights", "settings", "redflags", "signin"} <= set(names)
    assert len(names) >= 15


def summarised(problems, per_screen=6):
    """At most a few problems per screen, so a failure reads as a list of screens to fix."""
    seen = {}
    for p in problems:
        seen.setdefault(p.split(":")[0].split(" ")[0], []).append(p)
    return [p for items in seen.values() for p in items[:per_screen]]


def check_screen(page, shot, label, problems):
    shot(page, label.replace("/", "-"))
    sideways = page.evaluate(SIDEWAYS)
    if sideways > 0:
        problems.append(f"#/{label} scrolls sideways by {sideways} px")
    problems.extend(f"#/{label}: {p}" for p in page.evaluate(CUT_OFF))
    problems.extend(f"#/{label}: {p}" for p in page.evaluate(BROKEN_WORDS))


@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_every_screen_reflows_without_sideways_scrolling(new_context, shot, condition):
    viewport, factor = CONDITIONS[condition]
    page = new_context(viewport=viewport).new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    # Signed-out screens first, then a person with a check-in.
    problems = []
    for name in sorted(NOT_SIGNED_IN):
        open_route(page, name, factor)
        check_screen(page, shot, name, problems)
    page.evaluate(DOUBLE_TEXT, 1.0)  # sign up at the usual size; each screen is then enlarged
    sign_up(page)
    save_checkin(page, 5)
    walk_signed_in(page, shot, factor, problems)
    assert page.errors == []
    assert problems == [], "\n".join(summarised(problems))


def walk_signed_in(page, shot, factor, problems):
    """Every signed-in route and its sub-screens, enlarged by `factor`, checked and shot."""
    for name in routes():
        if name in NOT_SIGNED_IN:
            continue
        open_route(page, name, factor)
        check_screen(page, shot, name, problems)
        for sub in sub_screens(page, name):
            open_route(page, sub, factor)
            check_screen(page, shot, sub, problems)


def test_every_screen_with_half_a_year_of_check_ins_reflows_at_200_percent_text(new_context, app, shot):
    """The same walk with the demo's 180 days: full charts, patterns, calendar and history."""
    demo_records(app)
    page = new_context(viewport=CONDITIONS["text-200"][0]).new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    sign_in_demo(page)
    wait_synced(page)
    problems = []
    walk_signed_in(page, shot, 2.0, problems)
    assert page.errors == []
    assert problems == [], "\n".join(summarised(problems))


def test_the_pain_scale_and_presets_are_whole_at_200_percent_text(new_context, shot):
    """The issue's own case: "5", "10" and "Evening" were cut off on the check-in."""
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    page.evaluate(DOUBLE_TEXT, 2.0)
    shot(page, "checkin-200")
    whole = """(sel) => [...document.querySelectorAll(sel)].map((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.right <= document.documentElement.clientWidth && el.scrollWidth <= el.clientWidth + 1;
    })"""
    assert all(page.evaluate(whole, "ew-scale[variant=pain] button"))
    assert all(page.evaluate(whole, ".presets button"))
    assert page.get_by_role("button", name="Evening").is_visible()
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 32  # the body text followed the root: it really is large


def test_the_tab_bar_keeps_its_five_tabs_at_normal_text_and_folds_into_a_menu_with_large_text(
    new_context, shot
):
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    tabs = page.locator("#tabs a.tab")
    assert [tabs.nth(i).is_visible() for i in range(tabs.count())] == [True] * 5
    assert page.locator(".tabs-menu-button").is_hidden()
    page.evaluate(DOUBLE_TEXT, 2.0)
    menu = page.get_by_role("button", name="Menu")
    menu.wait_for()
    assert tabs.first.is_hidden()
    # The folded bar is one row: it leaves the page most of the screen.
    assert page.evaluate("document.getElementById('tabs').getBoundingClientRect().height") < 120
    menu.click()
    page.get_by_role("link", name="Insights").click()
    page.wait_for_selector(".insights")
    assert tabs.first.is_hidden()  # the menu closed again
    shot(page, "menu-after-navigating")
    menu.click()
    shot(page, "menu-open")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('tabs-menu-button')")
    page.evaluate(DOUBLE_TEXT, 1.0)
    assert tabs.first.is_visible() and page.locator(".tabs-menu-button").is_hidden()


def test_at_200_percent_text_the_header_keeps_name_and_sync_on_one_row_and_red_flags_on_one_line(new_context, shot):
    """Room above the pain scale: the header's name and sync status took two rows. The check-in's
    "Red flags" link (issue 12) takes one line of its own below them, never a wrapped block."""
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    page.evaluate(DOUBLE_TEXT, 2.0)
    shot(page, "top-of-check-in-200")
    brand, status = (page.locator(sel).bounding_box() for sel in (".brand", "ew-sync-status"))
    assert abs(brand["y"] - status["y"]) < 2  # one row
    assert page.get_by_role("link", name="Emberwise, check in").is_visible()
    # An inline box has one client rect per line it runs over.
    lines = page.evaluate("document.querySelector('.topbar-help > span').getClientRects().length")
    assert lines == 1, lines
    # Other screens have no such link: their header stays one row.
    page.evaluate(DOUBLE_TEXT, 1.0)
    page.goto("/#/history")
    wait_until(page, "document.body.dataset.route === 'history'")
    page.evaluate(DOUBLE_TEXT, 2.0)
    assert page.locator(".topbar-help").is_hidden()
    assert page.evaluate("document.querySelector('.topbar').getBoundingClientRect().height") < 80
    # At the usual size the name is back beside the sync status.
    page.evaluate(DOUBLE_TEXT, 1.0)
    assert page.locator(".brand span").is_visible()


def test_the_pain_question_comes_before_the_morning_and_evening_presets(new_context, shot):
    """The presets only decide which sections start open; above the scale they pushed the
    pain question down by two rows of buttons at 200% text."""
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    order = page.evaluate("""() => { const scale = document.querySelector('.quick ew-scale[variant=pain]');
      const presets = document.querySelector('.quick .presets');
      return scale.compareDocumentPosition(presets) & Node.DOCUMENT_POSITION_FOLLOWING ? 'scale first' : 'presets first'; }""")
    assert order == "scale first"
    page.evaluate(DOUBLE_TEXT, 2.0)
    first_row = page.evaluate("document.querySelector('ew-scale[variant=pain] button').getBoundingClientRect().bottom")
    shot(page, "pain-scale-200")
    assert first_row < 780, first_row  # one short scroll to "0 1 2", not most of two screens
