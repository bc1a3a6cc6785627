// What every flow needs: the built bundle on a local port, Debian's chromium, and a page whose
// Tauri IPC is the fake backend.
import { createServer } from 'node:http';
import { readFile, mkdir, stat } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { installFakeTauri } from './fake-backend.mjs';
import { installFakeAccess } from './fake-access.mjs';
import { installFakeLeads } from './fake-leads.mjs';
import { installFakeOpportunities } from './fake-opportunities.mjs';
import { installFakeWorkflow } from './fake-workflow.mjs';
import { installFakeService } from './fake-service.mjs';
import { deskSeed, installFakeDesk } from './fake-desk.mjs';
import { seed } from './fake-data.mjs';

const UI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
// FLOWS_DIST lets several builds be tried side by side (e.g. `vite build --outDir /tmp/x`).
const DIST = process.env.FLOWS_DIST ?? join(UI_DIR, 'dist');
export const RESULTS = join(UI_DIR, 'test-results');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves ui/dist on 127.0.0.1 at a free port; resolves to its base URL and a stop function. */
export async function serveDist() {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('ui/dist is missing: run `npm run build` first');
  });
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, stop: () => new Promise((r) => server.close(r)) };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A fresh page of the app at `hash` (e.g. "#/customers") over a fresh fake backend, signed in as
 * the administrator unless `signedIn` names someone else or is null. Page errors are collected
 * so a flow can assert that none happened.
 */
export async function openApp(browser, baseUrl, { hash = '#/customers', locale = 'zh-CN', ...seedOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const state = seed(seedOptions);
  // The access part first: the backend asks it for the session and the admin commands.
  await page.addInitScript(installFakeAccess, state.access);
  await page.addInitScript(installFakeLeads, state.leads ?? {});
  await page.addInitScript(installFakeOpportunities, state.opportunities ?? {});
  await page.addInitScript(installFakeService, state.service ?? {});
  await page.addInitScript(installFakeDesk, deskSeed());
  await page.addInitScript(installFakeWorkflow, state.workflow ?? {});
  await page.addInitScript(installFakeTauri, state);
  await page.goto(baseUrl + hash);
  return { page, context, errors };
}

export async function screenshot(page, name) {
  await mkdir(RESULTS, { recursive: true });
  // Let antd's motion settle so the picture shows the finished state.
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** The calls the page made to the fake backend, for asserting on what was sent. */
export function backendCalls(page, cmd) {
  return page.evaluate((c) => window.__FAKE_CRM__.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
}
