// The report table of GetAnnualStatistics: one row per figure in the server's order, its
// label (indented as the server indents it) and its value formatted for the page's language.
// Each value cell carries data-statistic and data-value (and data-percent for a share), the
// raw numbers, so the page can be checked against the gRPC answer. Unassigned buckets (split
// communes) follow, named "unassigned.<old code>.<name>" as coopctl names them.

import { h } from '../dom/h.js';
import { formatCount, formatPercent } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';

function indentOf(label) {
  const spaces = /^ */.exec(label)[0].length;
  return Math.min(Math.floor(spaces / 2), 3);
}

function valueCell(figure, statistic, lang) {
  const attributes = { class: 'value', dataset: { statistic, value: figure.value ?? '0' } };
  if (figure.isPercent) {
    attributes.dataset.percent = String(figure.percent ?? 0);
    attributes.dataset.denominator = figure.denominator ?? '0';
    return h('td', attributes,
      h('span', { class: 'num' }, formatPercent(figure.percent, lang)),
      ' ',
      h('span', { class: 'ratio' }, t('stats.ratio', {
        numerator: formatCount(figure.value, lang), denominator: formatCount(figure.denominator, lang),
      })));
  }
  return h('td', attributes, h('span', { class: 'num' }, formatCount(figure.value, lang)));
}

function row(figure, statistic, lang) {
  const label = figure.label || figure.name;
  return h('tr', { class: `indent-${indentOf(label)}`, dataset: { statistic } },
    h('th', { scope: 'row', class: 'label' }, label.trim()),
    valueCell(figure, statistic, lang));
}

export function statisticsTable(reply, lang) {
  const table = h('table', { class: 'figures', dataset: { position: reply.position || '0' } },
    h('caption', {}, t('stats.caption', { area: reply.areaName || '', year: reply.year })),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stats.column.label')),
      h('th', { scope: 'col', class: 'value' }, t('stats.column.value')))),
    h('tbody', {}, (reply.figures || []).map((figure) => row(figure, figure.name, lang))));
  const sections = [table];
  for (const bucket of reply.unassigned || []) {
    sections.push(h('table', { class: 'figures unassigned', dataset: { bucket: bucket.oldCode } },
      h('caption', {}, t('stats.unassigned', {
        name: bucket.oldName || bucket.oldCode, code: bucket.oldCode, candidates: (bucket.candidateCodes || []).join(', '),
      })),
      h('tbody', {}, (bucket.figures || []).map((figure) =>
        row(figure, `unassigned.${bucket.oldCode}.${figure.name}`, lang)))));
  }
  return sections;
}
