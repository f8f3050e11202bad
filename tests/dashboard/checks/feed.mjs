// Checks 3 and 4, the live feed: an event recorded with coopctl appears on the open feed page
// of its commune (the latency is printed, not asserted); then coopd is restarted on the same
// data folder and ports while the page stays open, with events recorded before the stop, right
// after the start (before the page is back) and once it is back: the page resumes with no gap
// and no duplicate — its positions are exactly the log's positions for the area from where it
// started.

import { withinCommune2025_07 } from '../area_within.mjs';
import { assert, assertEqual, openView, screenshot } from '../ui.mjs';

let serial = 0;

// Today in Vietnam, "YYYY-MM-DD": the business date of what the test records.
export function todayInVietnam() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

// Registers a cooperative in the commune through coopctl's generated command; its position.
export async function registerCooperative(context, name) {
  serial += 1;
  const code = `29${String(Date.now() % 1e6).padStart(6, '0')}${String(serial).padStart(2, '0')}`;
  const reply = await context.coopctl.one(['register-cooperative', '--occurred-on', todayInVietnam(),
    '--code', code, '--kind', 'COOPERATIVE', '--name', name, '--law-regime', 'LAW_2023',
    '--address.code', context.commune, '--address.unit-set', '2025-07', '--members.official', '7',
    '--origin', 'ORIGIN_NEW', '--actor', 'dashboard-e2e', '--agency', 'dashboard-e2e']);
  return { position: Number(reply.position), streamId: reply.stream_id, cooperativeId: reply.aggregate_id, at: Date.now() };
}

export async function waitForPosition(page, position, timeout = 10000) {
  await page.waitForSelector(`ol.feed-list li[data-position="${position}"]`, { timeout });
}

export async function openFeed(context) {
  await openView(context.page, `#/feed?set=2025-07&path=96,${context.commune}`);
  await context.page.waitForSelector('.feed-connection[data-feed-state=live]', { timeout: 30000 });
}

export async function checkLiveFeed(context) {
  assert(context.commune, 'check 1 found a commune');
  const { page } = context;
  await openFeed(context);
  const recorded = await registerCooperative(context, 'HTX Kiểm thử trực tiếp');
  await waitForPosition(page, recorded.position);
  context.log(`  recorded #${recorded.position} with coopctl; on the page after ${Date.now() - recorded.at} ms`);
  const text = await page.textContent(`ol.feed-list li[data-position="${recorded.position}"]`);
  assert(text.includes('HTX Kiểm thử trực tiếp'), `the feed item names the cooperative: ${text}`);
  const caughtUp = Number(await page.getAttribute('.feed-caught-up', 'data-caught-up'));
  assert(caughtUp > 0, 'the page says it has caught up');
  await screenshot(context, page, 'feed');
}

async function pagePositions(page) {
  return page.$$eval('ol.feed-list li', (items) => items.map((li) => Number(li.dataset.position)));
}

export async function checkResume(context) {
  const { page, coopd, coopctl } = context;
  const before = await registerCooperative(context, 'HTX Trước khi khởi động lại');
  await waitForPosition(page, before.position);

  const stopAt = Date.now();
  await coopd.stop();
  await page.waitForSelector('.feed-connection[data-feed-state=retrying]', { timeout: 15000 });
  context.log(`  coopd stopped; the page shows the lost connection: "${await page.textContent('.feed-connection')}"`);
  await screenshot(context, page, 'feed-disconnected', false);
  await coopd.start({ dashboardDir: context.dist });
  context.log(`  coopd back on the same ports after ${Date.now() - stopAt} ms`);
  const during = await registerCooperative(context, 'HTX Trong lúc kết nối lại');
  await waitForPosition(page, during.position, 20000);
  context.log(`  #${during.position}, recorded before the page was back, shown ${Date.now() - during.at} ms after it was recorded`);
  await page.waitForSelector('.feed-connection[data-feed-state=live]', { timeout: 20000 });
  const after = await registerCooperative(context, 'HTX Sau khi khởi động lại');
  await waitForPosition(page, after.position);
  context.log(`  #${after.position}, recorded after the page was back, shown after ${Date.now() - after.at} ms`);

  const from = Number(await page.getAttribute('ol.feed-list', 'data-from'));
  const within = withinCommune2025_07(context.sourceDir, context.commune);
  const log = (await coopctl.json(['read', '--all', '--from', String(from)])).map((line) => line.event);
  const expected = log.filter((event) => within(event.area)).map((event) => Number(event.position));
  const shown = await pagePositions(page);
  assertEqual(new Set(shown).size, shown.length, 'no position shown twice');
  const ascending = [...shown].reverse();
  assertEqual(ascending.join(','), expected.join(','), `the page's positions from #${from} (newest first, reversed) against the log's for the area`);
  assertEqual(await page.getAttribute('.feed-count', 'data-count'), String(shown.length), 'the count shown');
  context.log(`  ${shown.length} events from #${from} to #${expected.at(-1)}, each once, none missing (the log's ${log.length} events filtered by the area)`);
  await screenshot(context, page, 'feed-after-restart');
}
