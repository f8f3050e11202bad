// Check 5, escaping: a cooperative named "<img src=x onerror=alert(1)>", recorded through
// coopctl's command, shows as those characters in the live feed and on its own page, and runs
// nothing: no <img> in the document, no dialog, window.alert never called.

import { assert, assertEqual, screenshot, waitDrawn } from '../ui.mjs';
import { openFeed, registerCooperative, waitForPosition } from './feed.mjs';

const NAME = '<img src=x onerror=alert(1)>';

async function nothingRan(context, where) {
  const { page, incidents } = context;
  assertEqual(await page.evaluate(() => document.querySelectorAll('img').length), 0, `<img> elements ${where}`);
  assertEqual(await page.evaluate(() => window.__alerts), 0, `alert() calls ${where}`);
  assertEqual(incidents.dialogs.length, 0, `dialogs ${where}`);
}

export async function checkEscaping(context) {
  const { page } = context;
  if (!(await page.$('.feed-connection[data-feed-state=live]'))) await openFeed(context);
  const recorded = await registerCooperative(context, NAME);
  await waitForPosition(page, recorded.position);
  const item = `ol.feed-list li[data-position="${recorded.position}"]`;
  const sentence = await page.textContent(`${item} .sentence`);
  assert(sentence.includes(`${NAME},`), `the feed shows the name literally: ${sentence}`);
  await nothingRan(context, 'in the feed');
  await screenshot(context, page, 'escaping-feed', false);

  await page.click(`${item} a.stream`);
  await waitDrawn(page, `#/coop/${recorded.cooperativeId}`);
  await page.waitForSelector('ol.timeline li', { timeout: 30000 });
  assertEqual(await page.textContent('h1'), NAME, 'the cooperative page heading');
  const line = await page.textContent('ol.timeline li .sentence');
  assert(line.includes(NAME), `the timeline shows the name literally: ${line}`);
  await page.waitForTimeout(500);  // an onerror would have fired by now
  await nothingRan(context, 'on the cooperative page');
  context.log(`  ${JSON.stringify(NAME)} shows literally in the feed (#${recorded.position}) and on its page; nothing ran`);
  await screenshot(context, page, 'escaping-cooperative');
}
