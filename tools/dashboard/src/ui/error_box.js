// How a failure shows: the server's HTTP status, its code and its message (already
// bilingual, "vi / en"), with the rule's id when it named one; or, with no answer at all,
// the app's own sentence. Carries data-http-status so tests can read the status.

import { ApiError } from '../api/api_error.js';
import { h } from '../dom/h.js';
import { t } from '../i18n/i18n.js';

export function errorBox(error, heading) {
  const box = h('div', { class: 'error-box', role: 'alert' });
  if (heading) box.append(h('p', { class: 'error-heading' }, heading));
  if (error instanceof ApiError) {
    box.dataset.httpStatus = String(error.httpStatus);
    box.dataset.code = error.code;
    if (error.httpStatus === 0) {
      // The browser's own words ("Failed to fetch") say nothing more, and only in English.
      box.append(h('p', { class: 'error-status' }, t('error.unreachable')));
      return box;
    }
    const status = [`HTTP ${error.httpStatus}`, error.code].filter(Boolean).join(' · ');
    box.append(h('p', { class: 'error-status' }, status));
    if (error.serverMessage) box.append(h('p', { class: 'error-message' }, error.serverMessage));
    if (error.ruleId) box.append(h('p', { class: 'error-rule' }, t('error.rule', { rule: error.ruleId })));
    return box;
  }
  box.append(h('p', { class: 'error-message' }, String(error?.message || error)));
  return box;
}

export function loadingNote() {
  return h('p', { class: 'loading', role: 'status' }, t('loading'));
}
