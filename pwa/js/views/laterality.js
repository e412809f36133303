// @ts-check
/** #/laterality — left/right judgement of hand and foot pictures (graded motor imagery, stage 1). */
import { h, toast, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { makeTrials, scoreSession, againstReference, REFERENCE } from '../domain/laterality.js';
import { limbPicture } from '../ui/limb-svg.js';
import { lineChart, legend } from '../ui/chart.js';

const PARTS = { both: ['hand', 'foot'], hand: ['hand'], foot: ['foot'] };
const pct = (x) => `${Math.round(x * 100)}%`;
const secs = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function render(root, ctx) {
  const stage = h('div', { class: 'lat-stage' });
  const history = h('div', { class: 'lat-history' });
  let parts = 'both';
  let n = 20;
  let active = null;

  const partChips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Pictures' },
    ...Object.entries({ both: 'Hands and feet', hand: 'Hands', foot: 'Feet' }).map(([k, label]) => h('button', {
      type: 'button', class: 'pill', 'aria-pressed': String(k === parts), text: label,
      onclick: (e) => { parts = k; for (const b of partChips.children) b.setAttribute('aria-pressed', String(b === e.currentTarget)); },
    })));
  const lengthSel = h('select', { onchange: (e) => { n = Number(e.target.value); } },
    ...[10, 20, 40].map((x) => h('option', { value: String(x), text: `${x} pictures`, selected: x === n })));

  function intro() {
    // Start, then how it goes, then the choices (their defaults suit a first session).
    stage.replaceChildren(
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn btn-primary', text: 'Start', onclick: start })),
      h('p', { text: 'You will see pictures of hands or feet, turned at different angles, some from the back and some from the palm or sole. For each one, tap whether it is a LEFT or a RIGHT one. Go with your first impression — speed matters as much as being right.' }),
      partChips, h('label', { class: 'field' }, h('span', { text: 'Session length' }), lengthSel));
  }

  function start() {
    active = { trials: makeTrials({ n, parts: PARTS[parts] }), i: 0, responses: [], shownAt: 0 };
    show();
  }

  function show() {
    const { trials, i } = active;
    const answer = (side) => () => respond(side);
    stage.replaceChildren(
      h('p', { class: 'lat-progress muted', text: `Picture ${i + 1} of ${trials.length}` }),
      h('div', { class: 'lat-picture', 'data-trial': String(i) }, limbPicture(trials[i])),
      h('div', { class: 'lat-answers' },
        h('button', { type: 'button', class: 'btn btn-answer', text: 'Left', 'data-answer': 'left', onclick: answer('left') }),
        h('button', { type: 'button', class: 'btn btn-answer', text: 'Right', 'data-answer': 'right', onclick: answer('right') })));
    active.shownAt = performance.now();
  }

  function respond(side) {
    if (!active) return;
    const ms = Math.round(performance.now() - active.shownAt);
    active.responses.push({ trial: active.trials[active.i], answer: side, ms });
    active.i += 1;
    if (active.i < active.trials.length) show(); else finish();
  }

  async function finish() {
    const score = scoreSession(active.responses);
    const { responses } = active;
    active = null;
    const data = {
      at: isoWithOffset(new Date()), date: localDate(new Date()), parts: PARTS[parts], n: score.n,
      accuracy: score.accuracy, median_ms: score.medianMs,
      by_side: score.bySide, by_part: score.byPart,
      trials: responses.map((r) => ({ ...r.trial, answer: r.answer, ms: r.ms })),
    };
    await ctx.save('laterality_session', data);
    toast('Session saved.');
    stage.replaceChildren(result(score), h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary', text: 'Another session', onclick: start }),
      h('button', { type: 'button', class: 'btn', text: 'Change settings', onclick: intro })));
    drawHistory();
  }

  function result(score) {
    const ref = againstReference(score);
    const row = (label, s) => h('tr', {}, h('th', { scope: 'row', text: label }), h('td', { text: s.n ? pct(s.accuracy) : '—' }), h('td', { text: secs(s.medianMs) }));
    return h('div', { class: 'lat-result', 'data-accuracy': String(score.accuracy) },
      h('h2', { text: `${pct(score.accuracy)} correct, ${secs(score.medianMs)} per picture` }),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { text: '' }), h('th', { scope: 'col', text: 'Correct' }), h('th', { scope: 'col', text: 'Median time' }))),
        h('tbody', {}, row('All', score), row('Left pictures', score.bySide.left), row('Right pictures', score.bySide.right))),
      h('p', { text: ref.accuracy && ref.speed
        ? 'That is in the range seen in people without pain. Keep practising to stay there.'
        : 'People without pain usually get about 80% or more correct, in under about 2 seconds each. Being slower or less accurate on one side is common with long-lasting pain, and it improves with practice.' }),
      h('p', { class: 'source', text: `Reference: ${REFERENCE.source}.` }));
  }

  async function drawHistory() {
    const sessions = (await ctx.records('laterality_session')).map((r) => r.data).filter((d) => d.date);
    if (!sessions.length) { history.replaceChildren(h('p', { class: 'muted', text: 'Your sessions will be charted here.' })); return; }
    const acc = sessions.map((d) => ({ date: d.date, value: Math.round(d.accuracy * 100) }));
    const time = sessions.filter((d) => d.median_ms !== null).map((d) => ({ date: d.date, value: d.median_ms / 1000 }));
    const bySide = (side) => sessions.filter((d) => d.by_side?.[side]?.n).map((d) => ({ date: d.date, value: Math.round(d.by_side[side].accuracy * 100) }));
    history.replaceChildren(
      h('h2', { text: 'Your progress' }),
      lineChart({ title: 'Accuracy per session, percent', yMin: 0, yMax: 100,
        series: [{ points: acc, cls: 's-main', label: 'All' }, { points: bySide('left'), cls: 's-left', label: 'Left pictures' }, { points: bySide('right'), cls: 's-right', label: 'Right pictures' }],
        lines: [{ value: 80, cls: 'ref-line', label: 'healthy ~80%' }] }),
      legend([{ cls: 's-main', label: 'Accuracy, all (%)' }, { cls: 's-left', label: 'Left pictures' }, { cls: 's-right', label: 'Right pictures' }, { cls: 'ref-line', label: 'Reference ~80%' }]),
      lineChart({ title: 'Median seconds per picture', yMin: 0, yMax: Math.max(4, ...time.map((p) => p.value)),
        series: [{ points: time, cls: 's-main', label: 'Median time' }], lines: [{ value: 2, cls: 'ref-line', label: 'healthy ≲ 2 s' }] }),
      legend([{ cls: 's-main', label: 'Median seconds per picture' }, { cls: 'ref-line', label: 'Reference ~2 s' }]));
  }

  const onKey = (e) => {
    if (!active) return;
    if (e.key === 'ArrowLeft') respond('left');
    if (e.key === 'ArrowRight') respond('right');
  };
  document.addEventListener('keydown', onKey);

  intro();
  drawHistory();
  root.append(h('section', { class: 'view view-laterality' },
    h('h1', { text: 'Left or right?' }),
    // Start first: at 200% text this paragraph and the how-to put it three screens down.
    aboutThis(h('p', { class: 'lead', text: 'Telling left from right in pictures is the first stage of graded motor imagery. It gently retrains the brain\'s map of the body without moving a painful part.' })),
    stage, history,
    h('p', { class: 'source', text: 'Graded motor imagery (NOI Group), as named by W. Le, PA-C: 1) left/right judgement, 2) imagined movements, 3) mirror therapy. Pictures drawn for Emberwise.' }),
    h('p', {}, h('a', { class: 'nav-link', href: '#/imagery', text: 'Stage 2: imagined movements →' }))));
  return () => document.removeEventListener('keydown', onKey);
}
