// @ts-check
/** Sign in. */
import { authForm } from './auth-form.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  authForm(root, {
    title: 'Sign in', submit: 'Sign in', passwordAutocomplete: 'current-password',
    other: { href: '#/signup', text: 'New here? Create an account' },
    action: ctx.signIn, done: () => { ctx.navigate('#/checkin'); ctx.sync(); },
  });
}
