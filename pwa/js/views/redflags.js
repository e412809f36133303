// @ts-check
/**
 * #/redflags — warning signs ("red flags") that need medical care rather than tracking, each
 * with what to do: an emergency now, medical help today, or a doctor soon. The message shows
 * the moment a sign is ticked. Everything comes from vocabulary.json, so it works offline;
 * the check-in links here from its top, one tap away.
 */
import { h } from '../ui/dom.js';
import { RED_FLAGS, RED_FLAG_ACTIONS } from '../domain/vocabulary.js';
import { isoWithOffset } from '../domain/time.js';

const ORDER = /** @type {const} */ (['emergency', 'urgent', 'soon']);
let shown = 0;

/**
 * The most pressing action among the ticked signs.
 * @param {string[]} flags red-flag keys
 * @returns {'emergency'|'urgent'|'soon'}
 */
export function actionFor(flags) {
  const actions = flags.map((k) => RED_FLAGS.find((f) => f.key === k)?.action ?? 'urgent');
  return ORDER.find((a) => actions.includes(a)) ?? 'urgent';
}

/**
 * The message for the ticked signs (an alert, announced at once): the most pressing action
 * first, then each sign with its own.
 * @param {string[]} flags red-flag keys
 */
export function urgentMessage(flags) {
  const action = actionFor(flags);
  const titleId = `urgent-title-${++shown}`;
  const signs = flags.map((k) => RED_FLAGS.find((f) => f.key === k) ?? { key: k, label: k, action: 'urgent' });
  return h('section', { class: `urgent urgent-${action}`, role: 'alert', 'aria-labelledby': titleId, 'data-action': action },
    h('h2', { id: titleId, text: RED_FLAG_ACTIONS[action].label }),
    h('p', {}, h('strong', { text: RED_FLAG_ACTIONS[action].advice })),
    action === 'soon' ? null : h('p', { text: 'What you ticked can be a sign of a problem that needs a doctor — not a pain flare to track.' }),
    h('ul', {}, ...signs.map((f) => h('li', {}, `${f.label} — `, h('em', { text: RED_FLAG_ACTIONS[/** @type {'soon'} */ (f.action)]?.label.toLowerCase() ?? '' })))),
    action === 'emergency' || action === 'urgent'
      ? h('p', { text: 'If it is severe or getting worse fast — for example losing control of your bladder or bowel, or new weakness in your legs — call your local emergency number (112, 911 or 999) or go to an emergency department.' })
      : null,
    h('p', {}, h('a', { href: '#/redflags', text: 'What these warning signs mean' })));
}

/**
 * Tick what applies now: any tick shows the message at once (static, so offline too); a
 * signed-in person can also note the signs in a check-in.
 * @param {any} [ctx]
 */
function triage(ctx) {
  const result = h('div', { class: 'triage-result', 'aria-live': 'assertive' });
  const boxes = RED_FLAGS.map((f) => h('input', { type: 'checkbox', value: f.key, name: 'red_flag', 'data-action': f.action }));
  const update = () => {
    const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
    // replaceChildren would print a null child as the text "null": only real nodes go in.
    result.replaceChildren(...(ticked.length ? [urgentMessage(ticked), ctx?.user ? h('button', {
      type: 'button', class: 'btn btn-quiet', text: 'Note these in a check-in',
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        await ctx.save('checkin', { at: isoWithOffset(new Date()), red_flags: ticked });
        e.currentTarget.textContent = 'Noted in your check-ins';
      },
    }) : null].filter((n) => n !== null) : []));
    if (ticked.length) result.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  };
  for (const b of boxes) b.addEventListener('change', update);
  const group = (/** @type {string[]} */ actions, title) => h('fieldset', { class: 'flag-group' }, h('legend', { text: title }),
    h('ul', { class: 'plain' }, ...RED_FLAGS.map((f, i) => (actions.includes(f.action)
      ? h('li', {}, h('label', { class: 'check' }, boxes[i], h('span', { text: f.label }))) : null))));
  return h('section', { class: 'card triage' },
    h('h2', { text: 'Do you have any of these?' }),
    result, // above the lists, so the message is seen at once rather than below the fold
    // One group per action, headed by what to do, so "a joint that keeps giving way" is not
    // listed under "now" beside the signs that need an emergency number.
    ...ORDER.map((a) => group([a], RED_FLAG_ACTIONS[a].label)));
}

/** @param {HTMLElement} root @param {any} [ctx] */
export function render(root, ctx) {
  root.append(
    h('h1', { text: 'Warning signs that need a doctor' }),
    // What to do comes first: at 200% text the old opening (what Emberwise is) filled the first
    // screen, and a second sentence still kept the first sign below it on a 390x844 phone.
    h('p', { text: 'Tick any sign you have to see what to do.' }),
    triage(ctx),
    h('p', {}, h('strong', { text: 'With any of these signs, get medical help: Emberwise cannot tell a flare from a problem that needs care.' })),
    // Each action's advice; its signs are the triage's group of the same name just above (listed
    // again here they made the page two screens longer at 200% text).
    h('h2', { text: 'What to do' }),
    ...ORDER.map((a) => h('div', { class: `urgent urgent-${a}` }, h('h3', { text: RED_FLAG_ACTIONS[a].label }),
      h('p', { text: RED_FLAG_ACTIONS[a].advice }))),
    // The reasons and sources, a dozen screens at 200% text: one tap away, not in the way.
    h('details', { class: 'flag-why' }, h('summary', { text: 'Why these signs matter, and our sources' }),
      h('ol', { class: 'flag-list' }, ...RED_FLAGS.map((f) => h('li', { 'data-key': f.key },
        h('strong', { text: f.label }), h('br'), h('span', { text: f.why }), h('br'),
        h('span', { class: 'source', text: `Source: ${f.source}` }))))),
    h('p', { class: 'source', text: 'This page is general information, not a diagnosis. When in doubt, ask a doctor.' }),
    // The same way back as the bar above the page: where the person came from.
    h('p', {}, h('a', { class: 'btn btn-quiet', href: ctx?.back?.href ?? '#/checkin', text: ctx?.back?.label ?? 'Back to check-in' })),
  );
}
