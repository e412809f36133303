// @ts-check
/**
 * A guided session: Start (then Stop) first, then the current step in large type, a countdown
 * and the round. Calls `onFinish(seconds, completed)` when the last step ends or the person stops.
 * The button leads the card: under "Ready when you are." in large type it was below the first
 * screen at 200% text on a 320x640 phone (docs/pwa.md), and it no longer moves as step texts of
 * different lengths come and go.
 */
import { h } from './dom.js';
import { stepAt, totalSeconds } from '../domain/guides.js';

/**
 * @param {{steps: import('../domain/guides.js').Step[], rounds: number, label?: (i: number, round: number) => string,
 *          onFinish: (seconds: number, completed: boolean) => void, startText?: string, roundWord?: string}} opts
 * @returns {{el: HTMLElement, stop: () => void}}
 */
export function guidedSession({ steps, rounds, label, onFinish, startText = 'Start', roundWord = 'Round' }) {
  const now = h('p', { class: 'guide-step-now', 'aria-live': 'polite', text: 'Ready when you are.' });
  const timer = h('p', { class: 'guide-timer', 'aria-hidden': 'true', text: '' });
  const round = h('p', { class: 'muted guide-round', text: rounds > 1 ? `${rounds} rounds, about ${Math.round(totalSeconds(steps, rounds) / 60 * 2) / 2 || 0.5} min` : `About ${Math.max(1, Math.round(totalSeconds(steps, rounds) / 60))} min` });
  const button = h('button', { type: 'button', class: 'btn btn-primary', text: startText });
  let started = 0;
  let tick = 0;
  let lastText = '';

  const finish = (completed) => {
    clearInterval(tick);
    tick = 0;
    const seconds = Math.round((performance.now() - started) / 1000);
    button.textContent = 'Start again';
    now.textContent = completed ? 'Well done.' : 'Stopped.';
    timer.textContent = '';
    onFinish(completed ? totalSeconds(steps, rounds) : seconds, completed);
  };
  const paint = () => {
    const at = stepAt(steps, rounds, (performance.now() - started) / 1000);
    if (at.done) { finish(true); return; }
    const text = label ? label(at.index, at.round) : steps[at.index].text;
    if (text !== lastText) { now.textContent = text; lastText = text; }
    timer.textContent = String(at.left);
    if (rounds > 1) round.textContent = `${roundWord} ${at.round} of ${rounds}`;
  };
  button.addEventListener('click', () => {
    if (tick) { finish(false); return; }
    started = performance.now();
    lastText = '';
    button.textContent = 'Stop';
    paint();
    tick = window.setInterval(paint, 250);
  });
  return {
    el: h('div', { class: 'card guided' }, h('div', { class: 'actions' }, button), now, timer, round),
    stop: () => { if (tick) clearInterval(tick); tick = 0; },
  };
}
