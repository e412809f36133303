// @ts-check
/** Settings section: turn notifications on or off for this device; links to reminders and alerts. */
import { h, toast } from '../ui/dom.js';
import { deliveryState, pushStatus, turnOn, turnOff } from '../push-setup.js';
import { subscribeProblem } from '../domain/notify.js';

const TEXT = {
  unsupported: 'This browser cannot show notifications from Emberwise. On iPhone, add Emberwise to the Home Screen first.',
  denied: 'Notifications are blocked for Emberwise. You can allow them in your browser’s site settings.',
  on: 'Notifications are on for this device.',
  off: 'Notifications are off for this device.',
  stopped: 'Notifications stopped reaching this device: its push service kept refusing them for days.',
};

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const status = h('p', { class: 'muted', role: 'status' });
  const others = h('p', { class: 'muted', hidden: true });
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'btn btn-primary', hidden: true }));
  let current = /** @type {import('../push-setup.js').PushStatus} */ ('off');

  const paint = async () => {
    current = await pushStatus();
    const server = current === 'on' ? await deliveryState(ctx.api).catch(() => null) : null;
    if (server?.thisStopped) current = 'stopped';
    status.textContent = TEXT[current];
    others.hidden = !server?.othersStopped;
    others.textContent = `${server?.othersStopped} other device(s) stopped getting notifications. `
      + 'Open Emberwise there and turn them back on in Settings.';
    button.hidden = current === 'unsupported' || current === 'denied';
    button.textContent = current === 'on' ? 'Turn notifications off'
      : current === 'stopped' ? 'Turn notifications back on' : 'Turn notifications on';
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = current === 'on' ? 'Turning off…' : 'Turning on… (your browser may ask first)';
    try {
      await (current === 'on' ? turnOff(ctx.api) : turnOn(ctx.api));
      toast(current === 'on' ? 'Notifications are off.' : 'Notifications are on.');
    } catch (error) {
      const permission = /** @type {any} */ (error)?.permission ?? ('Notification' in window ? Notification.permission : undefined);
      toast(subscribeProblem(error, permission), { kind: 'warn', ms: 8000 });
    } finally {
      button.disabled = false;
      await paint();
    }
  });

  root.append(status, others, button,
    h('ul', { class: 'link-list' },
      h('li', {}, h('a', { href: '#/reminders', text: 'Reminders and quiet hours' })),
      h('li', {}, h('a', { href: '#/alerts', text: 'Early-warning alerts' }))));
  paint();
}
