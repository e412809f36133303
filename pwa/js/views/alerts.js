// @ts-check
/**
 * Early-warning alerts: what fired and why (the explanation lives only here, never in a
 * notification), the person's own warning signs with their evidence, track record and mute
 * switches (docs/reminders-and-alerts.md, "Personal warning signs"), and per-rule on/off and
 * thresholds. "#/alerts/<id>" opens one alert.
 */
import { h, toast, shortDateTime } from '../ui/dom.js';
import { ALERT_RULES, alertHeadline, alertAbout } from '../domain/notify.js';
import { explanationText, todayIn } from '../domain/day-words.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const list = h('div', { class: 'stack', 'aria-live': 'polite' }, h('p', { class: 'loading', text: 'Loading alerts…' }));
  const settings = h('form', { class: 'stack', 'aria-label': 'Alert settings' });
  const signs = h('div', { class: 'stack' }, h('p', { class: 'loading', text: 'Loading your warning signs…' }));
  root.append(
    h('h1', { text: 'Early warnings' }),
    h('p', { class: 'muted', text: 'Prompts to look after yourself, not a diagnosis.' }),
    h('section', { class: 'card', 'aria-labelledby': 'alerts-recent' }, h('h2', { id: 'alerts-recent', text: 'Recent alerts' }), list),
    h('section', { class: 'card', 'aria-labelledby': 'alerts-signs' }, h('h2', { id: 'alerts-signs', text: 'My warning signs' }),
      h('p', { class: 'muted', text: 'Found in your check-ins. When a day crosses one, you get one heads-up.' }), signs),
    // Five rules' switches and lines, rarely changed, were half the page at 200% text (about
    // 3,500 of 7,500 px on a 390 px phone with the demo account): folded, one tap away.
    h('details', { class: 'card alert-settings' }, h('summary', { id: 'alerts-settings', text: 'Which alerts, and when' }),
      h('p', { class: 'muted', text: 'Each alert fires once when a pattern crosses your line, and again only after it has cleared.' }),
      settings));
  // The person's today, in their time zone: each alert's days are worded from it as it is read.
  ctx.api('/api/alerts').then((body) => paintEvents(list, body.events, ctx.params[0], todayIn(ctx.user?.timezone)))
    .catch((e) => list.replaceChildren(h('p', { class: 'muted', text: offline(e) ? 'Alerts show when you are online.' : 'Alerts could not be loaded.' })));
  loadSigns(signs, ctx);
  ctx.api('/api/alerts/settings').then((s) => paintSettings(settings, s, ctx))
    .catch((e) => settings.replaceChildren(h('p', { class: 'muted', text: offline(e) ? 'Settings can be changed when you are online.' : 'Settings could not be loaded.' })));
}

/** @param {unknown} e */
const offline = (e) => /** @type {any} */ (e)?.status === 0;

/** How many past alerts show before "Show older alerts". */
const RECENT_SHOWN = 5;

/**
 * @typedef {{id: string, rule: string, title: string, explanation: string, created_at: string, note?: string | null,
 *   explanation_parts?: import('../domain/day-words.js').Part[] | null,
 *   target_from?: string | null, target_to?: string | null, details?: {suggestion?: Helps} | null}} AlertEvent
 */

/**
 * The past alerts, newest first (the server's order), each as one line (its day and a short
 * headline) with the rest behind its disclosure: when it was sent, why it came, the note when
 * a line moved, what may help. The latest few show; the rest wait behind "Show older alerts".
 * At 200% text on a phone every alert's full title and send time, each in a box, made the
 * card about nine screens tall (issue 12).
 * @param {HTMLElement} list @param {AlertEvent[]} events @param {string | undefined} openId
 * @param {string} today  "YYYY-MM-DD" in the person's time zone
 */
function paintEvents(list, events, openId, today) {
  if (!events.length) {
    list.replaceChildren(h('p', { class: 'muted', text: 'No alerts so far.' }));
    return;
  }
  // An alert opened from a notification ("#/alerts/<id>") shows even when it is an older one.
  const showAll = events.findIndex((e) => e.id === openId) >= RECENT_SHOWN;
  const items = events.map((e, i) => h('li', { hidden: i >= RECENT_SHOWN && !showAll }, alertItem(e, e.id === openId, today)));
  const older = items.slice(RECENT_SHOWN).filter((li) => li.hidden);
  const more = older.length ? [h('button', { type: 'button', class: 'btn btn-small show-older', 'aria-controls': 'alerts-list',
    onclick: (/** @type {Event} */ ev) => {
      for (const li of older) li.hidden = false;
      /** @type {HTMLElement | null} */ (older[0].querySelector('summary'))?.focus();  // where the new ones start
      /** @type {HTMLElement} */ (ev.currentTarget).remove();
    } }, `Show older alerts (${older.length})`)] : [];
  list.replaceChildren(h('ol', { class: 'alert-list', id: 'alerts-list' }, ...items), ...more);
  if (openId) document.getElementById(`alert-${openId}`)?.scrollIntoView({ block: 'start' });
}

/**
 * One past alert: its day and short headline on the line, the rest folded. Its days are
 * worded for `today` ("tomorrow", "yesterday", else the date in the person's locale), not as
 * stored: a stored "tomorrow" was the day after it was sent.
 * @param {AlertEvent} e @param {boolean} open @param {string} today
 */
function alertItem(e, open, today) {
  return h('details', { class: 'past-alert', id: `alert-${e.id}`, open },
    h('summary', {}, h('time', { class: 'alert-day', datetime: e.created_at, text: shortDay(e.created_at) }), ' ',
      h('strong', { text: alertHeadline(e) })),
    h('div', { class: 'alert-detail' },
      h('p', {}, h('strong', { class: 'alert-about', text: alertAbout(e, today) })),
      h('p', { class: 'muted alert-sent', text: `Sent ${shortDateTime(e.created_at)}` }),
      h('p', { class: 'alert-why', text: e.explanation_parts ? explanationText(e.explanation_parts, today) : e.explanation }),
      // the sign's line moved since (49 minutes then, 51 now): said here, beside the old figure
      ...(e.note ? [h('p', { class: 'muted line-moved', text: e.note })] : []),
      ...suggestion(e.details?.suggestion)));
}

/**
 * "2 Dec" in the device's locale and zone: the day an alert was sent, short enough for its line.
 * @param {string} iso
 */
function shortDay(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/**
 * What to try, from the person's own "what helps" and the practices: text and a link.
 * @param {{text: string, practice: {title: string, href: string} | null} | undefined} s
 */
function suggestion(s) {
  if (!s) return [];
  return [h('p', { class: 'suggestion', text: s.text }),
    ...(s.practice ? [h('a', { class: 'btn', href: s.practice.href, text: `Open ${s.practice.title.toLowerCase()}` })] : [])];
}

/**
 * @typedef {{text: string, practice: {title: string, href: string} | null}} Helps
 * @typedef {{key: string, kind: string, kind_label: string, watch: string, summary: string, when: string,
 *   effect_words: string, days_seen: number, status: string, status_words: string, muted: boolean,
 *   helps?: Helps, record: {words: string}}} Sign
 * @typedef {{signs: Sign[], kinds: {kind: string, label: string, about?: string, muted: boolean}[],
 *   fixed: {rule: string, title: string, record: {words: string}}[], days_needed?: number}} Signs
 */

/**
 * Why the list is empty. A new account has no patterns at all, and "none of your patterns is
 * strong enough" told a person on day 3 that some had been found and fallen short.
 * @param {number} daysNeeded  days of check-ins the patterns still need (0 once they can be found)
 */
export function noSignsYet(daysNeeded) {
  if (daysNeeded > 0) {
    return `No warning signs yet: they come from your own patterns, which need about ${daysNeeded} more day${daysNeeded === 1 ? '' : 's'} of check-ins.`;
  }
  return 'No warning sign yet: nothing in your check-ins is strong enough to warn on. Keep checking in.';
}

/** @param {HTMLElement} box @param {import('../app.js').AppContext} ctx */
function loadSigns(box, ctx) {
  box.setAttribute('aria-busy', 'true');
  ctx.api('/api/alerts/signs').then((/** @type {Signs} */ body) => paintSigns(box, body, ctx))
    .catch((e) => box.replaceChildren(h('p', { class: 'muted', text: offline(e) ? 'Your warning signs show when you are online.' : 'Your warning signs could not be loaded.' })))
    .finally(() => box.removeAttribute('aria-busy'));
}

/** Words for a sign that sends no heads-up, beside its line (a watched one needs none). */
const STATUS_BADGE = /** @type {Record<string, string>} */ ({ muted: 'Muted', retired: 'Retired', no_longer_backed: 'No longer backed' });

/**
 * The signs, most useful first (the server's order), each as one line with its mute button and
 * its evidence behind "Why we believe this"; the kinds' mutes side by side; the fixed rules'
 * records folded. At 200% text on a phone the evidence of every sign, shown at once, made the
 * list a dozen screens long (issue 19).
 * @param {HTMLElement} box @param {Signs} body @param {import('../app.js').AppContext} ctx
 */
function paintSigns(box, body, ctx) {
  /** @param {string} path @param {boolean} muted @param {string} focusId */
  const mute = async (path, muted, focusId) => {
    try {
      await ctx.api(path, { method: 'PUT', body: { muted } });
    } catch (e) {
      toast(offline(e) ? 'You are offline: nothing was changed.' : 'Not changed.', { kind: 'warn' });
      return;
    }
    toast(muted ? 'Muted.' : 'Unmuted.');
    const open = [...box.querySelectorAll('article.sign details[open]')].map((d) => d.closest('article')?.id ?? '');
    const kindsOpen = Boolean(box.querySelector('.kind-mutes-box[open]'));
    try {
      paintSigns(box, await ctx.api('/api/alerts/signs'), ctx);
    } catch {
      loadSigns(box, ctx);  // says why it cannot show them
      return;
    }
    // The list is drawn anew: keep the finger's place and what the person had opened.
    for (const id of open) box.querySelector(`#${CSS.escape(id)} details`)?.setAttribute('open', '');
    if (kindsOpen) box.querySelector('.kind-mutes-box')?.setAttribute('open', '');
    /** @type {HTMLElement | null} */ (box.querySelector(`#${CSS.escape(focusId)}`))?.focus();
  };
  const signs = body.signs.length
    ? [h('ol', { class: 'sign-list' }, ...body.signs.map((s, i) => h('li', {}, signItem(s, i, mute))))]
    : [h('p', { class: 'muted', text: noSignsYet(body.days_needed ?? 0) })];
  // Short names, one line each; what a kind means is told in each sign's "Why we believe this".
  // Folded like the records below it: rarely used, and four rows long at 200% text.
  const kinds = h('details', { class: 'sign-why kind-mutes-box' }, h('summary', { id: 'kind-mutes-title', text: 'Mute a whole kind' }),
    h('fieldset', { class: 'plain kind-mutes', 'aria-labelledby': 'kind-mutes-title' }, ...body.kinds.map((k) => {
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `kind-${k.kind}`, checked: k.muted }));
      input.onchange = () => mute(`/api/alerts/kinds/${k.kind}`, input.checked, input.id);
      return h('label', { class: 'row', for: input.id }, input, h('span', { text: k.label }));
    })));
  const fixed = h('details', { class: 'sign-why standard-records' }, h('summary', { text: 'How often the standard alerts were right' }),
    h('ul', {}, ...body.fixed.map((f) => h('li', { text: `${f.title}: ${f.record.words}` }))));
  box.replaceChildren(...signs, kinds, fixed);
}

/**
 * One sign: what to watch for and when the effect comes, its mute button, and the evidence.
 * @param {Sign} s @param {number} i
 * @param {(path: string, muted: boolean, focusId: string) => void} mute
 */
function signItem(s, i, mute) {
  const id = `sign-${i}`;
  // "Mute" on screen (one line at 200% text), "Mute this sign" to a screen reader.
  const button = h('button', { type: 'button', class: 'btn btn-small', id: `${id}-mute`, 'aria-describedby': `${id}-line`,
    onclick: () => mute(`/api/alerts/signs/${encodeURIComponent(s.key)}`, !s.muted, `${id}-mute`) },
  s.muted ? 'Unmute' : 'Mute', h('span', { class: 'visually-hidden', text: ' this sign' }));
  return h('article', { class: 'sign', id, 'data-status': s.status, 'data-kind': s.kind, 'aria-label': capital(s.watch) },
    h('p', { class: 'sign-line', id: `${id}-line` }, h('strong', { text: capital(s.watch) }), `: ${s.when}.`,
      ...(STATUS_BADGE[s.status] ? [' ', h('span', { class: 'sign-status', text: `(${STATUS_BADGE[s.status]})` })] : [])),
    button,
    h('details', { class: 'sign-why' }, h('summary', { text: 'Why we believe this' }),
      h('p', { text: s.summary }),
      h('ul', { class: 'evidence' },
        h('li', { text: `How much: ${s.effect_words}.` }),
        h('li', { text: `Days seen: ${s.days_seen} days of your check-ins.` }),
        h('li', { text: `Track record: ${s.record.words}` }),
        h('li', { text: `Kind: ${s.kind_label}.` })),
      h('p', { class: 'muted', text: s.status_words }),
      ...suggestion(s.helps)));
}

/** @param {string} text */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * @param {HTMLFormElement | HTMLElement} form
 * @param {{enabled: Record<string, boolean>, thresholds: Record<string, number|null>, daily_cap: number}} s
 * @param {import('../app.js').AppContext} ctx
 */
function paintSettings(form, s, ctx) {
  const controls = ALERT_RULES.map((r) => ruleControls(r, s));
  const cap = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: 'alert-cap', min: '0', max: '10', step: '1', inputmode: 'numeric', value: String(s.daily_cap) }));
  form.replaceChildren(...controls.map((c) => c.el),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'alert-cap', text: 'At most this many alert notifications a day (more still show here)' }), cap),
    h('p', { class: 'muted', text: 'Quiet hours (set under Reminders) hold alert notifications until they end.' }),
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save alert settings' }));
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = { enabled: {}, thresholds: {}, daily_cap: Number(cap.value) };
    for (const c of controls) c.collect(body);
    try {
      await ctx.api('/api/alerts/settings', { method: 'PUT', body });
      toast('Alert settings saved.');
    } catch (e) {
      const fields = Object.values(/** @type {any} */ (e).errors ?? {}).flat().join(' ');
      toast(offline(e) ? 'You are offline: alert settings were not saved.' : `Not saved. ${fields}`, { kind: 'warn' });
    }
  };
}

/**
 * On/off and threshold for one rule. Percent thresholds are shown 5–99 and stored 0.05–0.99.
 * @param {typeof ALERT_RULES[number]} r
 * @param {{enabled: Record<string, boolean>, thresholds: Record<string, number|null>}} s
 */
function ruleControls(r, s) {
  const t = r.threshold;
  const on = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `alert-on-${r.rule}`, checked: s.enabled[r.rule] !== false }));
  const stored = s.thresholds[t.key];
  const value = stored === null || stored === undefined ? '' : String(t.percent ? Math.round(stored * 100) : stored);
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: `alert-t-${r.rule}`, min: String(t.min), max: String(t.max),
    step: String(t.step), inputmode: 'decimal', value, required: !t.optional }));
  const el = h('fieldset', { class: 'field' }, h('legend', { class: 'field-label', text: r.title }),
    h('label', { class: 'row', for: `alert-on-${r.rule}` }, on, h('span', { text: 'On' })),
    h('label', { class: 'field-label', for: `alert-t-${r.rule}`, text: t.label }), input);
  /** @param {{enabled: Record<string, boolean>, thresholds: Record<string, number|null>}} body */
  const collect = (body) => {
    body.enabled[r.rule] = on.checked;
    const v = input.value === '' ? null : Number(input.value);
    body.thresholds[t.key] = v === null ? null : t.percent ? v / 100 : v;
  };
  return { el, collect };
}
