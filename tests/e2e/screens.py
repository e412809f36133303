"""What the browser tests share about screens: the route list, the conditions a screen is
seen in (200 % text, 320 px), the scripts that enlarge text and measure what sticks out, is cut
off, breaks a word in two, is too small to tap or too faint to read, and how to open one screen. Test modules import
these from here, never from each other (tests/e2e/conftest.py holds the fixtures and waits).
"""

import re
from pathlib import Path

from tests.e2e.conftest import wait_still, wait_until

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

SMALL_TARGETS = """() => {
  const targets = document.querySelectorAll(
    'main button, main summary, main .chip, main a.btn, main input:not([type=checkbox]), main textarea, #tabs a, header button');
  const sized = [...targets].filter(el => el.getClientRects().length).map(el => {
    const r = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), w: Math.round(r.width), h: Math.round(r.height)};
  });
  return {count: sized.length, small: sized.filter(t => t.w < 44 || t.h < 44)};
}"""

# WCAG contrast of each element's text against the first opaque background behind it.
CONTRAST = """(selectors) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.9) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const sel of selectors) for (const el of document.querySelectorAll(sel)) {
    if (!el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    out.push({sel, ratio: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100});
  }
  return out;
}"""


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
