// The admin GUI end to end: the built pages in Chromium against a real server with seeded models, traffic, rules and
// alerts. Each test saves a screenshot (see SCREENSHOT_DIR) for a person to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../fixtures/backends.js';
import { MODEL } from '../fixtures/serving.js';
import { ensureUiBuilt, launchChromium, pageErrors, screenshot, signedInPage } from './gui-browser.js';
import { creditRules, MONITORED, RULE_SET, SCORER, startGuiServer, UNDEPLOYED, type GuiServer } from './gui-seed.js';

const sqlite = testBackends().find((b) => b.name === 'sqlite')!;

describe('the admin GUI in a browser', () => {
  let gui: GuiServer;
  let browser: Browser;
  const pages: Page[] = [];
  const open = async (role: keyof GuiServer['keys'] = 'admin', beforeSignIn?: (page: Page) => Promise<unknown>) => {
    const page = await signedInPage(browser, gui.url, gui.keys[role], beforeSignIn);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    ensureUiBuilt();
    [gui, browser] = await Promise.all([startGuiServer(sqlite), launchChromium()]);
  }, 120_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) {
      expect(pageErrors(page), 'script errors in the page').toEqual([]);
      await page.context().close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await gui?.close();
  });

  it('signs in with an API key, lists the models with their health, and offers a viewer no changes', async () => {
    const page = await open('admin', (signIn) => screenshot(signIn, '00-sign-in'));
    const monitored = page.locator(`tr[data-model="${MONITORED}"]`);
    await expect.poll(() => monitored.textContent()).toContain('v1');
    expect(await monitored.locator('.alert-count').textContent()).toBe('1');
    expect(await page.locator('tbody tr').count()).toBe(5);
    expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(1);
    await screenshot(page, '01-models');

    const viewer = await open('viewer');
    await viewer.getByRole('link', { name: MODEL, exact: true }).click();
    await viewer.getByRole('heading', { name: 'Versions' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Promote' }).count()).toBe(0);
    expect(await viewer.locator('.whoami').textContent()).toContain('viewer');
  });

  it('promotes a version after a confirmation that says what will happen, and shows the new stages', async () => {
    const page = await open('deployer');
    await page.getByRole('link', { name: MODEL, exact: true }).click();
    await page.locator('tr[data-version="2"]').getByRole('button', { name: 'Promote' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(`Promote ${MODEL} v2 to production? v1 will be decommissioned and drained.`);
    expect(await dialog.textContent()).toContain('v2 moves through staging first.');
    await dialog.getByLabel('Reason (kept in the audit log)').fill('beats v1 on the holdout');
    await screenshot(page, '02-promote-confirmation');
    await dialog.getByRole('button', { name: 'Promote' }).click();
    await page.getByRole('status').filter({ hasText: 'is in production' }).waitFor();
    await expect.poll(() => page.locator('tr[data-version="2"] [data-stage]').textContent()).toBe('production');
    expect(await page.locator('tr[data-version="1"] [data-stage]').textContent()).toBe('decommissioned');
    expect(await page.locator('.events').textContent()).toContain('beats v1 on the holdout');
    await screenshot(page, '03-model-after-promotion');
    const versions = await gui.seeded.registry.listVersions(MODEL);
    expect(versions.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:decommissioned', '2:production']);
  });

  it("holds a deployer's promotion in the approval queue until another admin approves it", async () => {
    const admin = await open('admin');
    await admin.getByRole('link', { name: UNDEPLOYED, exact: true }).click();
    await admin.getByRole('button', { name: 'Require approval' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Require approval' }).click();
    await admin.getByRole('status').filter({ hasText: 'Promotions now need a second admin.' }).waitFor();

    const deployer = await open('deployer');
    await deployer.getByRole('link', { name: UNDEPLOYED, exact: true }).click();
    await deployer.locator('tr[data-version="1"]').getByRole('button', { name: 'Request promotion' }).click();
    const request = deployer.getByRole('dialog');
    expect(await request.textContent()).toContain("requires a second admin's approval for production: this files a request in the approval queue, and nothing changes until another admin approves it.");
    await request.getByRole('textbox').fill('ready for production');
    await request.getByRole('button', { name: 'Request approval' }).click();
    await deployer.getByRole('status').filter({ hasText: 'waits in the approval queue' }).waitFor();
    expect(await deployer.locator('tr[data-version="1"] [data-stage]').textContent()).toBe('registered');

    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    const waiting = admin.getByRole('status').filter({ hasText: "1 promotion waits for an admin's approval" });
    await waiting.getByRole('link', { name: `${UNDEPLOYED} v1` }).click();
    const queue = admin.getByRole('region', { name: 'Approval queue' });
    await queue.getByText('ready for production').waitFor();
    await screenshot(admin, '04-approval-queue');
    await queue.getByRole('button', { name: 'Approve' }).click();
    const approve = admin.getByRole('dialog');
    await approve.getByRole('textbox').fill('checked the evaluation');
    await approve.getByRole('button', { name: 'Approve and promote' }).click();
    await expect.poll(() => admin.locator('tr[data-version="1"] [data-stage]').textContent()).toBe('production');
    expect(await queue.textContent()).toContain('No promotion waits for approval.');
  });

  it('sets a canary after confirming the split, and shows it', async () => {
    const page = await open('deployer');
    await page.getByRole('link', { name: MONITORED, exact: true }).click();
    const form = page.getByRole('form', { name: 'Set canary' });
    await form.locator('select').selectOption('2');
    await form.locator('input').fill('10');
    await form.getByRole('button', { name: 'Set canary…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('v2 answers 10% of requests that do not pin a version; v1 (production) answers the other 90%.');
    await dialog.getByRole('button', { name: 'Set canary' }).click();
    await page.locator('.traffic-canary').filter({ hasText: 'v2 canary 10%' }).waitFor();
    await screenshot(page, '05-canary');
    const traffic = await gui.seeded.stores.traffic.getTraffic(MONITORED);
    expect(traffic?.canary).toEqual({ version: 2, percent: 10 });
  });

  it('searches the prediction log, opens a prediction to see the rule that decided it, replays and explains it', async () => {
    const page = await open('viewer');
    await page.getByRole('link', { name: 'Predictions' }).click();
    const search = page.getByRole('search', { name: 'Search predictions' });
    await search.getByLabel('Model').fill(SCORER);
    await search.getByLabel('Input feature').fill('x1');
    await search.getByLabel('equals').fill('2');
    await search.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('tr[data-prediction]');
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, '06-prediction-search');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Decided by' }).waitFor();
    expect(await page.locator('.decision').textContent()).toContain(`rule scored sent it to the model`);
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.locator('.replay-result[data-verdict="identical"]').waitFor();
    expect(await page.locator('.replay-result .pill').textContent()).toBe('Identical: yes');
    await page.getByRole('img', { name: 'Contribution of each feature to the prediction' }).waitFor();
    expect(await page.locator('.sentences').textContent()).toMatch(/x1|x2|x3/);
    await screenshot(page, '07-prediction-detail');
  });

  it('shows a syntax error in the rule editor where it is, with its line and column', async () => {
    const page = await open('deployer');
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('link', { name: RULE_SET }).click();
    const editor = page.getByLabel('Rule set source');
    await editor.fill(creditRules(10).replace("features.segment == 'vip'", "features.segment = 'vip'"));
    await page.getByRole('button', { name: 'Check and dry run' }).click();
    const marked = page.locator('.gutter-line.error');
    await marked.first().waitFor();
    expect(await marked.allTextContents()).toEqual(['●8']);
    expect(await page.locator('.backdrop-line.error .inline-message').textContent()).toMatch(/◀ .+/);
    expect(await page.getByRole('list', { name: 'Problems in the rule set' }).textContent()).toMatch(/^line 8, column \d+: /);
    await screenshot(page, '08-rule-syntax-error');
  });

  it('dry-runs a rule change against logged decisions, deploys it and shows the diff', async () => {
    const page = await open('deployer');
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('link', { name: RULE_SET }).click();
    await page.getByLabel('Rule set source').fill(creditRules(14));
    await page.getByRole('button', { name: 'Check and dry run' }).click();
    const headline = page.locator('.dry-run-headline');
    await headline.waitFor();
    expect(await headline.textContent()).toMatch(/^1 of 3 decisions would change/);
    expect(await page.locator('.dry-run').textContent()).toContain('scored');
    await screenshot(page, '09-rule-dry-run');
    await page.getByRole('button', { name: 'Deploy…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('The dry run found that 1 of 3 recent decisions would change.');
    await dialog.getByRole('textbox').fill('review from 14');
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await page.getByRole('status').filter({ hasText: `Deployed ${RULE_SET} v2.` }).waitFor();
    await page.locator('tr[data-version="2"]').waitFor();
    const diff = page.getByLabel('Changes from v1 to v2');
    await expect.poll(() => diff.locator('.diff-added').allTextContents()).toEqual([`+     set: { decision: "output.value >= 14 ? 'review' : 'approve'" }`]);
    await screenshot(page, '10-rule-deployed');
    expect((await gui.seeded.stores.ruleSets.get(RULE_SET))?.version).toBe(2);
  });

  it('shows drift, performance and a firing alert on the monitoring page, and silences the alert', async () => {
    const page = await open('deployer');
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('combobox', { name: 'Model' }).selectOption(MONITORED);
    const alert = page.locator('tr[data-rule="x1-drift"]');
    await expect.poll(() => alert.locator('.pill').textContent()).toBe('Firing');
    expect(await page.locator('tr[data-feature="x1"] .pill').textContent()).toBe('Drifted');
    await page.getByRole('img', { name: 'Distribution of x1: reference vs current' }).waitFor();
    await page.getByRole('img', { name: 'Drift statistic of x1 over time with its threshold' }).waitFor();
    await screenshot(page, '11-monitoring-firing');
    await alert.getByRole('combobox', { name: 'Silence for' }).selectOption('4h');
    await alert.getByRole('button', { name: 'Silence…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(`Silence “x1-drift” on ${MONITORED} for 4h?`);
    await dialog.getByRole('button', { name: 'Silence for 4h' }).click();
    // Still firing (its state is tracked), but silenced: no notifications until then.
    await expect.poll(() => alert.locator('.pill').allTextContents()).toEqual(['Firing', 'Silenced']);
    expect(await alert.textContent()).toMatch(/until \w{3} \d+, \d{4}/);
    await screenshot(page, '12-monitoring-silenced');
  });

  it('shows archived versions with their verification, the audit log and the API keys', async () => {
    const page = await open('admin');
    await page.getByRole('link', { name: 'Archive' }).click();
    await page.locator('tr', { hasText: 'delivery-eta' }).getByText('Verified').waitFor();
    await screenshot(page, '13-archive');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Model').fill('delivery-eta');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('delivery-eta');
    await screenshot(page, '14-audit');
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('name').fill('ci pipeline');
    await page.getByRole('button', { name: 'Create…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    expect(await page.getByTestId('new-key').textContent()).toMatch(/^psk_[0-9a-f]{16}_/);
    await screenshot(page, '15-keys');
  });
});
