// The statistics page: the area's annual statistics as the report table
// (Reporting.GetAnnualStatistics for the year picked), downloads as CSV and xlsx, and charts
// over the ten years up to it (one request per year, as known at the cut-off picked).

import { annualStatistics, statisticsScope } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { t } from '../i18n/i18n.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { figureFacts, pageHead } from '../ui/page_head.js';
import { statisticsCharts } from './statistics_charts.js';
import { downloadCsv, downloadXlsx } from './statistics_export.js';
import { statisticsTable } from './statistics_table.js';

const CHART_YEARS = 10;

export function renderStatisticsPage(container, context) {
  const { lang, signal } = context;
  const scopeOf = (year) => statisticsScope({
    area: context.area, unitSet: context.unitSet, year, knownAtMicros: context.knownAtMicros,
  });
  const years = [];
  for (let year = context.year - CHART_YEARS + 1; year <= context.year; year++) {
    if (year >= 1990) years.push(year);
  }
  const head = h('div', {}, loadingNote());
  const charts = h('section', { class: 'charts', 'aria-label': t('stats.charts') }, loadingNote());
  const table = h('section', { class: 'table-section' });
  container.append(head, charts, table);
  const chartHandles = [];

  const requests = new Map(years.map((year) => [year,
    annualStatistics(scopeOf(year), lang, { signal })]));

  requests.get(context.year).then((reply) => {
    if (signal.aborted) return;
    const actions = [
      h('button', { type: 'button', dataset: { action: 'csv' }, onclick: () => downloadCsv(reply) }, t('stats.downloadCsv')),
      h('button', { type: 'button', dataset: { action: 'xlsx' }, onclick: () => downloadXlsx(reply, lang, context.scope.known) }, t('stats.downloadXlsx')),
    ];
    replace(head, pageHead(t('stats.title', { area: reply.areaName || '', year: reply.year }), figureFacts(reply, context), actions));
    replace(table, ...statisticsTable(reply, lang));
  }, (error) => {
    if (signal.aborted) return;
    replace(head, errorBox(error, t('stats.failed')));
    charts.remove();
  });

  Promise.all([...requests.values()].map((request) => request.then((reply) => reply, () => null)))
    .then((answers) => {
      if (signal.aborted || !charts.isConnected) return;
      const replies = new Map();
      const shown = [];
      years.forEach((year, i) => {
        if (answers[i]) {
          replies.set(year, answers[i]);
          shown.push(year);
        }
      });
      if (!replies.has(context.year)) return;
      const handles = statisticsCharts({ years: shown, replies, year: context.year, lang });
      chartHandles.push(...handles);
      replace(charts, ...handles.map((handle) => handle.element));
      for (const handle of handles) handle.draw();
      if (shown.length < years.length) charts.append(h('p', { class: 'chart-note' }, t('chart.someYearsMissing')));
    });

  return () => {
    for (const handle of chartHandles) handle.destroy();
  };
}
