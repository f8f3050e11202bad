// A cooperative's page: its current state (Reporting.GetCooperative) and its history as a
// timeline in plain words (Reporting.GetHistory of stream "coop-<id>"), oldest first, with who
// recorded each event and what later corrected it.

import { areaEntry, fullHistory, getCooperative } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { formatDay, formatMicros } from '../format/dates.js';
import { formatCount, toNumber } from '../format/numbers.js';
import { t, tValue } from '../i18n/i18n.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { pageHead } from '../ui/page_head.js';

function fact(name, value) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', {}, t(`coop.${name}`)), h('dd', { dataset: { field: name } }, value)];
}

function money(value, lang) {
  return t('money.vnd', { amount: formatCount(value, lang) });
}

function stateFacts(view, addressName, lang) {
  const members = view.members || {};
  const associates = toNumber(members.associateContributing) + toNumber(members.associateNonContributing);
  const rating = toNumber(view.lastRatingYear)
    ? t('coop.ratingValue', { year: view.lastRatingYear, grade: tValue('grade', view.lastRatingGrade) }) : t('coop.never');
  const inspection = view.lastInspection?.on
    ? t(view.lastInspection.compliant ? 'coop.inspectionCompliant' : 'coop.inspectionNotCompliant', {
      date: formatDay(view.lastInspection.on, lang), body: view.lastInspection.body || '',
    }) : null;
  const address = view.address?.code
    ? `${addressName || view.address.code} (${view.address.code}, ${view.address.unitSet})` : '';
  return h('dl', { class: 'facts-list' },
    fact('code', view.code),
    fact('kind', tValue('kind', view.kind)),
    fact('status', tValue('status', view.status) + (view.suspendedUntil ? ` ${t('coop.until', { date: formatDay(view.suspendedUntil, lang) })}` : '')),
    fact('registeredOn', formatDay(view.registeredOn, lang)),
    fact('endedOn', view.endedOn ? formatDay(view.endedOn, lang) : ''),
    fact('address', address),
    fact('lawRegime', tValue('law', view.lawRegime)),
    fact('origin', view.origin ? tValue('origin', view.origin) : ''),
    fact('sector', view.sector),
    fact('members', t('coop.membersValue', { official: formatCount(members.official, lang), associates: formatCount(associates, lang) })),
    fact('workforce', t('coop.workforceValue', {
      workers: formatCount(view.workforce?.regularWorkers, lang), members: formatCount(view.workforce?.ofWhichMembers, lang),
    })),
    fact('charterCapital', money(view.charterCapitalVnd, lang)),
    fact('rating', rating),
    fact('model', view.modelCooperative ? t('yes') : t('no')),
    fact('inspection', inspection),
    fact('ocop', (view.ocopProducts || []).length ? (view.ocopProducts || []).map((product) =>
      `${product.productName} (${toNumber(product.stars) ? t('chart.stars', { stars: product.stars }) : t('coop.notRecognised')})`).join('; ') : ''),
    fact('support', (view.supportReceived || []).length ? t('coop.supportValue', {
      count: formatCount(view.supportReceived.length, lang),
      amount: money(view.supportReceived.reduce((sum, grant) => sum + toNumber(grant.amountVnd), 0), lang),
    }) : ''),
    fact('position', `#${view.position} (${t('coop.version', { version: view.version })})`));
}

// The sentence starts with the title ("Đăng ký thành lập HTX: …"): the title in bold, so the
// paragraph's text is still the server's sentence, letter for letter.
function sentence(line) {
  const title = line.title || '';
  const text = line.sentence || '';
  if (title && text.startsWith(title)) {
    return h('p', { class: 'sentence' }, h('strong', { class: 'title' }, title), text.slice(title.length));
  }
  return h('p', { class: 'sentence' }, text);
}

function timeline(history, lang) {
  return h('ol', { class: 'timeline' }, history.lines.map((line) =>
    h('li', { dataset: { position: line.position, version: line.streamVersion, type: line.eventType }, class: line.correction ? 'corrected' : null },
      h('div', { class: 'when' },
        h('span', { class: 'date' }, formatDay(line.occurredOn, lang) || formatMicros(line.recordedAtMicros, lang)),
        h('span', { class: 'position' }, `#${line.position}`)),
      h('div', { class: 'what' },
        sentence(line),
        line.correction ? h('p', { class: 'correction' }, `↳ ${line.correction}`) : null,
        h('p', { class: 'by muted' }, t('coop.recordedBy', { by: line.recordedBy || '', at: formatMicros(line.recordedAtMicros, lang) }))))));
}

export function renderCooperativePage(container, context) {
  const { lang, signal } = context;
  const id = context.route.id.replace(/^coop-/, '');
  const body = h('div', {}, loadingNote());
  container.append(body);
  const history = fullHistory(`coop-${id}`, lang, { signal });
  // The view that agrees with the history shown, read from the log: once the registry holds
  // its last event, so that a cooperative just recorded (its feed line followed at once) is
  // shown, not "not found", while the views gather commits.
  const lastPosition = (value) => Math.max(0, ...value.lines.map((line) => Number(line.position) || 0));
  const state = history.then(
    (value) => getCooperative(id, { signal }, lastPosition(value)),
    () => getCooperative(id, { signal }));
  const addressName = state.then((view) => (view.address?.code
    ? areaEntry({ code: view.address.code, unitSet: view.address.unitSet, lang }, { signal }).then((entry) => entry?.name || '', () => '')
    : ''));
  Promise.allSettled([state, history, addressName]).then(([viewResult, historyResult, nameResult]) => {
    if (signal.aborted) return;
    if (viewResult.status === 'rejected') {
      replace(body, errorBox(viewResult.reason, t('coop.failed', { id })));
      return;
    }
    const view = viewResult.value;
    replace(body,
      pageHead(view.name || id, [tValue('kind', view.kind), tValue('status', view.status)]),
      h('div', { class: 'coop-layout' },
        h('section', { class: 'coop-state', 'aria-label': t('coop.state') }, h('h2', {}, t('coop.state')),
          stateFacts(view, nameResult.status === 'fulfilled' ? nameResult.value : '', lang)),
        h('section', { class: 'coop-history', 'aria-label': t('coop.history') }, h('h2', {}, t('coop.history')),
          historyResult.status === 'rejected' ? errorBox(historyResult.reason)
            : [historyResult.value.withdrawn ? h('p', { class: 'withdrawn' }, historyResult.value.withdrawn) : null,
              timeline(historyResult.value, lang)])));
  });
}
