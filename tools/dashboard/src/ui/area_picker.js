// The area picker over the real unit tree (Reporting.ListAreas): the unit set, then province
// → district → commune in the three-level set "2025-03" (before 1 July 2025), province →
// commune in the two-level set "2025-07". Each level's first choice is the whole of the level
// above (the nation at the top). Names come from the server in the page's language.

import { listAreas } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { t } from '../i18n/i18n.js';
import { UNIT_SETS } from '../app/route.js';

const LEVELS = { '2025-03': 3, '2025-07': 2 };
const cache = new Map();  // "set|parent|lang" → Promise of ListAreasReply

function children(unitSet, parent, lang) {
  const key = `${unitSet}|${parent}|${lang}`;
  if (!cache.has(key)) {
    const reply = listAreas({ unitSet, parent, lang });
    reply.catch(() => cache.delete(key));  // a failure is asked again next time
    cache.set(key, reply);
  }
  return cache.get(key);
}

function wholeLabel(level, unitSet) {
  if (level === 0) return t('area.nation');
  if (level === 1) return t('area.wholeProvince');
  return unitSet === '2025-03' ? t('area.wholeDistrict') : t('area.wholeProvince');
}

// scope: {unitSet, path}; onChange({unitSet, path}) when the officer picks something;
// onError(error) when the tree cannot be read.
export function areaPicker({ scope, lang, onChange, onError }) {
  const unitSetSelect = h('select', { id: 'unit-set', dataset: { role: 'unit-set' } },
    UNIT_SETS.map((set) => h('option', { value: set, selected: set === scope.unitSet }, t(`unitSet.${set}`))));
  unitSetSelect.addEventListener('change', () => onChange({ unitSet: unitSetSelect.value, path: [] }));

  const picker = h('div', { class: 'area-picker' },
    h('label', { class: 'field' }, h('span', {}, t('scope.unitSet')), unitSetSelect));

  const levels = LEVELS[scope.unitSet] || 2;
  for (let level = 0; level < levels; level++) {
    if (level > 0 && !scope.path[level - 1]) break;
    const parent = level === 0 ? '' : scope.path[level - 1];
    const select = h('select', { dataset: { role: 'area-level', level }, disabled: true, 'aria-busy': 'true' },
      h('option', { value: '' }, '…'));
    const field = h('label', { class: 'field' }, h('span', {}, t(`area.level.${scope.unitSet}.${level}`)), select);
    picker.append(field);
    select.addEventListener('change', () => {
      const path = scope.path.slice(0, level);
      if (select.value) path.push(select.value);
      onChange({ unitSet: scope.unitSet, path });
    });
    children(scope.unitSet, parent, lang).then((reply) => {
      const areas = reply.areas || [];
      if (level > 0 && areas.length === 0) {
        field.remove();  // a unit with nothing below it
        return;
      }
      replace(select,
        h('option', { value: '' }, wholeLabel(level, scope.unitSet)),
        areas.map((entry) => h('option', {
          value: entry.area.code,
          selected: entry.area.code === scope.path[level],
        }, entry.name)));
      select.disabled = false;
      select.removeAttribute('aria-busy');
    }, (error) => {
      replace(select, h('option', { value: '' }, t('area.unavailable')));
      if (onError) onError(error);
    });
  }
  return picker;
}

// The name of a unit as the server titles it ("Huyện U Minh"), or the nation's.
export async function areaTitle(unitSet, path, lang) {
  if (!path.length) return t('area.nation');
  const code = path[path.length - 1];
  const parent = path.length > 1 ? path[path.length - 2] : '';
  try {
    const reply = await children(unitSet, parent, lang);
    const entry = (reply.areas || []).find((candidate) => candidate.area.code === code);
    return entry ? entry.name : code;
  } catch (_) {
    return code;
  }
}
