// @ts-check
/** #/pacing — graded activity: a baseline from recent check-ins, today's budget, boom-day warnings. */
import { h, toast, aboutThis } from '../ui/dom.js';
import { localDate } from '../domain/time.js';
import { dailyMinutes, proposedBaseline, currentTolerance, budgetOn, boomCheck, restBreakAfter, daysBefore, DEFAULT_WEEKLY_INCREASE, PACING, baselineHint } from '../domain/pacing.js';
import { lineChart, legend } from '../ui/chart.js';

const dayOf = (iso) => localDate(new Date(iso));

export function render(root, ctx) {
  const body = h('div');
  root.append(h('section', { class: 'view view-pacing' },
    h('h1', { text: 'Movement pacing' }),
    // The plan first: at 200% text this paragraph put it below the first screen.
    aboutThis(h('p', { class: 'lead', text: 'Steady beats boom and bust. Start a little below what you manage now, do about the same each day, and build up slowly.' })),
    body,
    h('h2', { text: 'Where these figures come from' }),
    h('ul', { class: 'source pacing-sources' },
      h('li', { text: `Starting point: ${PACING.baseline_share_source}` }),
      h('li', { text: `Weekly increase: ${PACING.weekly_increase_source}` }),
      h('li', { text: `Typical day: ${PACING.tolerance_source}` }),
      h('li', { text: `Boom warning: ${PACING.ratio_source}` }),
      h('li', { text: `Crashes: ${PACING.crash_source}` }),
      h('li', { text: `Rest breaks: ${PACING.rest_break_source}` })),
    h('p', { class: 'source', text: 'That movement is safe and helps — walking, swimming, tai chi, yoga, built up gradually — is W. Le, PA-C ("Chronic Pain: Rewiring the Pain System"); boom-and-bust as a driver of inflammation load is Analgesia (2026).' })));

  async function draw() {
    const today = localDate(new Date());
    const daily = dailyMinutes(await ctx.records('checkin'), dayOf);
    const planRec = (await ctx.records('pacing_plan'))[0];
    const plan = planRec?.data;
    const proposed = proposedBaseline(daily, today);
    const tolerance = currentTolerance(daily, today);
    const doneToday = daily[today] ?? 0;
    const parts = [];

    if (plan) {
      const budget = budgetOn(plan.baseline, plan.start, today, plan.weekly_increase, plan.hold);
      const left = Math.max(0, budget - doneToday);
      parts.push(h('div', { class: 'card budget', 'data-budget': String(budget) },
        h('h2', { text: `Today's budget: ${budget} minutes` }),
        h('p', { text: doneToday ? `You have logged ${doneToday} minutes today, ${left} left.` : 'Nothing logged yet today.' }),
        h('p', { class: 'muted', text: `Take a rest break after about ${restBreakAfter(budget)} minutes of continuous effort.` }),
        plannedCheck(daily, today, doneToday)));
    }
    parts.push(planForm(plan, proposed, tolerance, today, async (next) => {
      await ctx.save('pacing_plan', next, planRec?.id);
      toast('Pacing plan saved.');
      draw();
    }));
    const since = daysBefore(today, 29);
    const pts = Object.entries(daily).filter(([d]) => d >= since).map(([date, value]) => ({ date, value }));
    if (pts.length) {
      parts.push(h('h2', { text: 'Your last 30 days' }),
        lineChart({ title: 'Activity minutes per day', from: since, to: today, yMin: 0,
          series: [{ points: pts, cls: 's-main', label: 'Minutes' }],
          lines: plan ? [{ value: budgetOn(plan.baseline, plan.start, today, plan.weekly_increase, plan.hold), cls: 'ref-line', label: 'today\'s budget' }] : [] }),
        legend([{ cls: 's-main', label: 'Activity minutes (from check-ins)' }, ...(plan ? [{ cls: 'ref-line', label: 'Today\'s budget' }] : [])]));
    }
    body.replaceChildren(...parts);
  }
  draw();
}

function plannedCheck(daily, today, doneToday) {
  const input = h('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric', name: 'planned' });
  const out = h('p', { class: 'boom', role: 'status' });
  input.addEventListener('input', () => {
    const planned = Number(input.value);
    if (!input.value || !(planned >= 0)) { out.textContent = ''; return; }
    const c = boomCheck(daily, today, doneToday + planned);
    out.textContent = c.boom ? c.message : 'That fits your usual pattern.';
    out.className = c.boom ? 'boom notice notice-caution' : 'boom';
  });
  return h('label', { class: 'field' }, h('span', { text: 'Planning more? Minutes you have in mind' }), input, out);
}

function planForm(plan, proposed, tolerance, today, save) {
  const baseline = h('input', { type: 'number', min: 1, step: 1, name: 'baseline', value: plan?.baseline ?? proposed ?? '', 'aria-describedby': 'pacing-baseline-hint' });
  const maxPct = Math.round(PACING.max_weekly_increase * 100);
  const pct = h('input', { type: 'number', min: 0, max: maxPct, step: 1, name: 'weekly', value: Math.round((plan?.weekly_increase ?? DEFAULT_WEEKLY_INCREASE) * 100) });
  const hold = h('input', { type: 'checkbox', name: 'hold', checked: !!plan?.hold });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const hint = baselineHint(proposed, tolerance);
  const form = h('form', { class: 'card' },
    h('h2', { text: plan ? 'Your plan' : 'Set up your plan' }),
    // The hint under its field, not above it: above, it pushed the field off the first screen
    // at 200% text on a 320x640 phone. It still describes the field to a screen reader.
    h('label', { class: 'field' }, h('span', { text: 'Baseline minutes a day' }), baseline),
    h('p', { class: 'muted', id: 'pacing-baseline-hint', text: hint }),
    h('label', { class: 'field' }, h('span', { text: 'Increase each week (%)' }), pct),
    h('label', { class: 'check' }, hold, h('span', { text: 'Hold steady (no weekly increase) — for people whose crashes follow any increase' })),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: plan ? 'Update plan' : 'Start plan' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const b = Number(baseline.value), p = Number(pct.value);
    if (!(b >= 1) || !(p >= 0 && p <= maxPct)) { error.textContent = `Enter a baseline of at least 1 minute and an increase between 0 and ${maxPct}%.`; return; }
    const same = plan && plan.baseline === Math.round(b) && plan.weekly_increase === p / 100;
    // A new baseline or rate starts a new progression from today.
    save({ baseline: Math.round(b), weekly_increase: p / 100, hold: hold.checked, start: same ? plan.start : today });
  });
  return form;
}
