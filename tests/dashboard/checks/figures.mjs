// Check 1, the figures: the statistics page of a pre-reform district (2025-03, 2024) and a
// post-reform commune (2025-07, 2025), picked in the area picker, shows every figure of
// GetAnnualStatistics as coopctl gets it over gRPC — the raw value (data-value), the text
// formatted for the language, the label — and so do the charts' tables, year by year. The CSV
// and xlsx downloads hold the same figures; "as known at" a day gives the figures as coopctl
// gets them with --as-known-at.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countText, percentText } from '../expected_text.mjs';
import { assert, assertEqual, pickScope, screenshot, waitDrawn } from '../ui.mjs';

function figureValue(reply, name) {
  return Number((reply.figures || []).find((figure) => figure.name === name)?.value || 0);
}

// The figures of a coopctl reply as the page names them (unassigned buckets last).
export function expectedFigures(reply) {
  const figures = (reply.figures || []).map((figure) => ({ ...figure, statistic: figure.name }));
  for (const bucket of reply.unassigned || []) {
    for (const figure of bucket.figures || []) figures.push({ ...figure, statistic: `unassigned.${bucket.old_code}.${figure.name}` });
  }
  return figures;
}

// Every value cell of the table against coopctl's reply.
export async function compareTable(page, expected, lang, what) {
  await page.waitForSelector('table.figures[data-position]', { timeout: 30000 });
  const shown = await page.$$eval('td.value[data-statistic]', (cells) => cells.map((cell) => ({
    statistic: cell.dataset.statistic,
    value: cell.dataset.value,
    percent: cell.dataset.percent ?? null,
    text: cell.querySelector('.num').textContent,
    ratio: cell.querySelector('.ratio')?.textContent ?? null,
    label: cell.closest('tr').querySelector('th').textContent,
  })));
  const figures = expectedFigures(expected);
  assertEqual(shown.length, figures.length, `${what}: number of figures`);
  figures.forEach((figure, i) => {
    const cell = shown[i];
    const name = `${what} ${figure.statistic}`;
    assertEqual(cell.statistic, figure.statistic, `${what}: figure ${i}`);
    assertEqual(BigInt(cell.value), BigInt(figure.value), `${name} value`);
    assertEqual(cell.label, figure.label.trim(), `${name} label`);
    if (figure.is_percent) {
      assert(Math.abs(Number(cell.percent) - Number(figure.percent)) < 1e-9, `${name}: percent ${cell.percent} ≠ ${figure.percent}`);
      assertEqual(cell.text, percentText(figure.percent, lang), `${name} text`);
      const of = lang === 'en' ? 'of' : 'trên';
      assertEqual(cell.ratio, `(${countText(figure.value, lang)} ${of} ${countText(figure.denominator, lang)})`, `${name} ratio`);
    } else {
      assertEqual(cell.text, countText(figure.value, lang), `${name} text`);
    }
  });
  return shown.length;
}

// Every number in the charts' tables against coopctl's reply for its year.
async function compareCharts(context, { area, unitSet, lang }, what) {
  const page = context.page;
  await page.waitForFunction(() => document.querySelectorAll('figure.chart canvas').length === 6, null, { timeout: 60000 });
  const points = await page.$$eval('.chart-table td[data-statistic]', (cells) => cells.map((cell) => ({
    statistic: cell.dataset.statistic, year: Number(cell.dataset.year), value: cell.dataset.value, text: cell.textContent,
  })));
  const years = [...new Set(points.map((point) => point.year))].sort();
  const replies = new Map();
  for (const year of years) replies.set(year, await context.coopctl.stats({ area, unitSet, year, lang }));
  for (const point of points) {
    const expected = figureValue(replies.get(point.year), point.statistic);
    assertEqual(Number(point.value), expected, `${what} chart ${point.statistic} ${point.year}`);
    assertEqual(point.text, countText(expected, lang), `${what} chart text ${point.statistic} ${point.year}`);
  }
  return { points: points.length, years };
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

async function compareDownloads(context, expected, what) {
  const page = context.page;
  const figures = expectedFigures(expected);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action=csv]')]);
  const csvFile = path.join(context.artefacts, csv.suggestedFilename());
  await csv.saveAs(csvFile);
  const csvText = readFileSync(csvFile, 'utf8');
  assert(csvText.startsWith('\uFEFF'), `${what}: the CSV starts with a byte-order mark`);
  const rows = parseCsv(csvText.slice(1));
  assertEqual(rows.length, figures.length + 1, `${what}: CSV rows`);
  figures.forEach((figure, i) => {
    const [name, label, value, percent] = rows[i + 1];
    assertEqual(name, figure.statistic, `${what}: CSV row ${i + 1} name`);
    assertEqual(label, figure.label.trim(), `${what}: CSV ${name} label`);
    assertEqual(value, String(figure.value), `${what}: CSV ${name} value`);
    assertEqual(percent, figure.is_percent ? Number(figure.percent).toFixed(1) : '', `${what}: CSV ${name} percent`);
  });

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action=xlsx]')]);
  assert(xlsx.suggestedFilename().endsWith('.xlsx'), `${what}: xlsx file name ${xlsx.suggestedFilename()}`);
  const xlsxFile = path.join(context.artefacts, xlsx.suggestedFilename());
  await xlsx.saveAs(xlsxFile);
  const script = 'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\n' +
    'print(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))';
  const sheet = JSON.parse(execFileSync(context.python, ['-c', script, xlsxFile], { encoding: 'utf8' }));
  const header = sheet.findIndex((row) => row[0] === 'mã' || row[0] === 'name');
  assert(header >= 0, `${what}: xlsx header row`);
  const body = sheet.slice(header + 1);
  assertEqual(body.length, figures.length, `${what}: xlsx rows`);
  figures.forEach((figure, i) => {
    const [name, label, value] = body[i];
    assertEqual(name, figure.statistic, `${what}: xlsx row ${i} name`);
    assertEqual(label, figure.label.trim(), `${what}: xlsx ${name} label`);
    const wanted = figure.is_percent ? Number(Number(figure.percent).toFixed(1)) / 100 : Number(figure.value);
    assert(Math.abs(Number(value) - wanted) < 1e-9, `${what}: xlsx ${name} = ${value}, expected ${wanted}`);
  });
}

// The end of `day` in Vietnam (UTC+7), in microseconds: the cut-off the page sends for it.
function endOfDayMicrosVietnam(day) {
  const [y, m, d] = day.split('-').map(Number);
  return String(BigInt(Date.UTC(y, m - 1, d, 23, 59, 59, 999) - 7 * 3600 * 1000) * 1000n + 999n);
}

export async function checkFigures(context) {
  const { page, coopctl } = context;
  // A district of Cà Mau, before the reform, with cooperatives in 2024; a commune after it.
  const districts = (await coopctl.one(['areas', '96', '--unit-set', '2025-03'])).areas;
  for (const entry of districts) {
    if (figureValue(await coopctl.stats({ area: entry.area.code, unitSet: '2025-03', year: 2024 }), 'cooperatives') > 0) {
      context.district = entry.area.code;
      break;
    }
  }
  const communes = (await coopctl.one(['areas', '96', '--unit-set', '2025-07'])).areas;
  for (const entry of communes) {
    if (figureValue(await coopctl.stats({ area: entry.area.code, unitSet: '2025-07', year: 2025 }), 'cooperatives') > 0) {
      context.commune = entry.area.code;
      break;
    }
  }
  assert(context.district && context.commune, 'the demo has a district and a commune of Cà Mau with cooperatives');
  context.log(`  district ${context.district} (2025-03, 2024), commune ${context.commune} (2025-07, 2025)`);

  await page.goto('/');
  await waitDrawn(page);
  await pickScope(page, { unitSet: '2025-03', path: ['96', context.district], year: 2024 });
  const district = { area: context.district, unitSet: '2025-03', year: 2024, lang: 'vi' };
  let expected = await coopctl.stats(district);
  const rows = await compareTable(page, expected, 'vi', `district ${context.district}`);
  const charts = await compareCharts(context, district, `district ${context.district}`);
  context.log(`  district: ${rows} figures and ${charts.points} chart points (${charts.years[0]}–${charts.years.at(-1)}) match coopctl`);
  await compareDownloads(context, expected, `district ${context.district}`);
  context.log('  district: the CSV and xlsx downloads (saved beside the screenshots) match coopctl');
  await screenshot(context, page, 'statistics-district-2025-03', false);
  await screenshot(context, page, 'statistics-district-2025-03-full');

  // As known at the end of yesterday (Vietnam time): before the demo history was recorded.
  const yesterday = new Date(Date.now() + 7 * 3600 * 1000 - 86400 * 1000).toISOString().slice(0, 10);
  await page.fill('input[data-role=known-at]', yesterday);
  await waitDrawn(page, `known=${yesterday}`);
  expected = await coopctl.stats({ ...district, asKnownAt: endOfDayMicrosVietnam(yesterday) });
  assertEqual(expected.source, 'replayed', 'coopctl --as-known-at source');
  await compareTable(page, expected, 'vi', `district ${context.district} as known at ${yesterday}`);
  context.log(`  as known at ${yesterday}: the figures match coopctl --as-known-at`);
  await screenshot(context, page, 'statistics-as-known-at', false);
  await page.click('.known-at button');
  await page.waitForFunction(() => !location.hash.includes('known='));
  await waitDrawn(page);

  await pickScope(page, { unitSet: '2025-07', path: ['96', context.commune], year: 2025 });
  const commune = { area: context.commune, unitSet: '2025-07', year: 2025, lang: 'vi' };
  expected = await coopctl.stats(commune);
  const communeRows = await compareTable(page, expected, 'vi', `commune ${context.commune}`);
  const communeCharts = await compareCharts(context, commune, `commune ${context.commune}`);
  context.log(`  commune: ${communeRows} figures and ${communeCharts.points} chart points match coopctl`);
  await screenshot(context, page, 'statistics-commune-2025-07', false);
}
