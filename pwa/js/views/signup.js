// @ts-check
/** Create an account (then signed in at once). */
import { authForm } from './auth-form.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  authForm(root, {
    title: 'Create your account', submit: 'Create account', passwordAutocomplete: 'new-password',
    other: { href: '#/signin', text: 'Already have an account? Sign in' },
    // A new account starts with the short welcome tour (every step skippable).
    action: ctx.signUp, done: () => { ctx.navigate('#/welcome'); ctx.sync(); },
  });
}
