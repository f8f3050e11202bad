// Check 7, the language: the English switch changes the app's own words (message table) and
// the server's (labels, names, asked for with lang "en"), and numbers are written the English
// way; the figures are still coopctl's.

import { assert, assertEqual, openView, screenshot } from '../ui.mjs';
import { compareTable } from './figures.mjs';

export async function checkLanguage(context) {
  const { page, coopctl, district } = context;
  await openView(page, `#/stats?set=2025-03&path=96,${district}&year=2024`);
  await page.waitForSelector('table.figures[data-position]', { timeout: 30000 });
  const viTitle = await page.textContent('h1');
  assertEqual(await page.textContent('nav a[data-nav=stats]'), 'Thống kê', 'the page starts in Vietnamese');

  await page.click('button[data-lang=en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForSelector('table.figures[data-position]', { timeout: 30000 });
  assertEqual(await page.textContent('nav a[data-nav=stats]'), 'Statistics', 'the navigation in English');
  assertEqual(await page.textContent('nav a[data-nav=feed]'), 'Live events', 'the navigation in English');
  const enTitle = await page.textContent('h1');
  assert(enTitle !== viTitle && enTitle.startsWith('Statistics 2024: '),
    `the heading in English: ${enTitle}`);
  const expected = await coopctl.stats({ area: district, unitSet: '2025-03', year: 2024, lang: 'en' });
  assert(enTitle.endsWith(expected.area_name), `the area's English name from the server: ${enTitle}`);
  const rows = await compareTable(page, expected, 'en', 'English');
  const picker = await page.textContent('select[data-role=area-level][data-level="1"] option:checked');
  assertEqual(picker, expected.area_name, 'the picker names the district in English');
  context.log(`  "${viTitle}" → "${enTitle}"; ${rows} English labels and numbers match coopctl --lang en`);
  await screenshot(context, page, 'statistics-en', false);

  await openView(page, `#/report?set=2025-03&path=96,${district}&year=2024`);
  await page.waitForSelector('.paragraph[data-paragraph=year]', { timeout: 30000 });
  const report = await coopctl.one(['report', '--area', district, '--unit-set', '2025-03', '--year', '2024'], { lang: 'en' });
  assertEqual(await page.textContent('.paragraph[data-paragraph=year]'), report.year_paragraph.text, 'the English paragraph');
  await screenshot(context, page, 'report-en', false);
}
