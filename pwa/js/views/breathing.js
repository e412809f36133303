// @ts-check
/** #/breathing — slow breathing with a longer out-breath; minutes go into a check-in. */
import { h, toast } from '../ui/dom.js';
import { isoWithOffset } from '../domain/time.js';
import { LIMITS, DEFAULT_PATTERN, SESSION_MINUTES, minutesToLog, patternProblems } from '../domain/pacer.js';
import '../ui/breath-pacer.js';

const PREFS_KEY = 'emberwise.breathing';

/** Last used settings (device-local: a preference, not health data). */
function loadPrefs() {
  try { return { ...DEFAULT_PATTERN, minutes: 3, vibrate: false, ...JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') }; } catch { return { ...DEFAULT_PATTERN, minutes: 3, vibrate: false }; }
}

/** @param {string} label @param {number[]} range @param {number} value @param {(v: number) => void} onchange */
function secondsPicker(label, [lo, hi], value, onchange) {
  const options = [];
  for (let s = lo; s <= hi; s += 1) options.push(h('option', { value: String(s), text: `${s} s`, selected: s === value }));
  return h('label', { class: 'field' }, h('span', { text: label }),
    h('select', { onchange: (e) => onchange(Number(e.target.value)) }, ...options));
}

export function render(root, ctx) {
  const prefs = loadPrefs();
  const pacer = /** @type {any} */ (h('ew-breath-pacer', { class: 'pacer' }));
  const status = h('p', { class: 'pacer-status', role: 'status' });
  const startBtn = h('button', { type: 'button', class: 'btn btn-primary', text: 'Start' });
  const problems = h('p', { class: 'form-error' });

  const apply = () => {
    pacer.setAttribute('inhale', String(prefs.inhale));
    pacer.setAttribute('exhale', String(prefs.exhale));
    pacer.setAttribute('minutes', String(prefs.minutes));
    pacer.toggleAttribute('vibrate', prefs.vibrate);
    const issues = patternProblems(prefs);
    problems.textContent = issues.join(' ');
    startBtn.disabled = issues.length > 0;
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  };
  const set = (k) => (v) => { prefs[k] = v; apply(); };

  const lengths = h('div', { class: 'chips', role: 'group', 'aria-label': 'Session length' },
    ...SESSION_MINUTES.map((m) => h('button', {
      type: 'button', class: 'pill', 'aria-pressed': String(m === prefs.minutes), text: `${m} min`,
      onclick: (e) => {
        for (const b of lengths.children) b.setAttribute('aria-pressed', 'false');
        e.currentTarget.setAttribute('aria-pressed', 'true');
        set('minutes')(m);
      },
    })));

  const settings = h('fieldset', { class: 'pacer-settings' },
    h('legend', { text: 'Your pattern' }),
    secondsPicker('In', LIMITS.inhale, prefs.inhale, set('inhale')),
    secondsPicker('Out', LIMITS.exhale, prefs.exhale, set('exhale')),
    lengths,
    h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: prefs.vibrate, onchange: (e) => set('vibrate')(e.target.checked) }),
      h('span', { text: 'Vibrate when the breath changes' })),
    problems);

  startBtn.addEventListener('click', () => {
    if (pacer.running) { pacer.stop(); return; }
    status.textContent = '';
    settings.disabled = true;
    startBtn.textContent = 'Stop';
    pacer.start();
    // Stop and the circle together on the screen, however large the text.
    startBtn.scrollIntoView({ block: 'start' });
  });

  pacer.addEventListener('finish', async (e) => {
    settings.disabled = false;
    startBtn.textContent = 'Start again';
    const minutes = minutesToLog(e.detail.seconds);
    if (!minutes) { status.textContent = 'Stopped before 30 seconds, so nothing was logged.'; return; }
    await ctx.save('checkin', { at: isoWithOffset(new Date()), breathing_minutes: minutes });
    status.textContent = `Logged ${minutes} minute${minutes === 1 ? '' : 's'} of slow breathing to today's check-ins.`;
    toast('Breathing practice saved.');
  });

  apply();
  root.append(h('section', { class: 'view view-breathing' },
    // Start first, the pacer right below it and the how-to after: at 200% text the how-to and
    // the pacer above it put Start a screen and a half down.
    h('h1', { text: 'Slow breathing' }),
    h('div', { class: 'actions' }, startBtn), pacer, status,
    h('p', { class: 'lead', text: 'Breathe low into your belly and let the out-breath be longer than the in-breath. Follow the circle: it grows as you breathe in and shrinks as you breathe out.' }),
    settings,
    h('p', { class: 'source', text: 'Why: a longer out-breath (about 4 s in, 7–8 s out) engages the vagus nerve, whose activity damps down inflammation. A little every day counts more than long sessions now and then. Source: W. Le, PA-C, "Chronic Pain: Rewiring the Pain System". The choices offered (3–6 s in, 4–10 s out, always longer out than in) are Emberwise\'s own.' }),
    h('p', {}, h('a', { href: '#/vagal', text: 'More ways to calm the nervous system: humming, gargling, cool water, singing' }))));
  return () => pacer.stop();
}
