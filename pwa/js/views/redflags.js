// @ts-check
/**
 * Warning signs ("red flags") that need medical care rather than tracking, and the
 * urgent-care message shown the moment one is ticked. Static text, so it works offline.
 * Sources: [A] Analgesia, "How inflammation sustains chronic pain", Jan 2026;
 * [H] W. Le, PA-C, "Chronic Pain: Rewiring the Pain System".
 */
import { h } from '../ui/dom.js';
import { RED_FLAGS } from '../domain/vocabulary.js';
import { isoWithOffset } from '../domain/time.js';

/** Why each sign matters, in plain words. */
const WHY = {
  saddle_numbness: 'Can mean pressure on the nerve roots at the bottom of the spine (cauda equina syndrome). Treatment is time-critical.',
  bladder_bowel_change: 'New difficulty passing urine, leaking, or losing bowel control can come from the same nerve compression. Treat it as an emergency.',
  progressive_weakness: 'Weakness or numbness that spreads or worsens can mean a nerve or the spinal cord is being compressed.',
  fever_with_back_pain: 'Fever or feeling very unwell with back pain can be a sign of infection, which needs prompt assessment.',
  sudden_severe_pain: 'Sudden, severe pain with no clear cause is not a typical flare and needs to be checked.',
  pain_after_trauma: 'New pain after a fall or accident may mean a fracture or other injury that needs examining.',
};

let shown = 0;

/**
 * The urgent-care message for the ticked signs (an alert, announced at once).
 * @param {string[]} flags  red-flag keys
 */
export function urgentMessage(flags) {
  const labels = flags.map((k) => RED_FLAGS.find((f) => f.key === k)?.label ?? k);
  const titleId = `urgent-title-${++shown}`;
  return h('section', { class: 'urgent', role: 'alert', 'aria-labelledby': titleId },
    h('h2', { id: titleId, text: 'Get medical help today' }),
    h('p', { text: 'What you ticked can be a sign of a problem that needs a doctor — not a pain flare to track:' }),
    h('ul', {}, ...labels.map((l) => h('li', { text: l }))),
    h('p', {}, h('strong', { text: 'Contact your doctor or an urgent care service now. ' }),
      'If it is severe or getting worse fast — for example losing control of your bladder or bowel, or new weakness in your legs — call your local emergency number (112, 911 or 999) or go to an emergency department.'),
    h('p', {}, h('a', { href: '#/redflags', text: 'What these warning signs mean' })));
}

/**
 * Tick what applies now: any tick shows the urgent-care message at once (static, so offline
 * too); a signed-in person can also note the signs in a check-in.
 * @param {any} [ctx]
 */
function triage(ctx) {
  const result = h('div', { class: 'triage-result', 'aria-live': 'assertive' });
  const boxes = RED_FLAGS.map((f) => h('input', { type: 'checkbox', value: f.key, name: 'red_flag' }));
  const update = () => {
    const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
    result.replaceChildren(...(ticked.length ? [urgentMessage(ticked), ctx?.user ? h('button', {
      type: 'button', class: 'btn btn-quiet', text: 'Note these in a check-in',
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        await ctx.save('checkin', { at: isoWithOffset(new Date()), red_flags: ticked });
        e.currentTarget.textContent = 'Noted in your check-ins';
      },
    }) : null] : []));
    if (ticked.length) result.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  };
  for (const b of boxes) b.addEventListener('change', update);
  return h('section', { class: 'card triage' },
    h('h2', { text: 'Do you have any of these now?' }),
    result, // above the list, so the message is seen at once rather than below the fold
    h('ul', { class: 'plain' }, ...RED_FLAGS.map((f, i) => h('li', {},
      h('label', { class: 'check' }, boxes[i], h('span', { text: f.label }))))));
}

/** @param {HTMLElement} root @param {any} [ctx] */
export function render(root, ctx) {
  root.append(
    h('h1', { text: 'Warning signs that need a doctor' }),
    h('p', { text: 'Emberwise helps you find patterns in long-term pain. It cannot tell a flare from a medical emergency. If you notice any of these signs, stop tracking and get medical care:' }),
    triage(ctx),
    h('h2', { text: 'Why these signs matter' }),
    h('ol', { class: 'flag-list' }, ...RED_FLAGS.map((f) => h('li', {},
      h('strong', { text: f.label }), h('br'), h('span', { text: WHY[/** @type {keyof WHY} */ (f.key)] ?? '' })))),
    h('div', { class: 'urgent' },
      h('h2', { text: 'What to do' }),
      h('p', { text: 'Same day: call your doctor or an urgent care service and say which sign you have.' }),
      h('p', { text: 'Emergency: loss of bladder or bowel control, numbness in the saddle area, or quickly worsening weakness — call your local emergency number (112, 911 or 999) or go to an emergency department now.' })),
    h('h2', { text: 'Also see a doctor soon if' }),
    h('ul', {},
      h('li', { text: 'a joint feels unstable or gives way;' }),
      h('li', { text: 'a doctor has mentioned possible pressure on your spinal cord and things are changing;' }),
      h('li', { text: 'you or your doctor suspect an infection, a fracture or an inflammatory disease.' })),
    h('p', { class: 'source', text: 'Sources: Analgesia, "How inflammation sustains chronic pain (even when imaging looks normal)", January 2026; W. Le, PA-C, "Chronic Pain: Rewiring the Pain System". This page is general information, not a diagnosis.' }),
    h('p', {}, h('a', { class: 'btn btn-quiet', href: '#/checkin', text: 'Back to check-in' })),
  );
}
