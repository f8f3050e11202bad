// A coopd for the dashboard's end-to-end test: started from the built binary on a temporary
// data folder (with --demo unless told otherwise), gRPC and HTTP on ports the kernel picks
// (then the same ports again after a restart), ready once `coopctl health` says SERVING. Its
// log goes to the artefacts.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class Coopd {
  constructor({ binary, coopctl, dataDir, workDir, logFile, demo = true, extraArgs = [] }) {
    this.binary = binary;
    this.demo = demo;
    this.extraArgs = extraArgs;
    this.coopctl = coopctl;
    this.dataDir = dataDir;
    this.workDir = workDir;
    this.log = createWriteStream(logFile, { flags: 'a' });
    this.grpcPort = 0;
    this.httpPort = 0;
    this.child = null;
  }

  get grpcAddress() {
    return `127.0.0.1:${this.grpcPort}`;
  }

  get httpBase() {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  // Starts coopd and waits until it serves (the demo history takes about half a minute the
  // first time). Keeps the ports of the first start.
  async start({ dashboardDir, timeoutMs = 150000 }) {
    const portFile = path.join(this.workDir, `${path.basename(this.dataDir)}.grpc.port`);
    const httpPortFile = path.join(this.workDir, `${path.basename(this.dataDir)}.http.port`);
    rmSync(portFile, { force: true });
    rmSync(httpPortFile, { force: true });
    const args = [
      '--data_dir', this.dataDir, ...(this.demo ? ['--demo'] : []), ...this.extraArgs,
      '--listen', `127.0.0.1:${this.grpcPort}`, '--port_file', portFile,
      '--http_listen', `127.0.0.1:${this.httpPort}`, '--http_port_file', httpPortFile,
      '--dashboard_dir', dashboardDir,
    ];
    this.log.write(`\n== coopd ${args.join(' ')}\n`);
    const child = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited = exited;
    const deadline = Date.now() + timeoutMs;
    let early = null;
    exited.then((status) => { early = status; });
    while (Date.now() < deadline) {
      if (early) throw new Error(`coopd exited before serving (${JSON.stringify(early)}); see coopd.log`);
      if (existsSync(portFile) && existsSync(httpPortFile)) {
        const grpc = Number(readFileSync(portFile, 'utf8').trim());
        const http = Number(readFileSync(httpPortFile, 'utf8').trim());
        if (grpc > 0 && http > 0 && await this.serving(grpc)) {
          this.grpcPort = grpc;
          this.httpPort = http;
          return;
        }
      }
      await sleep(250);
    }
    throw new Error(`coopd did not serve within ${timeoutMs / 1000} s; see coopd.log`);
  }

  async serving(port) {
    return new Promise((resolve) => {
      const probe = spawn(this.coopctl, ['--server', `127.0.0.1:${port}`, '--timeout', '2s', 'health'],
        { stdio: 'ignore' });
      probe.once('exit', (code) => resolve(code === 0));
      probe.once('error', () => resolve(false));
    });
  }

  // SIGTERM and wait (SIGKILL after 30 s).
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30000);
    await this.exited;
    clearTimeout(timer);
  }
}
