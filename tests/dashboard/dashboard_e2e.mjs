// The dashboard's end-to-end test: a real coopd (temporary data folder, the demo history,
// gRPC and HTTP on free loopback ports) serving the built dashboard, Debian's Chromium driven
// by playwright-core, and coopctl over gRPC as the source of truth. The checks, in order:
// figures, links, live feed, resume after a restart, escaping, bad input, language, and
// authentication (on a second coopd with a principals file). Each page is saved as a PNG in
// the artefacts folder. Latencies are printed, never asserted.
//
//   node tests/dashboard/dashboard_e2e.mjs --coopd BIN --coopctl BIN --dist DIR
//        --artefacts DIR --source DIR [--chromium /usr/bin/chromium] [--python /usr/bin/python3]

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { launchBrowser, newPage } from './browser.mjs';
import { checkAuthentication } from './checks/authentication.mjs';
import { checkBadInput } from './checks/bad_input.mjs';
import { checkEscaping } from './checks/escaping.mjs';
import { checkLiveFeed, checkResume } from './checks/feed.mjs';
import { checkFigures } from './checks/figures.mjs';
import { checkLanguage } from './checks/language.mjs';
import { checkLinks } from './checks/links.mjs';
import { Coopctl } from './coopctl.mjs';
import { Coopd } from './coopd_process.mjs';

const CHECKS = [
  ['figures', checkFigures],
  ['links', checkLinks],
  ['live feed', checkLiveFeed],
  ['resume after a restart', checkResume],
  ['escaping', checkEscaping],
  ['bad input', checkBadInput],
  ['language', checkLanguage],
  ['authentication', checkAuthentication],
];

function options() {
  const { values } = parseArgs({
    options: {
      coopd: { type: 'string' }, coopctl: { type: 'string' }, dist: { type: 'string' },
      artefacts: { type: 'string' }, source: { type: 'string' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      python: { type: 'string', default: '/usr/bin/python3' },
    },
  });
  for (const name of ['coopd', 'coopctl', 'dist', 'artefacts', 'source']) {
    if (!values[name]) throw new Error(`--${name} is required`);
  }
  for (const [name, file] of [['coopd', values.coopd], ['coopctl', values.coopctl], ['chromium', values.chromium],
    ['dist', path.join(values.dist, 'index.html')]]) {
    if (!existsSync(file)) {
      throw new Error(`${name}: ${file} is missing (tools/dev.sh setup installs chromium; the build makes the rest)`);
    }
  }
  return values;
}

async function main() {
  const started = Date.now();
  const args = options();
  // A fresh artefacts folder: no screenshot or log of an earlier run left to mislead.
  rmSync(args.artefacts, { recursive: true, force: true });
  mkdirSync(args.artefacts, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), 'dashboard-e2e-'));
  const log = (line) => console.log(line);
  const coopd = new Coopd({
    binary: args.coopd, coopctl: args.coopctl, dataDir: path.join(workDir, 'data'), workDir,
    logFile: path.join(args.artefacts, 'coopd.log'),
  });
  const context = {
    coopd,
    coopctl: new Coopctl(args.coopctl, () => coopd.grpcAddress),
    dist: args.dist,
    artefacts: args.artefacts,
    sourceDir: args.source,
    python: args.python,
    workDir,
    coopdBinary: args.coopd,
    coopctlBinary: args.coopctl,
    log,
  };
  let browser = null;
  let passed = 0;
  let failed = 0;
  try {
    await coopd.start({ dashboardDir: args.dist });
    log(`coopd serving: gRPC ${coopd.grpcAddress}, HTTP ${coopd.httpBase} (${Date.now() - started} ms with the demo history)`);
    browser = await launchBrowser({ dashboardSource: path.join(args.source, 'tools', 'dashboard'), chromium: args.chromium });
    const { page, incidents } = await newPage(browser, coopd.httpBase);
    Object.assign(context, { browser, page, incidents });
    for (const [name, check] of CHECKS) {
      const checkStarted = Date.now();
      log(`-- ${name}`);
      try {
        await check(context);
        passed += 1;
        log(`PASS ${name} (${Date.now() - checkStarted} ms)`);
      } catch (error) {
        failed += 1;
        log(`FAIL ${name}: ${error?.stack || error}`);
        await page.screenshot({ path: path.join(args.artefacts, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true })
          .catch(() => {});
      }
    }
    // Whatever the checks did, nothing may have broken the page or its policy.
    const violations = await page.evaluate(() => window.__cspViolations).catch(() => ['(page closed)']);
    const problems = [...incidents.pageErrors.map((e) => `page error: ${e}`), ...incidents.dialogs.map((d) => `dialog: ${d}`),
      ...violations.map((v) => `Content-Security-Policy violation: ${v}`)];
    if (problems.length) {
      failed += 1;
      log(`FAIL the page stayed clean:\n  ${problems.join('\n  ')}`);
    } else {
      passed += 1;
      log('PASS the page stayed clean (no page error, no dialog, no Content-Security-Policy violation)');
    }
  } catch (error) {
    failed += 1;
    log(`FAIL set-up: ${error?.stack || error}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await coopd.stop().catch(() => {});
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`dashboard end-to-end: ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${args.artefacts}`);
  log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
