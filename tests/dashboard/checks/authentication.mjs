// Check 8, authentication: a second coopd, with a principals file (no demo history), answers
// 401 without a token; the page then shows the token form, a wrong token is refused and the
// form says so, and with an auditor's token (pasted, kept in sessionStorage) the page reads,
// the live feed included (its fetch sends `Authorization: Bearer …` too).

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { newPage } from '../browser.mjs';
import { Coopd } from '../coopd_process.mjs';
import { assert, assertEqual, screenshot, waitDrawn } from '../ui.mjs';

const run = promisify(execFile);

export async function checkAuthentication(context) {
  const principals = path.join(context.workDir, 'principals.json');
  const { stdout } = await run(context.coopctlBinary, ['admin', 'principal', 'add', '--auth_config', principals,
    '--name', 'dashboard-e2e', '--role', 'auditor']);
  const token = stdout.trim();
  assert(token.startsWith('coop_'), 'coopctl admin principal add printed a token');
  const coopd = new Coopd({
    binary: context.coopdBinary, coopctl: context.coopctlBinary, dataDir: path.join(context.workDir, 'auth-data'),
    workDir: context.workDir, logFile: path.join(context.artefacts, 'coopd-auth.log'), demo: false,
    extraArgs: ['--auth_config', principals],
  });
  const { context: browserContext, page, incidents } = await newPage(context.browser, '');
  try {
    await coopd.start({ dashboardDir: context.dist });
    const bare = await fetch(`${coopd.httpBase}/coop.v1.EventStore/GetLogInfo`, { method: 'POST', body: '{}' });
    assertEqual(bare.status, 401, 'a call without a token');
    await page.goto(`${coopd.httpBase}/#/feed?set=2025-07`);
    await page.waitForSelector('form.auth-form', { timeout: 30000 });
    await screenshot(context, page, 'authentication-form', false);

    await page.fill('#auth-token', 'coop_not-a-token');
    await page.click('form.auth-form button[type=submit]');
    await waitDrawn(page);
    await page.waitForSelector('form.auth-form', { timeout: 30000 });
    const refused = await page.textContent('form.auth-form');
    assert(refused.includes('không chấp nhận'), `the form says the saved token was refused: ${refused}`);

    await page.fill('#auth-token', token);
    await page.click('form.auth-form button[type=submit]');
    await waitDrawn(page);
    await page.waitForSelector('.feed-connection[data-feed-state=live], form.auth-form', { timeout: 30000 });
    if (await page.$('form.auth-form')) {
      await screenshot(context, page, 'authentication-refused', false);
      const direct = await fetch(`${coopd.httpBase}/coop.v1.EventStore/GetLogInfo`,
        { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${token}` } });
      throw new Error(`the auditor's token was refused: the page says "${await page.textContent('form.auth-form')}"; ` +
        `POST /coop.v1.EventStore/GetLogInfo with it: ${direct.status} ${await direct.text()}`);
    }
    assertEqual(await page.evaluate(() => sessionStorage.getItem('coopledger.token')), token, 'the token in sessionStorage');
    assertEqual(incidents.pageErrors.length, 0, 'page errors');
    context.log('  401 without a token; the form refused a wrong token; with the auditor\'s token the feed is live');
    await screenshot(context, page, 'authentication-feed', false);
  } finally {
    await browserContext.close();
    await coopd.stop();
  }
}
