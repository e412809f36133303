"""Phone usability checks a person would notice: 44 px touch targets and readable contrast,
in light and dark mode."""
import pytest

from tests.e2e.conftest import sign_up

OPEN_ALL = "document.querySelectorAll('details.section').forEach(d => d.open = true)"

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

TEXT = ["h1", "summary span", ".field-label", ".muted", ".scale-ends span", ".btn-primary", ".btn-quiet",
        ".chip span", ".tab", ".sync-text", "ew-scale[variant=pain] button", ".state", ".entry-body"]


def test_every_touch_target_on_the_check_in_is_at_least_44px(page, shot):
    sign_up(page)
    page.evaluate(OPEN_ALL)
    page.locator('details[data-section="meds"]').get_by_role("button", name="+ Add medication").click()
    targets = page.evaluate(SMALL_TARGETS)
    assert targets["count"] > 150  # every section open: scales, steppers, chips, body map tabs
    assert targets["small"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5_to_1(new_context, scheme, shot):
    page = new_context(color_scheme=scheme).new_page()
    sign_up(page)
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name="9", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()
    page.evaluate(OPEN_ALL)
    measured = page.evaluate(CONTRAST, TEXT)
    page.goto("/#/history")
    page.wait_for_selector(".entries li.entry")
    measured += page.evaluate(CONTRAST, TEXT)
    shot(page, f"history-{scheme}")
    low = [m for m in measured if m["ratio"] < 4.5]
    assert len(measured) > 100 and low == []
