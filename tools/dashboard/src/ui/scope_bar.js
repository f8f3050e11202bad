// The bar above the reports: the area picker, the year and "as known at" (a day: the figures
// as the system knew them at the end of it). Changing any of them changes the URL, and the
// page follows.

import { h } from '../dom/h.js';
import { t } from '../i18n/i18n.js';
import { areaPicker } from './area_picker.js';

const FIRST_YEAR = 1990;

function yearSelect(scope, onChange) {
  const last = new Date().getFullYear() + 1;
  const select = h('select', { id: 'year', dataset: { role: 'year' } });
  if (!/^\d{4}$/.test(scope.year)) select.append(h('option', { value: scope.year, selected: true }, scope.year));
  for (let year = last; year >= FIRST_YEAR; year--) {
    select.append(h('option', { value: year, selected: String(year) === scope.year }, String(year)));
  }
  select.addEventListener('change', () => onChange({ year: select.value }));
  return select;
}

function knownAtInput(scope, onChange) {
  const input = h('input', { type: 'date', id: 'known-at', dataset: { role: 'known-at' }, value: scope.known || '' });
  input.addEventListener('change', () => onChange({ known: input.value }));
  const clear = h('button', { type: 'button', class: 'link-button', hidden: !scope.known,
    onclick: () => onChange({ known: '' }) }, t('scope.knownNow'));
  return [input, clear];
}

// withYear: the year and "as known at" are shown (not on the live feed).
export function scopeBar({ scope, lang, withYear, onChange, onError }) {
  const bar = h('section', { class: 'scope-bar', 'aria-label': t('scope.label') },
    areaPicker({ scope, lang, onChange, onError }));
  if (withYear) {
    bar.append(
      h('label', { class: 'field' }, h('span', {}, t('scope.year')), yearSelect(scope, onChange)),
      h('div', { class: 'field known-at' }, h('label', { for: 'known-at' }, t('scope.knownAt')),
        h('div', { class: 'known-at-row' }, ...knownAtInput(scope, onChange))));
  }
  return bar;
}
