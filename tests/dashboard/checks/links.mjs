// Check 2, the links: the annual report's numbers link to the events behind them
// (ExplainStatistic, compared with coopctl explain); the plan's progress matches coopctl plan;
// a compliance link leads to the cooperative's page, whose timeline is its history as coopctl
// history prints it, line by line.

import { assert, assertEqual, openView, screenshot, waitDrawn } from '../ui.mjs';

async function checkReport(context) {
  const { page, coopctl, district } = context;
  await openView(page, `#/report?set=2025-03&path=96,${district}&year=2024`);
  await page.waitForSelector('.paragraph[data-paragraph=year]', { timeout: 30000 });
  const report = await coopctl.one(['report', '--area', district, '--unit-set', '2025-03', '--year', '2024']);
  const text = await page.textContent('.paragraph[data-paragraph=year]');
  assertEqual(text, report.year_paragraph.text, 'the year paragraph');
  const links = await page.$$eval('.paragraph[data-paragraph=year] a.stat-link', (anchors) =>
    anchors.map((a) => ({ statistic: a.dataset.statistic, value: a.dataset.value, text: a.textContent })));
  const numbers = report.year_paragraph.segments.filter((segment) => segment.statistic);
  assertEqual(links.length, numbers.length, 'linked numbers in the paragraph');
  numbers.forEach((segment, i) => {
    assertEqual(links[i].statistic, segment.statistic, `number ${i} statistic`);
    assertEqual(links[i].text, segment.text, `number ${i} text`);
  });
  // The first number: the events behind it.
  const statistic = links[0].statistic;
  await page.click(`.paragraph[data-paragraph=year] a.stat-link[data-statistic="${statistic}"]`);
  await page.waitForSelector(`aside.explain[data-statistic="${statistic}"] h2`, { timeout: 30000 });
  const explained = await coopctl.one(['explain', '--area', district, '--unit-set', '2025-03', '--year', '2024',
    '--statistic', statistic, '--limit', '200']);
  const positions = await page.$$eval('.explain-list li', (items) => items.map((li) => li.dataset.position));
  assertEqual(positions.join(','), explained.events.map((event) => event.position).join(','), `events behind ${statistic}`);
  context.log(`  report: the paragraph and its ${links.length} linked numbers match coopctl report; ` +
    `${statistic} = ${links[0].text} is explained by ${positions.length} events, as coopctl explain says`);
  await screenshot(context, page, 'report');
}

async function checkPlan(context) {
  const { page, coopctl } = context;
  await openView(page, '#/plan?set=2025-03&path=96&year=2024');
  await page.waitForSelector('.plan-targets li', { timeout: 30000 });
  const plan = await coopctl.one(['plan', '--area', '96', '--unit-set', '2025-03', '--year', '2024']);
  const rows = await page.$$eval('.plan-targets li', (items) => items.map((li) => ({ ...li.dataset })));
  assertEqual(rows.length, plan.targets.length, 'plan targets');
  plan.targets.forEach((target, i) => {
    assertEqual(rows[i].indicator, target.indicator, `target ${i}`);
    assertEqual(rows[i].target, target.target, `${target.indicator} target`);
    assertEqual(rows[i].actual, target.actual, `${target.indicator} actual`);
    assertEqual(rows[i].met, String(target.met), `${target.indicator} met`);
  });
  context.log(`  plan: ${rows.length} targets with their actuals match coopctl plan`);
  await screenshot(context, page, 'plan');
}

async function checkComplianceToTimeline(context) {
  const { page, coopctl, district } = context;
  await openView(page, `#/compliance?set=2025-03&path=96,${district}&year=2024`);
  await page.waitForSelector('table.issues tbody tr', { timeout: 30000 });
  const issues = (await coopctl.one(['compliance', '--area', district, '--unit-set', '2025-03', '--year', '2024'])).issues;
  const rows = await page.$$eval('table.issues tbody tr', (trs) => trs.map((tr) => ({ ...tr.dataset })));
  assertEqual(rows.length, issues.length, 'compliance issues');
  issues.forEach((issue, i) => {
    assertEqual(rows[i].cooperativeId, issue.cooperative_id, `issue ${i} cooperative`);
    assertEqual(rows[i].kind, issue.kind, `issue ${i} kind`);
  });
  await screenshot(context, page, 'compliance');

  const id = issues[0].cooperative_id;
  await page.click(`table.issues a.coop-link[data-cooperative-id="${id}"] >> nth=0`);
  await waitDrawn(page, `#/coop/${id}`);
  await page.waitForSelector('ol.timeline li', { timeout: 30000 });
  const view = await coopctl.one(['show', 'cooperative', id]);
  assertEqual(await page.textContent('h1'), view.name, 'the cooperative page heading');
  const history = await coopctl.json(['history', `coop-${id}`]);
  const lines = await page.$$eval('ol.timeline li', (items) => items.map((li) => ({
    position: li.dataset.position, sentence: li.querySelector('.sentence').textContent,
    correction: li.querySelector('.correction')?.textContent ?? '',
  })));
  assertEqual(lines.length, history.length, `history lines of coop-${id}`);
  history.forEach((line, i) => {
    assertEqual(lines[i].position, line.position, `history line ${i} position`);
    assertEqual(lines[i].sentence, line.sentence, `history line ${i} (#${line.position}) sentence`);
    assertEqual(lines[i].correction, line.correction ? `↳ ${line.correction}` : '', `history line ${i} correction`);
  });
  context.log(`  compliance: ${rows.length} issues match coopctl compliance; ${issues[0].name}'s timeline ` +
    `shows its ${lines.length} history lines as coopctl history does`);
  await screenshot(context, page, 'cooperative');
}

export async function checkLinks(context) {
  assert(context.district, 'check 1 found a district');
  await checkReport(context);
  await checkPlan(context);
  await checkComplianceToTimeline(context);
}
