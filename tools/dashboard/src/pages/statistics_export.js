// The statistics table as files: CSV (the columns of `coopctl stats --csv`: name, label,
// value, percent; numbers as machines read them) and xlsx (title rows for the area, the unit
// set, the period and the knowledge cut-off, then the table, numbers as numbers). Both are
// made in the page from the reply shown; nothing is asked of the server.

import { toCsv } from '../export/csv.js';
import { downloadFile } from '../export/download.js';
import { xlsxWorkbook } from '../export/xlsx.js';
import { formatDay } from '../format/dates.js';
import { toNumber } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';

// [name, label, value, percent or null] for every figure, unassigned buckets last.
function figureRows(reply) {
  const rows = [];
  const add = (name, figure) => rows.push([
    name, (figure.label || '').trim(), toNumber(figure.value),
    figure.isPercent ? Number(toNumber(figure.percent).toFixed(1)) : null,
  ]);
  for (const figure of reply.figures || []) add(figure.name, figure);
  for (const bucket of reply.unassigned || []) {
    for (const figure of bucket.figures || []) add(`unassigned.${bucket.oldCode}.${figure.name}`, figure);
  }
  return rows;
}

function fileStem(reply) {
  const code = reply.area?.code || 'VN';
  return `thong-ke-${code}-${reply.year}`;
}

export function statisticsCsv(reply) {
  const header = [t('csv.name'), t('csv.label'), t('csv.value'), t('csv.percent')];
  // The percentage with one decimal, always ("55.0"), as coopctl stats --csv writes it.
  const rows = figureRows(reply).map(([name, label, value, percent]) =>
    [name, label, value, percent === null ? null : percent.toFixed(1)]);
  return toCsv([header, ...rows]);
}

export function statisticsXlsx(reply, lang, knownAt) {
  const rows = [
    [{ text: t('xlsx.title', { area: reply.areaName || '', year: reply.year }), bold: true }],
    [t('xlsx.unitSet', { unitSet: reply.area?.unitSet || '', code: reply.area?.code || 'VN' })],
    [t('xlsx.period', { from: formatDay(reply.periodFrom, lang), to: formatDay(reply.periodTo, lang) })],
    [knownAt ? t('xlsx.knownAt', { date: formatDay(knownAt, lang), position: reply.position })
      : t('xlsx.knownNow', { position: reply.position })],
    [],
    [t('csv.name'), t('csv.label'), t('csv.value')].map((text) => ({ text, bold: true })),
  ];
  for (const [name, label, value, percent] of figureRows(reply)) {
    rows.push([name, label, percent === null ? { number: value, format: 'count' }
      : { number: percent / 100, format: 'percent' }]);
  }
  return xlsxWorkbook({ sheetName: String(reply.year), rows, columnWidths: [34, 60, 18] });
}

export function downloadCsv(reply) {
  // A byte-order mark first, so spreadsheet programs read the Vietnamese as UTF-8.
  downloadFile(`${fileStem(reply)}.csv`, 'text/csv;charset=utf-8', `\uFEFF${statisticsCsv(reply)}`);
}

export function downloadXlsx(reply, lang, knownAt) {
  downloadFile(`${fileStem(reply)}.xlsx`,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', statisticsXlsx(reply, lang, knownAt));
}
