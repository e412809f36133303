// @ts-check
/** Create an account (then signed in at once). */
import { authForm } from './auth-form.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  authForm(root, {
    title: 'Create your account', submit: 'Create account', passwordAutocomplete: 'new-password',
    other: { href: '#/signin', text: 'Already have an account? Sign in' },
    action: ctx.signUp, done: () => { ctx.navigate('#/checkin'); ctx.sync(); },
  });
}
