// @ts-check
/**
 * #/welcome[/step]: a short tour after sign-up, every step skippable, under a minute:
 * what the check-in and the load are; which check-in sections to show, in which order;
 * a daily check-in reminder and a breathing reminder, with the notification permission
 * asked right there (where it makes sense) and a plain answer if the push service hangs.
 */
import { h, holdNotices, toast } from '../ui/dom.js';
import { sectionPicker } from '../ui/section-picker.js';
import { defaultRule } from '../domain/reminder-rules.js';
import { subscribeProblem } from '../domain/notify.js';
import { pushSupported, turnOn } from '../push-setup.js';

const STEPS = ['', 'checkin', 'reminders'];

/**
 * @param {HTMLElement} root
 * @param {import('../app.js').AppContext} ctx
 */
export function render(root, ctx) {
  const step = Math.max(0, STEPS.indexOf(ctx.params[0] ?? ''));
  const done = () => { toast('All set. How is your pain right now?'); ctx.navigate('#/checkin'); };
  const body = [intro, layout, reminders][step](ctx, done);
  // data-hold-notices: news such as "works offline now" waits until the tour closes (ui/dom.js toast).
  // The way out beside "Step 1 of 3", on the first screen: at the foot, at 200% text on a
  // 320 px phone, it was three screens of reading down.
  root.append(h('section', { class: 'welcome', 'aria-labelledby': 'welcome-title', 'data-hold-notices': '' },
    h('p', { class: 'welcome-step' }, h('span', { class: 'muted', text: `Step ${step + 1} of ${STEPS.length}` }), ' ',
      h('a', { class: 'link-skip', href: '#/checkin', text: 'Skip the tour' })),
    ...body,
    h('p', { class: 'muted', text: 'All of this is in Settings too.' })));
  holdNotices();
}

/**
 * A "Next" link to the following step; `before` runs first (and may keep the person here).
 * @param {number} to
 * @param {import('../app.js').AppContext} ctx
 * @param {() => Promise<boolean>} [before]
 */
function next(to, ctx, before) {
  return h('a', { class: 'btn btn-primary btn-big', href: `#/welcome/${STEPS[to]}`, text: 'Next',
    onclick: async (/** @type {Event} */ e) => {
      if (!before) return;
      e.preventDefault();
      if (await before()) ctx.navigate(`#/welcome/${STEPS[to]}`);
    } });
}

/** Step 1: what a check-in is, and what the load is. @param {import('../app.js').AppContext} ctx */
function intro(ctx) {
  return [
    h('h1', { id: 'welcome-title', text: 'Welcome to Emberwise' }),
    h('h2', { text: 'The check-in' }),
    h('p', { text: 'Ten seconds: tap how much it hurts right now, then Save. When you have the energy, add more — sleep, stress, activity, medication. Everything is saved on your phone first, also without a connection.' }),
    h('h2', { text: 'The load' }),
    h('p', { text: 'Each day gets an inflammation load from 0 to 100: how much is adding to the background strain on your body — short or broken sleep, stress, a busy day after quiet ones, frequent anti-inflammatory painkillers such as ibuprofen (NSAIDs), late meals, alcohol. It is measured against your own usual, so it needs about a week of check-ins first.' }),
    h('h2', { text: 'Your patterns' }),
    h('p', { text: 'After about three months of check-ins, Insights shows what tends to come before your worse days, and one thing worth trying.' }),
    next(1, ctx),
  ];
}

/** Step 2: which sections, in which order. @param {import('../app.js').AppContext} ctx */
function layout(ctx) {
  const picker = sectionPicker(ctx.user?.checkin_sections);
  const note = h('p', { class: 'muted', role: 'status' });
  const save = async () => {
    try {
      await ctx.updateAccount({ checkin_sections: picker.get() });
      return true;
    } catch (error) {
      note.textContent = /** @type {any} */ (error).status === 0
        ? 'You are offline, so this was not saved. You can change it later in Settings.'
        : 'This could not be saved. You can change it later in Settings.';
      return false;
    }
  };
  return [
    h('h1', { id: 'welcome-title', text: 'Your check-in' }),
    h('p', { text: 'Below the pain scale, the check-in has sections you can fill in or leave. Untick the ones you will not use and put the ones you use most at the top.' }),
    picker.el, note,
    next(2, ctx, save),
  ];
}

/**
 * Step 3: reminders, and notifications asked for right where they are needed.
 * @param {import('../app.js').AppContext} ctx
 * @param {() => void} done
 */
function reminders(ctx, done) {
  const checkinBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'welcome-checkin', checked: true }));
  const checkinTime = /** @type {HTMLInputElement} */ (h('input', { type: 'time', id: 'welcome-checkin-time', value: '20:00', 'aria-label': 'Check-in reminder time' }));
  const breathBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'welcome-breathing', checked: true }));
  const breathTime = /** @type {HTMLInputElement} */ (h('input', { type: 'time', id: 'welcome-breathing-time', value: '13:00', 'aria-label': 'Breathing reminder time' }));
  const status = h('p', { class: 'welcome-status', role: 'status' });
  const finish = h('button', { type: 'button', class: 'btn btn-primary btn-big', text: 'Turn on reminders' });
  const later = h('button', { type: 'button', class: 'btn btn-quiet', text: 'Not now', onclick: done });

  finish.addEventListener('click', async () => {
    finish.setAttribute('disabled', '');
    const made = await saveReminders(ctx, [[checkinBox, checkinTime, 'checkin'], [breathBox, breathTime, 'breathing']]);
    if (!made) { done(); return; }
    if (!pushSupported()) {
      status.textContent = 'Your reminders are saved. This browser cannot show notifications from Emberwise; on iPhone, add Emberwise to the Home Screen first, then turn notifications on in Settings.';
    } else {
      status.textContent = 'Your browser will now ask whether Emberwise may send notifications. Turning them on can take a few seconds…';
      try {
        await turnOn(ctx.api);
        toast('Reminders are on.');
        done();
        return;
      } catch (error) {
        const permission = /** @type {any} */ (error)?.permission ?? ('Notification' in window ? Notification.permission : undefined);
        status.textContent = `Your reminders are saved, but notifications are not on yet. ${subscribeProblem(error, permission)}`;
      }
    }
    finish.replaceWith(h('button', { type: 'button', class: 'btn btn-primary btn-big', text: 'Go to the check-in', onclick: done }));
    later.remove();
  });

  return [
    h('h1', { id: 'welcome-title', text: 'Reminders' }),
    h('p', { text: 'A nudge helps on the days you would forget. Notifications never show health details — they say “Time to check in”, not a pain score.' }),
    h('div', { class: 'reminder-offer' },
      h('label', { class: 'row', for: 'welcome-checkin' }, checkinBox, h('span', { text: 'A daily reminder to check in, at' })), checkinTime),
    h('div', { class: 'reminder-offer' },
      h('label', { class: 'row', for: 'welcome-breathing' }, breathBox, h('span', { text: 'A short slow-breathing practice, at' })), breathTime),
    h('p', { class: 'muted', text: 'You can change times, add more or stop them in Settings → Reminders.' }),
    status,
    h('div', { class: 'actions' }, finish, later),
  ];
}

/**
 * Save the ticked reminders as reminder rules (skipping a kind the person already has).
 * @param {import('../app.js').AppContext} ctx
 * @param {[HTMLInputElement, HTMLInputElement, 'checkin'|'breathing'][]} offers
 * @returns {Promise<number>} how many were ticked
 */
async function saveReminders(ctx, offers) {
  const existing = new Set((await ctx.records('reminder_rule')).map((r) => r.data?.kind));
  let ticked = 0;
  for (const [box, time, kind] of offers) {
    if (!box.checked) continue;
    ticked += 1;
    if (existing.has(kind)) continue;
    await ctx.save('reminder_rule', { ...defaultRule(kind), times: [time.value || defaultRule(kind).times?.[0]] });
  }
  return ticked;
}
