// @ts-check
/**
 * #/stopbang — sleep apnoea screening with STOP-Bang, for the sleep–pain cycle: eight yes/no
 * questions (with a BMI helper), the score and risk band, and what to do. Saved as a screening.
 */
import { h, toast, dayLabel, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { QUESTIONS, stopBang, bmi, ADVICE, SOURCE } from '../domain/stopbang.js';

const H = 'W. Le, PA-C, "Chronic Pain: Rewiring the Pain System" (sleep-apnoea screening in the sleep protocol)';
const RISK_WORDS = { low: 'Low risk', intermediate: 'Intermediate risk', high: 'High risk' };

export function render(root, ctx) {
  const result = h('div', { 'aria-live': 'polite' });
  const last = h('p', { class: 'muted' });
  const boxes = QUESTIONS.map((q) => h('input', { type: 'checkbox', name: q.key }));
  const height = h('input', { type: 'number', name: 'height', min: 100, max: 250, inputmode: 'numeric', placeholder: 'cm' });
  const weight = h('input', { type: 'number', name: 'weight', min: 30, max: 350, inputmode: 'decimal', placeholder: 'kg' });
  const bmiOut = h('p', { class: 'muted', 'aria-live': 'polite' });
  const bmiBox = boxes[QUESTIONS.findIndex((q) => q.key === 'bmi')];
  const updateBmi = () => {
    const value = bmi(Number(height.value), Number(weight.value));
    bmiOut.textContent = value === null ? '' : `Your BMI is about ${Math.round(value * 10) / 10}.`;
    if (value !== null) bmiBox.checked = value > 35;
  };
  height.addEventListener('input', updateBmi);
  weight.addEventListener('input', updateBmi);

  const form = h('form', { class: 'card' },
    h('ol', { class: 'plain' }, ...QUESTIONS.map((q, i) => h('li', {}, h('label', { class: 'check' }, boxes[i], h('span', { text: q.text }))))),
    h('details', {}, h('summary', { text: 'Not sure of your BMI? Work it out' }),
      h('div', { class: 'row' }, h('label', { class: 'field' }, h('span', { text: 'Height (cm)' }), height),
        h('label', { class: 'field' }, h('span', { text: 'Weight (kg)' }), weight)), bmiOut),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: 'See my result' })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answers = Object.fromEntries(QUESTIONS.map((q, i) => [q.key, boxes[i].checked]));
    const { score, risk } = stopBang(answers);
    result.replaceChildren(h('div', { class: `notice notice-${risk === 'high' ? 'avoid' : risk === 'intermediate' ? 'caution' : 'note'}`, 'data-risk': risk },
      h('p', { class: 'score-big', text: `${score} of 8 · ${RISK_WORDS[risk]}` }),
      h('p', { text: ADVICE[risk] }),
      h('p', { class: 'source', text: 'A screening questionnaire, not a diagnosis: only a sleep study can tell.' })));
    await ctx.save('screening', { instrument: 'stop_bang', at: isoWithOffset(new Date()), date: localDate(new Date()), answers });
    toast('Result saved.');
    result.scrollIntoView?.({ block: 'nearest' });
  });

  ctx.records('screening').then((records) => {
    const prev = records.find((r) => r.data.instrument === 'stop_bang');
    if (prev) {
      const { score, risk } = stopBang(prev.data.answers);
      last.textContent = `Last time (${dayLabel(prev.data.date)}): ${score} of 8, ${RISK_WORDS[risk].toLowerCase()}.`;
    }
  });

  root.append(h('section', { class: 'view view-stopbang' },
    h('h1', { text: 'Sleep apnoea check (STOP-Bang)' }),
    // The questions first: at 200% text this paragraph put them below the first screen.
    aboutThis(h('p', { class: 'lead', text: 'In sleep apnoea the airway keeps closing during sleep, so sleep is broken without you knowing — and broken sleep makes pain worse. These eight questions take a minute.' })),
    last, form, result,
    h('p', { class: 'source', text: `Sources: ${H}; questions and scoring: ${SOURCE}.` }),
    h('p', {}, h('a', { class: 'nav-link', href: '#/bedtime', text: '← Bedtime routine' }))));
}
