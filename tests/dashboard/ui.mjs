// What the checks do with the page, as an officer would: open a view, pick an area in the
// picker, wait for the page to be drawn, and take a screenshot for the artefacts.

import path from 'node:path';

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, the page shows ${JSON.stringify(actual)}`);
  }
}

// Waits until the app has drawn the URL it is at (App.render marks #app with it).
export async function waitDrawn(page, contains = '') {
  await page.waitForFunction((part) => {
    const root = document.getElementById('app');
    return root && root.dataset.route === location.hash && location.hash.includes(part);
  }, contains, { timeout: 30000 });
}

export async function openView(page, hash) {
  await page.goto(`/${hash}`);
  await waitDrawn(page);
}

// Picks the unit set, then each unit of `path` level by level, then the year, in the selects.
export async function pickScope(page, { unitSet, path: units, year }) {
  await page.selectOption('select[data-role=unit-set]', unitSet);
  await waitDrawn(page, `set=${unitSet}`);
  for (let level = 0; level < units.length; level++) {
    const select = `select[data-role=area-level][data-level="${level}"]`;
    await page.waitForSelector(`${select}:not([disabled]) option[value="${units[level]}"]`, { state: 'attached', timeout: 30000 });
    await page.selectOption(select, units[level]);
    await waitDrawn(page, `path=${units.slice(0, level + 1).join(',')}`);
  }
  if (year !== undefined) {
    await page.selectOption('select[data-role=year]', String(year));
    await waitDrawn(page, `year=${year}`);
  }
}

export async function screenshot(context, page, name, fullPage = true) {
  const file = path.join(context.artefacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  context.log(`  screenshot ${file}`);
}
