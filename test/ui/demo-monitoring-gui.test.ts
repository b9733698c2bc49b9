// The monitoring page right after `pitstop demo --no-serve`, opened as a new user would: `pitstop serve` on the demo's
// home, the GUI in Chromium signed in with the key the demo printed. It shows what the demo printed: distance_km
// drifted, the rmse rising from the clear-weather window to the rainy one, and both alerts firing. The screenshot is
// kept in test-artifacts/ for a person to look at.
import path from 'node:path';
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringReport } from '../../src/monitoring/index.js';
import { envWithoutPitstopSettings, runCli } from '../fixtures/run-cli.js';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.js';
import { tempDir } from '../fixtures/test-databases.js';
import { ARTIFACT_DIR, ensureUiBuilt, launchChromium, pageErrors, screenshot, signedInPage } from './gui-browser.js';

const MODEL = 'delivery-eta';

describe('the monitoring page after `pitstop demo --no-serve`', () => {
  let parent: string;
  let server: ServerProcess;
  let browser: Browser;
  let key: string;
  let page: Page;

  beforeAll(async () => {
    ensureUiBuilt();
    parent = await tempDir('pitstop-demo-gui-');
    const home = path.join(parent, 'pitstop-demo');
    const [demo, chromium] = await Promise.all([runCli(['demo', '--no-serve', '--home', home], { env: envWithoutPitstopSettings() }), launchChromium()]);
    browser = chromium;
    expect(demo.code, demo.stderr).toBe(0);
    key = /Admin API key \(shown once.*\): (psk_\S+)/.exec(demo.stdout)![1]!;
    server = await startServerProcess({ PITSTOP_HOME: home });
  }, 180_000);
  afterAll(async () => {
    if (page) expect(pageErrors(page), 'script errors in the page').toEqual([]);
    await browser?.close();
    await server?.stop();
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('answers GET /admin/models/{name}/monitoring with the drift, the timeline and both alerts', async () => {
    const answer = await fetch(`${server.url}/admin/models/${MODEL}/monitoring`, { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as MonitoringReport;
    expect(report.drift.map((d) => d.version)).toEqual([1]);
    expect(report.timeline.filter((p) => p.version === 1).length).toBeGreaterThanOrEqual(2);
    expect(report.alerts.map((a) => `${a.rule} ${a.to}`).sort()).toEqual(['distance-drift firing', 'eta-error-high firing']);
  });

  it('shows the drift chart, the rmse rising and both alerts firing, on v1 (archived) by default', async () => {
    page = await signedInPage(browser, server.url, key);
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('tab', { selected: true }).filter({ hasText: 'v1 · archived' }).waitFor();

    expect(await page.locator('tr[data-feature="distance_km"] .pill').textContent()).toBe('Drifted');
    await page.getByRole('img', { name: 'Distribution of distance_km: reference vs current' }).waitFor();
    await page.getByRole('img', { name: 'Drift statistic of distance_km over time with its threshold' }).waitFor();

    await page.getByRole('img', { name: 'Performance per window with label coverage' }).waitFor();
    const rmse = /^rmse: ([\d.]+) in the first window → ([\d.]+) in the latest/.exec((await page.locator('.performance-summary').first().textContent()) ?? '');
    expect(rmse, 'the rmse line above the performance chart').not.toBeNull();
    expect(Number(rmse![1])).toBeLessThan(6);
    expect(Number(rmse![2])).toBeGreaterThan(6);

    for (const rule of ['eta-error-high', 'distance-drift']) expect(await page.locator(`tr[data-rule="${rule}"] .pill`).first().textContent()).toBe('Firing');
    expect(await page.getByText('2 of 2 rules are firing.').count()).toBe(1);
    const history = page.locator('h3:has-text("Firing history") + table tbody tr');
    expect(await history.count()).toBe(2);
    for (const row of await history.allTextContents()) expect(row).toContain('inactive → firing');

    const file = await screenshot(page, 'demo-monitoring', ARTIFACT_DIR);
    console.log(`screenshot of the monitoring page after the demo: ${file}`);
  });
});
