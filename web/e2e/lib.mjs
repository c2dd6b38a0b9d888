// The end-to-end harness's parts: a real `callcenter serve --demo` on a free
// loopback port (bots and generated traffic off: calls are injected through
// the sim-control API, so every run sees the same centre), an API client for
// the set-up steps, Debian's chromium through playwright-core, and small
// waiting helpers (playwright-core has no `expect`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '../..');

export class Server {
  static async start({ binary, webRoot }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-'));
    const args = ['--log-level', 'warn', 'serve', '--demo', '--no-bots', '--no-traffic', '--listen', '127.0.0.1:0', '--data-dir', dataDir,
      '--web-root', webRoot, '--fast-passwords'];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new Server(child, dataDir);
    await server.ready();
    return server;
  }

  constructor(child, dataDir) {
    this.child = child;
    this.dataDir = dataDir;
    this.out = '';
    this.err = '';
    child.stdout.on('data', (d) => (this.out += d));
    child.stderr.on('data', (d) => (this.err += d));
  }

  async ready() {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const port = /listening http=([\d.]+):(\d+)/.exec(this.out);
      const admin = /administrator login 'admin', password '([^']+)'/.exec(this.out);
      const logins = join(this.dataDir, 'demo-logins.json');
      if (port && admin && existsSync(logins) && this.out.includes('demo centre')) {
        this.base = `http://${port[1]}:${port[2]}`;
        this.passwords = { admin: admin[1] };
        for (const l of JSON.parse(readFileSync(logins, 'utf8'))) this.passwords[l.login] = l.password;
        return;
      }
      if (this.child.exitCode !== null) throw new Error(`server exited ${this.child.exitCode}:\n${this.out}\n${this.err}`);
      await sleep(100);
    }
    throw new Error(`server did not start in 60 s:\n${this.out}\n${this.err}`);
  }

  async stop() {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => { this.child.kill('SIGKILL'); r(); }, 10_000);
        this.child.once('exit', () => { clearTimeout(timer); r(); });
      });
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// A signed-in API client (cookie + CSRF), for set-up and for reading the truth.
export class Api {
  static async login(base, login, password) {
    const api = new Api(base);
    const r = await fetch(`${base}/api/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    if (!r.ok) throw new Error(`login ${login}: ${r.status} ${await r.text()}`);
    api.cookie = r.headers.get('set-cookie').split(';')[0];
    api.csrf = (await r.json()).csrf_token;
    return api;
  }
  constructor(base) { this.base = base; }
  async send(method, path, body) {
    const headers = { Cookie: this.cookie, 'X-CSRF-Token': this.csrf };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  get(path) { return this.send('GET', path); }
  post(path, body = {}) { return this.send('POST', path, body); }
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

export async function launchBrowser(locale = 'ru-RU') {
  return chromium.launch({
    executablePath: process.env.CC_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
      `--lang=${locale}`],
    env: { ...process.env, LANG: `${locale.replace('-', '_')}.UTF-8`, LANGUAGE: locale.replace('-', '_') },
  });
}

// Polls `probe` until it returns a truthy value; fails with `what` and the last value.
export async function until(what, probe, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last seen: ${JSON.stringify(last)})`);
}

export async function attrIs(locator, name, value, timeout) {
  return until(`${locator} [${name}=${value}]`, async () => (await locator.getAttribute(name, { timeout: 500 })) === value, timeout);
}

export async function textHas(locator, text, timeout) {
  return until(`${locator} to contain "${text}"`, async () => (await locator.innerText({ timeout: 500 })).includes(text), timeout);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function ensureDir(path) {
  mkdirSync(path, { recursive: true });
}
