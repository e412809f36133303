// @ts-check
/**
 * #/imagery — graded motor imagery, stage 2: imagined movements. A hand or foot picture is
 * shown; the person imagines moving their own limb into that position without moving.
 * Saved as a practice_session with the number of pictures done.
 */
import { h, toast, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { makeTrials, againstReference, REFERENCE } from '../domain/laterality.js';
import { IMAGERY } from '../domain/guides.js';
import { limbPicture } from '../ui/limb-svg.js';
import { guidedSession } from '../ui/guided.js';

const PARTS = { both: ['hand', 'foot'], hand: ['hand'], foot: ['foot'] };

/** Whether the latest left/right session met the healthy reference on both sides. @param {{data: any}[]} sessions newest first */
export function lateralityReady(sessions) {
  const last = sessions.map((r) => r.data).find((d) => d.by_side);
  if (!last) return null;
  const side = (s) => s?.n && againstReference({ n: s.n, correct: s.correct, accuracy: s.accuracy, medianMs: s.medianMs });
  const ok = (s) => { const r = side(s); return !!r && r.accuracy && r.speed; };
  return ok(last.by_side.left) && ok(last.by_side.right);
}

export function render(root, ctx) {
  const section = h('section', { class: 'view view-imagery' });
  const stage = h('div', {});
  const status = h('p', { class: 'muted' });
  let parts = 'both';
  let session = null;

  const partChips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Pictures' },
    ...Object.entries({ both: 'Hands and feet', hand: 'Hands', foot: 'Feet' }).map(([k, label]) => h('button', {
      type: 'button', class: 'pill', 'aria-pressed': String(k === parts), text: label,
      onclick: (e) => { parts = k; for (const b of partChips.children) b.setAttribute('aria-pressed', String(b === e.currentTarget)); start(); },
    })));

  function start() {
    session?.stop();
    const trials = makeTrials({ n: IMAGERY.pictures, parts: PARTS[parts] });
    const picture = h('div', { class: 'lat-picture' });
    let shownFor = -1;
    session = guidedSession({
      steps: IMAGERY.steps, rounds: trials.length, roundWord: 'Picture',
      label: (i, round) => {
        const t = trials[round - 1];
        if (shownFor !== round) { picture.replaceChildren(limbPicture(t)); shownFor = round; }
        return IMAGERY.steps[i].text.replace('{side}', t.side).replace('{part}', t.part);
      },
      onFinish: async (seconds, completed) => {
        const done = completed ? trials.length : Math.max(0, shownFor - 1);
        if (!done) return;
        await ctx.save('practice_session', { practice: 'imagery', at: isoWithOffset(new Date()), date: localDate(new Date()), seconds, count: done });
        toast(`${done} imagined movement${done === 1 ? '' : 's'} saved.`);
      },
    });
    picture.replaceChildren(limbPicture(trials[0]));
    shownFor = 1;
    stage.replaceChildren(session.el, picture);
  }

  ctx.records('laterality_session').then((sessions) => {
    const ready = lateralityReady(sessions);
    status.textContent = ready === null
      ? 'Tip: start with left/right judgement (stage 1) first.'
      : ready ? 'Your last left/right session met the reference on both sides: a good time for stage 2.'
        : `Your last left/right session was below the reference on at least one side (about ${Math.round(REFERENCE.accuracy * 100)}% correct, ${REFERENCE.medianMs / 1000} s a picture). You can still try this, but stage 1 may suit you better for now.`;
  });

  section.append(
    h('h1', { text: IMAGERY.title }),
    // Start first (the session says each step as it goes); the how-to behind "About this", and
    // the caution, unchanged and never folded, right under Start: above it, the two put Start
    // four screens down at 200% text on a 320x640 phone.
    aboutThis(h('p', { class: 'lead', text: IMAGERY.intro })),
    stage,
    h('p', { class: 'notice notice-note', text: IMAGERY.caution }),
    status, partChips,
    h('p', { class: 'source', text: `${IMAGERY.ready} ${IMAGERY.own}` }),
    h('p', { class: 'source', text: `Source: ${IMAGERY.source}` }),
    h('p', {}, h('a', { class: 'nav-link', href: '#/laterality', text: '← Stage 1: left or right?' }), ' · ', h('a', { class: 'nav-link', href: '#/mirror', text: 'Stage 3: mirror therapy →' })));
  root.append(section);
  start();
  return () => session?.stop();
}
