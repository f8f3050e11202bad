// Check 6, bad input: an unknown area and a malformed year, on the page and sent to the JSON
// face directly, and a 10 MiB body, each get a clear error — the HTTP status and the server's
// message, shown on the page or returned as {"code","httpStatus","message"} — and change
// nothing: the log's head is where it was.

import { assert, assertEqual, openView, screenshot } from '../ui.mjs';

async function post(context, method, body) {
  const response = await fetch(`${context.coopd.httpBase}/coop.v1.Reporting/${method}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (_) {
    // reported below
  }
  return { status: response.status, json, text };
}

function assertErrorBody(reply, status, what) {
  assertEqual(reply.status, status, `${what}: HTTP status`);
  assert(reply.json && typeof reply.json === 'object', `${what}: a JSON error body, got ${reply.text.slice(0, 200)}`);
  assertEqual(reply.json.httpStatus, status, `${what}: httpStatus in the body`);
  assert(typeof reply.json.code === 'string' && reply.json.code, `${what}: a code`);
  assert(typeof reply.json.message === 'string' && reply.json.message.length > 5, `${what}: a message`);
}

export async function checkBadInput(context) {
  const { page, coopctl } = context;
  const head = await coopctl.head();

  // On the page: an area that is not a unit of the set.
  await openView(page, '#/stats?set=2025-03&path=96,99999&year=2024');
  await page.waitForSelector('#page .error-box[data-http-status]', { timeout: 30000 });
  const areaStatus = await page.getAttribute('#page .error-box', 'data-http-status');
  const areaMessage = await page.textContent('#page .error-box .error-message');
  assertEqual(areaStatus, '400', 'unknown area on the page: status shown');
  assert(areaMessage.includes('99999'), `unknown area on the page: the message names it: ${areaMessage}`);
  assert((await page.textContent('#page .error-box .error-status')).includes('400'), 'unknown area: "HTTP 400" shown');
  context.log(`  page, area 99999: HTTP ${areaStatus}, "${areaMessage}"`);
  await screenshot(context, page, 'bad-input-area', false);

  // On the page: a year that is not a year.
  await openView(page, '#/stats?set=2025-03&path=96&year=20x');
  const yearMessage = await page.textContent('#page .error-box .error-message');
  assert(yearMessage.includes('"20x"'), `malformed year on the page: ${yearMessage}`);
  context.log(`  page, year 20x: "${yearMessage}"`);
  await screenshot(context, page, 'bad-input-year', false);

  // The JSON face, directly.
  const area = await post(context, 'GetAnnualStatistics', JSON.stringify({ scope: { area: { code: '99999', unitSet: '2025-03' }, year: 2024 } }));
  assertErrorBody(area, 400, 'JSON face, unknown area');
  context.log(`  POST GetAnnualStatistics area 99999: ${area.status} ${area.text}`);
  const year = await post(context, 'GetAnnualStatistics', '{"scope":{"area":{"code":"966","unitSet":"2025-03"},"year":"20x"}}');
  assertErrorBody(year, 400, 'JSON face, malformed year');
  context.log(`  POST GetAnnualStatistics year "20x": ${year.status} ${year.text}`);
  const big = await post(context, 'GetAnnualStatistics', `{"scope":{"year":2024},"lang":"${'x'.repeat(10 * 1024 * 1024)}"}`);
  assertErrorBody(big, 413, 'JSON face, a 10 MiB body');
  context.log(`  POST a 10 MiB body: ${big.status} ${big.text}`);

  assertEqual(await coopctl.head(), head, 'the log head after the bad input');
  context.log(`  the log head is still #${head}`);
}
