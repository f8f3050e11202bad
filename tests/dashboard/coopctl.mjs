// coopctl, the gRPC client, as the test's source of truth: every figure, history line and log
// position the page shows is compared with what coopctl gets over gRPC from the same coopd.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class Coopctl {
  constructor(binary, server) {
    this.binary = binary;
    this.server = server;
  }

  // Runs `coopctl --server S --json ARGS…` and returns the JSON objects it printed, one a line.
  async json(args, { lang } = {}) {
    const global = ['--server', this.server(), '--json'];
    if (lang) global.push('--lang', lang);
    const { stdout } = await run(this.binary, [...global, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  }

  async one(args, options) {
    const objects = await this.json(args, options);
    if (objects.length !== 1) throw new Error(`coopctl ${args.join(' ')}: expected one object, got ${objects.length}`);
    return objects[0];
  }

  async stats({ area, unitSet, year, asKnownAt, lang }) {
    const args = ['stats', '--area', area || 'VN', '--year', String(year)];
    if (unitSet) args.push('--unit-set', unitSet);
    if (asKnownAt) args.push('--as-known-at', asKnownAt);
    return this.one(args, { lang });
  }

  async head() {
    return Number((await this.one(['info'])).head_position);
  }
}
