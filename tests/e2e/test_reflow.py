"""Reflow (WCAG 1.4.4 resize text, 1.4.10 reflow): every screen at 200% text on a 360 px phone
and at 320 CSS px, with no sideways scrolling and nothing cut off.

Routes come from pwa/js/routes.js, and each screen's own sub-screens (links to "#/<route>/...")
are followed, so a new screen is covered without editing this file. Screenshots of every
screen in both conditions land in test-artifacts/ for people to look at.
"""

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import (demo_records, save_checkin, sign_in_demo, sign_up, wait_still, wait_synced,
                                wait_until)

ROUTES_JS = Path(__file__).resolve().parents[2] / "pwa" / "js" / "routes.js"
NOT_SIGNED_IN = {"signin", "signup"}

CONDITIONS = {
    # The browser's text size at 200%: the root and the body font doubled (what a person
    # gets from "Largest text"), on the 360x740 phone of the issue.
    "text-200": ({"width": 360, "height": 740}, 2.0),
    # 320 CSS px wide: a 1280 px window at 400% zoom (WCAG 1.4.10).
    "width-320": ({"width": 320, "height": 640}, 1.0),
    # Both at once: the smallest phone with the largest text (issue 12's "bad day").
    "text-200-width-320": ({"width": 320, "height": 640}, 2.0),
}

# Waits two frames before answering: the ResizeObservers that refit the page (the tab bar's
# fold, charts drawn for their width) run before the first, and their changes are laid out
# by the second.
DOUBLE_TEXT = """async (factor) => {
  const root = document.documentElement, body = document.body;
  root.style.fontSize = '';  // a hash change keeps the page: start from the stylesheet's size
  const base = parseFloat(getComputedStyle(root).fontSize);
  const bodyBase = parseFloat(getComputedStyle(body).fontSize);
  root.style.fontSize = `${base * factor}px`;
  // Body text must follow the root (rem); doubling it again here would hide a px size.
  const after = parseFloat(getComputedStyle(body).fontSize);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return {root: base * factor, body: after, bodyBase};
}"""

# Everything visible that sticks out of the viewport sideways, or whose own text is cut off
# (wider than its box while the box hides the overflow). Content inside a deliberate
# sideways scroller (a data table) is allowed to be wider: WCAG exempts two-dimensional tables.
CUT_OFF = """() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const scroller = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  for (const el of document.querySelectorAll('header *, #back *, #view *, #tabs *, #update *')) {
    if (!el.getClientRects().length || el.closest('svg, [hidden], .visually-hidden')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'absolute' && style.clip !== 'auto') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const what = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
      + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
    if ((r.right > vw + 1 || r.left < -1) && !scroller(el)) out.push(`${what} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1 && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) {
      out.push(`${what} cuts its text: ${el.scrollWidth} in ${el.clientWidth}`);
    }
  }
  return out;
}"""
# Words broken in two ("Understanding" split over two lines of a card title at 320 px with 200% text): a word of
# letters whose text runs over more than one line. `overflow-wrap` breaks a word only where it is
# wider than its box, so this finds boxes that nesting (card padding, list indents, a checkbox's
# gap) leaves narrower than a word. A word wider than the screen's text column itself may still
# break, as a last resort; so may an address or a link (a token with "@", "/" or a dot inside).
BROKEN_WORDS = """() => {
  const view = document.getElementById('view');
  const vs = getComputedStyle(view);
  const column = view.clientWidth - parseFloat(vs.paddingLeft) - parseFloat(vs.paddingRight);
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !el.closest('header, #back, #view, #tabs, #update') || el.closest('svg, [hidden], .visually-hidden')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    for (const token of node.data.matchAll(/\\S+/g)) {
      if (/[@/\\\\]|\\.\\p{L}/u.test(token[0])) continue;
      for (const m of token[0].matchAll(/\\p{L}{2,}/gu)) {
        const range = document.createRange();
        range.setStart(node, token.index + m.index);
        range.setEnd(node, token.index + m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (new Set(rects.map((r) => Math.round(r.top))).size < 2 || width > column) continue;
        const what = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
        out.push(`"${m[0]}" (${Math.round(width)} px, the column ${Math.round(column)}) breaks in ${what}`);
      }
    }
  }
  return out;
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def routes():
    """Every route name in pwa/js/routes.js."""
    return re.findall(r"^  (\w+): \{ title:", ROUTES_JS.read_text(), flags=re.M)


def test_the_route_list_is_read_from_routes_js():
    names = routes()
    assert {"checkin", "history", "insights", "settings", "redflags", "signin"} <= set(names)
    assert len(names) >= 15


def open_route(page, hash_path, factor):
    page.goto(f"/#/{hash_path}")
    name = hash_path.split("/")[0]
    wait_until(page, f"document.body.dataset.route === {name!r}")
    page.evaluate(DOUBLE_TEXT, factor)
    wait_still(page)  # views fill in from IndexedDB and the API after the first paint
    # Every disclosure open, so hidden parts are measured too (check-in sections, "Why we believe this").
    page.evaluate("document.querySelectorAll('#view details').forEach((d) => { d.open = true; })")
    wait_still(page)  # charts inside them are drawn once they have a width


def sub_screens(page, name):
    """This screen's own sub-screens: in-view links to "#/<name>/<part>"."""
    hrefs = page.eval_on_selector_all(
        f"#view a[href^='#/{name}/']", "els => els.map((a) => a.getAttribute('href'))"
    )
    return sorted({h[2:] for h in hrefs if h.count("/") == 2})


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
