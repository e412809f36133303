// @ts-check
/**
 * <ew-breath-pacer inhale="4" exhale="7" minutes="3" vibrate>: a breathing guide.
 * A circle grows on the in-breath and shrinks on the out-breath (with reduced motion it
 * stays still and only its shade changes) and a count shows the second of the phase.
 * Events: "phase" {phase}, "finish" {seconds, completed}. Methods: start(), stop().
 */
import { phaseAt, sessionSeconds, DEFAULT_PATTERN } from '../domain/pacer.js';

const WORDS = { in: 'Breathe in', out: 'Breathe out', done: 'Well done', stopped: 'Stopped' };
const NS = 'http://www.w3.org/2000/svg';

class BreathPacer extends HTMLElement {
  constructor() {
    super();
    /** @type {number|null} */ this.startedAt = null;
    this.frame = 0;
    this.lastPhase = '';
    this.tick = this.tick.bind(this);
    // Built on first connection (connectedCallback); nothing reads them before that.
    /** @type {SVGCircleElement} */ this.circle;
    /** @type {HTMLParagraphElement} */ this.word;
    /** @type {HTMLParagraphElement} */ this.count;
    /** @type {HTMLParagraphElement} */ this.left;
  }

  connectedCallback() {
    if (this.circle) return;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 200 200');
    svg.setAttribute('aria-hidden', 'true');
    svg.classList.add('pacer-shape');
    this.circle = document.createElementNS(NS, 'circle');
    for (const [k, v] of [['cx', '100'], ['cy', '100'], ['r', '90']]) this.circle.setAttribute(k, v);
    svg.append(this.circle);
    this.word = Object.assign(document.createElement('p'), { className: 'pacer-word' });
    this.count = Object.assign(document.createElement('p'), { className: 'pacer-count' });
    this.left = Object.assign(document.createElement('p'), { className: 'pacer-left muted' });
    this.word.setAttribute('aria-live', 'polite');
    this.append(svg, this.word, this.count, this.left);
    this.reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.render({ phase: 'in', count: 0, progress: 0 }, 0);
    this.word.textContent = 'Ready when you are';
  }

  static get observedAttributes() { return ['inhale', 'exhale', 'minutes']; }

  /** While idle, show the length of the session the new settings give. */
  attributeChangedCallback() {
    if (this.left && !this.running) this.render({ phase: 'in', count: 0, progress: 0 }, 0);
  }

  disconnectedCallback() { cancelAnimationFrame(this.frame); this.startedAt = null; }

  get pattern() {
    const n = (name, d) => Number(this.getAttribute(name)) || d;
    return { inhale: n('inhale', DEFAULT_PATTERN.inhale), exhale: n('exhale', DEFAULT_PATTERN.exhale) };
  }

  get totalSeconds() { return sessionSeconds(this.pattern, Number(this.getAttribute('minutes')) || 3); }

  get running() { return this.startedAt !== null; }

  start() {
    this.startedAt = performance.now();
    this.lastPhase = '';
    this.tick();
  }

  /** Stop early; emits "finish" with the seconds done. */
  stop() { if (this.running) this.finish(false); }

  elapsed() { return this.startedAt === null ? 0 : (performance.now() - this.startedAt) / 1000; }

  tick() {
    const t = this.elapsed();
    const state = phaseAt(this.pattern, t, this.totalSeconds);
    if (state.phase === 'done') { this.finish(true); return; }
    if (state.phase !== this.lastPhase) this.phaseChanged(state.phase);
    this.render(state, t);
    this.frame = requestAnimationFrame(this.tick);
  }

  phaseChanged(phase) {
    this.lastPhase = phase;
    this.word.textContent = WORDS[phase];
    if (this.hasAttribute('vibrate') && 'vibrate' in navigator) navigator.vibrate(phase === 'in' ? 60 : [40, 60, 40]);
    this.dispatchEvent(new CustomEvent('phase', { detail: { phase } }));
  }

  render(state, t) {
    const grow = state.phase === 'in' ? state.progress : 1 - state.progress;
    const eased = (1 - Math.cos(Math.PI * grow)) / 2;
    if (this.reduced) {
      this.circle.style.opacity = String(0.35 + 0.5 * eased);
    } else {
      this.circle.style.transform = `scale(${0.45 + 0.55 * eased})`;
    }
    this.dataset.phase = state.phase;
    this.count.textContent = state.count ? String(state.count) : '';
    const left = Math.max(0, Math.ceil(this.totalSeconds - t));
    this.left.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
  }

  finish(completed) {
    cancelAnimationFrame(this.frame);
    const seconds = Math.min(this.elapsed(), this.totalSeconds);
    this.startedAt = null;
    // "Well done" after a two-second try, above a frozen "2:54 left", read as a glitch.
    this.word.textContent = completed ? WORDS.done : WORDS.stopped;
    this.count.textContent = '';
    this.left.textContent = '';
    this.dataset.phase = 'done';
    if (this.hasAttribute('vibrate') && 'vibrate' in navigator) navigator.vibrate(200);
    this.dispatchEvent(new CustomEvent('finish', { detail: { seconds, completed } }));
  }
}

if (!customElements.get('ew-breath-pacer')) customElements.define('ew-breath-pacer', BreathPacer);
