// @ts-check
/** The shared sign-in / sign-up form: email, password, error display, busy state. */
import { h } from '../ui/dom.js';

/**
 * @param {HTMLElement} root
 * @param {{title: string, submit: string, passwordAutocomplete: string, other: {href: string, text: string},
 *   action: (email: string, password: string) => Promise<unknown>, done: () => void}} o
 */
export function authForm(root, o) {
  const email = /** @type {HTMLInputElement} */ (h('input', { id: 'auth-email', name: 'email', type: 'email', autocomplete: 'email', required: true }));
  const password = /** @type {HTMLInputElement} */ (h('input', { id: 'auth-password', name: 'password', type: 'password', autocomplete: o.passwordAutocomplete, required: true, minlength: o.passwordAutocomplete === 'new-password' ? '10' : undefined, 'aria-describedby': o.passwordAutocomplete === 'new-password' ? 'auth-password-hint' : undefined }));
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-big', text: o.submit });
  const submit = async (/** @type {Event} */ e) => {
    e.preventDefault();
    error.hidden = true;
    button.setAttribute('disabled', '');
    try {
      await o.action(email.value.trim(), password.value);
      o.done();
    } catch (err) {
      error.textContent = explain(err);
      error.hidden = false;
    } finally {
      button.removeAttribute('disabled');
    }
  };
  root.append(h('div', { class: 'auth' },
    h('div', { class: 'brand-big' }, h('img', { src: '/icons/icon.svg', alt: '', width: '44', height: '44' }), h('span', { text: 'Emberwise' })),
    h('h1', { text: o.title }),
    h('form', { novalidate: false, onsubmit: submit },
      h('label', { class: 'field' }, h('span', { text: 'Email' }), email),
      h('label', { class: 'field' }, h('span', { text: 'Password' }), password),
      o.passwordAutocomplete === 'new-password'
        ? h('p', { class: 'muted', id: 'auth-password-hint', text: 'At least 10 characters. Three or four unrelated words make a strong password that is easy to remember.' })
        : null,
      error, button),
    h('p', {}, h('a', { href: o.other.href, text: o.other.text })),
    h('p', { class: 'muted', text: 'Emberwise is a tracker, not a diagnosis. Warning signs always send you to medical care.' }),
    h('p', {}, h('a', { href: '#/redflags', text: 'Warning signs that need a doctor' }))));
  email.focus();
}

/**
 * What to show for a failed sign-in or sign-up: the server's own words for each field
 * (they name what is wrong: "This password would be easy to guess…"), else its message.
 * @param {unknown} err
 */
export function explain(err) {
  const any = /** @type {any} */ (err);
  const fields = Object.values(any?.errors ?? {}).flat().map(String);
  return fields.length ? fields.join(' ') : (any?.message ?? String(err));
}
