// The token form shown when coopd answers 401 (authentication is on): the officer pastes a
// bearer token, which is kept in sessionStorage and sent as `Authorization: Bearer …` on every
// call from then on, the live feed included. In open mode it never shows.

import { ApiError } from '../api/api_error.js';
import { currentToken, saveToken } from '../api/token_store.js';
import { h } from '../dom/h.js';
import { t } from '../i18n/i18n.js';

export function authForm(error, onSaved) {
  const input = h('input', {
    type: 'password', id: 'auth-token', name: 'token', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'coop_…', required: true,
  });
  const form = h('form', { class: 'auth-form', 'aria-labelledby': 'auth-title' },
    h('h2', { id: 'auth-title' }, t('auth.title')),
    h('p', {}, currentToken() ? t('auth.rejected') : t('auth.explain')),
    error instanceof ApiError && error.serverMessage ? h('p', { class: 'error-message' }, error.serverMessage) : null,
    h('label', { for: 'auth-token' }, t('auth.label')),
    h('div', { class: 'auth-row' }, input, h('button', { type: 'submit' }, t('auth.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveToken(input.value);
    onSaved();
  });
  return form;
}
