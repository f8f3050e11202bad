// Debian's Chromium driven by playwright-core (from tools/dashboard/node_modules): headless,
// no sandbox (the tests run as root), no background networking. Every page records what
// must never happen — uncaught errors, alert dialogs, Content-Security-Policy violations —
// so the checks can assert there were none.

import { createRequire } from 'node:module';
import path from 'node:path';

export async function launchBrowser({ dashboardSource, chromium }) {
  const require = createRequire(path.join(dashboardSource, 'package.json'));
  const { chromium: driver } = require('playwright-core');
  return driver.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export async function newPage(browser, baseUrl) {
  const context = await browser.newContext({
    baseURL: baseUrl || undefined,
    viewport: { width: 1400, height: 1000 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    window.__alerts = 0;
    window.__cspViolations = [];
    const original = window.alert.bind(window);
    window.alert = (...args) => {
      window.__alerts += 1;
      return original(...args);
    };
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const incidents = { pageErrors: [], dialogs: [] };
  page.on('pageerror', (error) => incidents.pageErrors.push(String(error?.message || error)));
  page.on('dialog', async (dialog) => {
    incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { context, page, incidents };
}
