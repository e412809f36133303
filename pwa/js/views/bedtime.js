// @ts-check
/** #/bedtime — the evening wind-down checklist, target bedtime and wake time, and bedtime regularity. */
import { h, toast, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { eveningItems, medicationEntry, doseToday } from '../domain/protocol.js';
import { minutesAfterNoon, clockFromNoon, bedtimeSpread, regularityWords, hoursInBed } from '../domain/sleep.js';
import { daysBefore } from '../domain/pacing.js';
import { lineChart, legend } from '../ui/chart.js';

export const DEFAULT_ITEMS = [
  { key: 'screens_away', label: 'Put phone and screens away' },
  { key: 'dim_lights', label: 'Dim the lights' },
  { key: 'breathing', label: 'A short slow-breathing session', href: '#/breathing' },
];
const DEFAULT_ROUTINE = { items: DEFAULT_ITEMS, target_bedtime: '22:30', wake_time: '07:00' };

/** The night an evening belongs to: before noon counts as the previous evening. */
export function nightOf(d) {
  const x = new Date(d);
  if (x.getHours() < 12) x.setDate(x.getDate() - 1);
  return localDate(x);
}
const hhmm = (d) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export function render(root, ctx) {
  const list = h('div', { class: 'bedtime-list' });
  const settings = h('div', { class: 'bedtime-settings' });
  const trend = h('div', { class: 'bedtime-trend' });
  root.append(h('section', { class: 'view view-bedtime' },
    h('h1', { text: 'Bedtime routine' }),
    // Tonight's list first: at 200% text the paragraph above it filled the first screen.
    aboutThis(h('p', { class: 'lead', text: 'A calm, regular wind-down helps sleep, and better sleep calms pain. Tick things off as you go.' })),
    list, trend, settings,
    h('p', { class: 'source', text: 'Why: one disrupted night raises inflammatory messengers and weakens the body\'s own pain relief; pain in turn breaks sleep. Source: W. Le, PA-C, "Chronic Pain: Rewiring the Pain System".' }),
    h('p', { class: 'source', text: 'The routine\'s steps (screens away, dim lights, a short breathing session, a steady bedtime), its default times (22:30 to 07:00) and the steadiness bands (within 30 minutes is steady, within an hour fairly steady) are Emberwise\'s own choices from general sleep-hygiene advice (Irish et al. 2015, Sleep Medicine Reviews), not from our two main sources. Change them to suit you.' }),
    h('p', {}, h('a', { href: '#/stopbang', text: 'Loud snoring or waking unrefreshed? Check your sleep apnoea risk' }))));

  async function draw() {
    const now = new Date();
    const night = nightOf(now);
    const routineRec = (await ctx.records('bedtime_routine'))[0];
    const routine = { ...DEFAULT_ROUTINE, ...(routineRec?.data ?? {}) };
    const logs = await ctx.records('bedtime_log');
    const logRec = logs.find((r) => r.data.date === night);
    const logId = logRec?.id ?? crypto.randomUUID();
    const log = { date: night, ticked: [], meds_logged: [], completed_at: null, ...(logRec?.data ?? {}) };
    const protocol = eveningItems(await ctx.records('protocol_item'), night);
    const items = [...routine.items, ...protocol.map((r) => {
      const dose = doseToday(r.data, night);
      return { key: `protocol:${r.id}`, label: `Take ${r.data.name}${dose ? ` ${dose} ${r.data.unit ?? ''}` : ''}`.trim(), item: r.data, dose };
    })];

    const tick = async (it, checked) => {
      const ticked = new Set(log.ticked);
      if (checked) ticked.add(it.key); else ticked.delete(it.key);
      log.ticked = [...ticked];
      if (checked && it.item && !log.meds_logged.includes(it.key)) {
        await ctx.save('checkin', { at: isoWithOffset(new Date()), medications: [medicationEntry(it.item, it.dose ?? null)] });
        log.meds_logged = [...log.meds_logged, it.key];
      }
      const all = items.every((x) => ticked.has(x.key));
      log.completed_at = all ? (log.completed_at ?? hhmm(new Date())) : null;
      await ctx.save('bedtime_log', log, logId);
      if (all) toast('Routine done. Sleep well.');
      draw();
    };

    const done = items.filter((x) => log.ticked.includes(x.key)).length;
    list.replaceChildren(
      h('h2', { text: `Tonight · bedtime ${routine.target_bedtime}` }),
      // The count under the list, not above it: above, it pushed the first step off the first
      // screen at 200% text on a 320x640 phone.
      h('ul', { class: 'plain checklist' }, ...items.map((it) => h('li', {},
        h('label', { class: 'check' },
          h('input', { type: 'checkbox', checked: log.ticked.includes(it.key), 'data-key': it.key, onchange: (e) => tick(it, e.target.checked) }),
          h('span', { text: it.label })),
        it.href ? h('a', { href: it.href, class: 'btn btn-small', text: 'Open' }) : null))),
      h('p', { class: 'muted', 'data-count': String(done), text: log.completed_at ? `All done at ${log.completed_at}.` : `${done} of ${items.length} done` }));

    drawTrend(trend, logs.map((r) => r.data), routine, night);
    drawSettings(settings, routine, async (next) => {
      await ctx.save('bedtime_routine', next, routineRec?.id);
      toast('Routine saved.');
      draw();
    });
  }
  draw();
}

function drawTrend(el, logs, routine, night) {
  const since = daysBefore(night, 29);
  const done = logs.filter((l) => l.completed_at && l.date >= since);
  const spread = bedtimeSpread(done.map((l) => l.completed_at));
  const clockHours = (t) => 12 + minutesAfterNoon(t) / 60;
  const pts = done.map((l) => ({ date: l.date, value: clockHours(l.completed_at) }));
  const target = clockHours(routine.target_bedtime);
  // replaceChildren would print a null child as the text "null": drop the absent chart.
  el.replaceChildren(...[h('h2', { text: 'How regular is your bedtime?' }),
    h('p', { 'data-spread': spread === null ? '' : String(Math.round(spread)), text: regularityWords(spread) }),
    pts.length ? lineChart({ title: 'Time the routine was finished, last 30 nights', from: since, to: night,
      yMin: Math.floor(Math.min(target, ...pts.map((p) => p.value)) - 1), yMax: Math.ceil(Math.max(target, ...pts.map((p) => p.value)) + 1),
      yFormat: (v) => clockFromNoon((v - 12) * 60),
      series: [{ points: pts, cls: 's-main', label: 'Finished' }], lines: [{ value: target, cls: 'ref-line', label: `target ${routine.target_bedtime}` }] }) : null,
    pts.length ? legend([{ cls: 's-main', label: 'Routine finished' }, { cls: 'ref-line', label: 'Your target bedtime' }]) : null,
  ].filter((c) => c !== null));
}

function drawSettings(el, routine, save) {
  const bed = h('input', { type: 'time', name: 'target_bedtime', value: routine.target_bedtime });
  const wake = h('input', { type: 'time', name: 'wake_time', value: routine.wake_time });
  const newItem = h('input', { type: 'text', name: 'new_item', maxlength: 80, placeholder: 'e.g. Warm shower' });
  let items = [...routine.items];
  const itemList = h('ul', { class: 'plain' });
  const drawItems = () => itemList.replaceChildren(...items.map((it) => h('li', { class: 'row-between' }, h('span', { text: it.label }),
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Remove', 'aria-label': `Remove ${it.label}`, onclick: () => { items = items.filter((x) => x !== it); drawItems(); } }))));
  drawItems();
  const form = h('form', { class: 'card' },
    h('h2', { text: 'Your routine' }),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', { text: 'Target bedtime' }), bed),
      h('label', { class: 'field' }, h('span', { text: 'Wake time' }), wake)),
    h('p', { class: 'muted', text: `That is ${hoursInBed(routine.target_bedtime, routine.wake_time)} hours in bed. Evening items from your protocol are added to the list by themselves.` }),
    itemList,
    h('div', { class: 'row' }, h('label', { class: 'field grow' }, h('span', { text: 'Add your own step' }), newItem), h('button', { type: 'button', class: 'btn btn-small', text: 'Add', onclick: () => {
      const label = newItem.value.trim();
      if (!label) return;
      items = [...items, { key: `own:${crypto.randomUUID().slice(0, 8)}`, label }];
      newItem.value = '';
      drawItems();
    } })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save routine' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save({ items, target_bedtime: bed.value || routine.target_bedtime, wake_time: wake.value || routine.wake_time });
  });
  el.replaceChildren(form);
}
