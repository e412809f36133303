// @ts-check
/**
 * #/mirror — graded motor imagery, stage 3: mirror therapy. How to set up the mirror, then a
 * short guided session of gentle movements of the pain-free limb while watching its reflection.
 */
import { h, toast, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { MIRROR } from '../domain/guides.js';
import { guidedSession } from '../ui/guided.js';

export function render(root, ctx) {
  const stage = h('div', {});
  let session = null;
  let part = 'hand';

  function start() {
    session?.stop();
    const steps = MIRROR.steps[part];
    session = guidedSession({
      steps, rounds: 1,
      onFinish: async (seconds, completed) => {
        if (!completed && seconds < 20) return;
        await ctx.save('practice_session', { practice: 'mirror', at: isoWithOffset(new Date()), date: localDate(new Date()), seconds, count: 1 });
        toast('Mirror therapy saved.');
      },
    });
    stage.replaceChildren(h('ol', { class: 'guide-steps' }, ...steps.map((s) => h('li', { text: `${s.text} (${s.seconds} s)` }))), session.el);
  }

  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Painful limb' },
    ...Object.entries({ hand: 'Hand', foot: 'Foot' }).map(([k, label]) => h('button', {
      type: 'button', class: 'pill', 'aria-pressed': String(k === part), text: label,
      onclick: (e) => { part = k; for (const b of chips.children) b.setAttribute('aria-pressed', String(b === e.currentTarget)); start(); },
    })));

  root.append(h('section', { class: 'view view-mirror' },
    h('h1', { text: MIRROR.title }),
    // Set up (the first step) right under the title: at 200% text this paragraph pushed it down.
    aboutThis(h('p', { class: 'lead', text: 'Watching the reflection of your pain-free hand or foot move easily "shows" the brain the painful one moving without threat.' })),
    h('h2', { text: 'Set up' }),
    h('ol', {}, ...MIRROR.setup.map((t) => h('li', { text: t }))),
    h('p', { class: 'notice notice-caution', text: MIRROR.caution }),
    h('h2', { text: 'Which side hurts?' }), chips, stage,
    h('p', { class: 'source', text: `${MIRROR.ready} ${MIRROR.own}` }),
    h('p', { class: 'source', text: `Source: ${MIRROR.source}` }),
    h('p', {}, h('a', { class: 'nav-link', href: '#/imagery', text: '← Stage 2: imagined movements' }))));
  start();
  return () => session?.stop();
}
