import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { URI, type TOTP } from 'otpauth';
import playwright, {
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { ensureDebianPackages, freePort, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { Platform, SERVICES } from './platform.js';

const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const SCREENSHOTS = join(process.cwd(), '.local', 'screenshots');
const PASSWORD = 'Quiet-River-2026!';
/** A 1×1 PNG: intake decides the type by content, so it must be a real image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** identity's bootstrap command, as README tells an operator to run it; the TOTP enrolment. */
function createAccount(platform: Platform, args: string[]): TOTP {
  const output = execFileSync(
    process.execPath,
    ['apps/identity/dist/cli.js', 'create-account', ...args],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ...platform.envOf('identity'),
        IDENTITY_BOOTSTRAP_PASSWORD: PASSWORD,
      },
      encoding: 'utf8',
    },
  );
  return URI.parse(/otpauth:\/\/\S+/.exec(output)![0]) as TOTP;
}

/** Waits for the element to show the text (pages update after the services answer). */
async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
  const shown = (await locator.first().textContent()) ?? '';
  if (typeof text === 'string') expect(shown).toContain(text);
  else expect(shown).toMatch(text);
}

describe('the web app in a real browser against the running platform', () => {
  const platform = new Platform();
  let web: ChildProcess;
  let base = '';
  let browser: Browser;
  let citizen: BrowserContext;
  let staff: BrowserContext;
  let analyst: BrowserContext;
  /** The staff tab: the session lives in the tab's sessionStorage, as in a real browser. */
  let staffPage: Page;
  const totp: Record<string, TOTP> = {};
  const submitted = { trackingCode: '', queryCode: '', petitionNumber: '' };
  const title = `小区门口道路坑洼 ${Date.now() % 100000}`;

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/console/login`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', PASSWORD);
    await page.fill('input[name="totpCode"]', totp[username].generate());
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/console\/(cases|dashboard|admin)/);
  }

  beforeAll(async () => {
    // Debian's chromium and a CJK font, from apt when missing (never a downloaded browser).
    ensureDebianPackages([CHROMIUM, CJK_FONT], ['chromium', 'fonts-wqy-microhei']);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await platform.start();
    totp['clerk-jinjiang'] = createAccount(platform, [
      '--username',
      'clerk-jinjiang',
      '--role',
      'clerk',
      '--division',
      '510104',
      '--organ',
      '510104-xfj',
    ]);
    totp['handler-zjj'] = createAccount(platform, [
      '--username',
      'handler-zjj',
      '--role',
      'handler',
      '--division',
      '510104',
      '--organ',
      '510104-zjj',
    ]);
    // A clerk's one-time code is not accepted twice, so the last pages are a supervisor's.
    totp['supervisor-jinjiang'] = createAccount(platform, [
      '--username',
      'supervisor-jinjiang',
      '--role',
      'supervisor',
      '--division',
      '510104',
      '--organ',
      '510104-xfj',
    ]);
    totp['sysadmin-jinjiang'] = createAccount(platform, [
      '--username',
      'sysadmin-jinjiang',
      '--role',
      'system-admin',
      '--division',
      '510104',
    ]);
    totp['analyst-jinjiang'] = createAccount(platform, [
      '--username',
      'analyst-jinjiang',
      '--role',
      'analyst',
      '--division',
      '510104',
    ]);

    const port = await freePort();
    const ports = Object.fromEntries(
      SERVICES.map((s) => [s.portVariable, String(platform.process(s.name).port)]),
    );
    web = spawn(process.execPath, ['apps/web/server/serve.mjs'], {
      env: {
        PATH: process.env.PATH ?? '',
        ...ports,
        WEB_PORT: String(port),
        WEB_HOST: '127.0.0.1',
      },
      stdio: 'ignore',
    });
    base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, {
      what: 'the web server',
    });
    browser = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    // The citizen on a phone; staff on desktops.
    citizen = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    staff = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    analyst = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    web?.kill('SIGTERM');
    await platform.stop();
  }, 60_000);

  it('proxies each service on the one origin: /api/<service>/health/live and /api/<service>/v1/…', async () => {
    // The text-analyser has no HTTP API, so the origin has no route to it.
    for (const { name } of SERVICES.filter((service) => !('stateless' in service))) {
      expect((await fetch(`${base}/api/${name}/health/live`)).status).toBe(200);
    }
    const categories = await fetch(`${base}/api/complaint-intake/v1/categories`);
    expect(categories.status).toBe(200);
    // A deep link of the single-page app is served the app, not a 404.
    const deepLink = await fetch(`${base}/console/cases/510104-2026-000001`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="app">');
  });

  it('lets a citizen on a phone submit a complaint with an attachment and shows the two codes once', async () => {
    const page = await citizen.newPage();
    await page.goto(base);
    await shot(page, '01-portal-home');
    await page.click('a[href="/rules"]');
    await page.waitForSelector('text=办理规则和时限');
    await shot(page, '02-portal-rules');
    await page.goto(`${base}/submit`);
    await page.waitForSelector('#category optgroup', { state: 'attached' });
    await page.fill('input[name="name"]', '王五');
    await page.fill('input[name="idNumber"]', makeResidentIdNumber('510104', '19800101', 7));
    await page.fill('input[name="phone"]', '13912345678');
    await page.selectOption('#division-province', '510000');
    await page.selectOption('#division-city', '510100');
    await page.selectOption('#division-county', '510104');
    const category = await page.locator('#category optgroup option').first().getAttribute('value');
    await page.selectOption('#category', category!);
    await page.fill('input[name="title"]', title);
    await page.fill('textarea[name="content"]', '锦江区某路段坑洼不平，雨天积水严重，请尽快修复。');
    await page.setInputFiles('#attachments', {
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    expect(await page.locator('.files li').count()).toBe(1);
    await page.fill('input[name="captchaAnswer"]', 'abcd');
    await shot(page, '03-portal-submit');
    await page.click('button[type="submit"]');
    const tracking = page.locator('[data-testid="tracking-code"]');
    await tracking.waitFor({ timeout: 30_000 });
    submitted.trackingCode = (await tracking.textContent())!.trim();
    submitted.queryCode = (await page.locator('[data-testid="query-code"]').textContent())!.trim();
    expect(submitted.trackingCode).toMatch(/^T/);
    expect(submitted.queryCode.length).toBeGreaterThan(3);
    expect(await page.textContent('body')).toContain('查询码只显示这一次');
    await shot(page, '04-portal-submitted');
  });

  it('lets a clerk sign in with password and TOTP, find the complaint in the worklist and transfer it', async () => {
    staffPage = await staff.newPage();
    const page = staffPage;
    await page.goto(`${base}/console/login`);
    await shot(page, '05-console-login');
    await signIn(page, 'clerk-jinjiang');
    await shot(page, '06-console-worklist');
    // Registration is asynchronous (intake → event → petition): refresh until the case is there.
    const row = page.locator('[data-testid="worklist"] tr', { hasText: title });
    await waitFor(
      async () => {
        await page.click('[data-testid="refresh"]');
        return (await row.count()) > 0;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the case in the clerk’s worklist' },
    );
    await shot(page, '06-console-worklist');
    const link = row.locator('a').first();
    submitted.petitionNumber = (await link.textContent())!.trim();
    expect(submitted.petitionNumber).toMatch(/^510104-\d{4}-\d{6}$/);
    await link.click();
    await page.click('button[data-action="transfer"]');
    await page.click('[data-field="leadOrganId"]');
    await page.keyboard.type('510104-zjj');
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: '510104-zjj' })
      .first()
      .click();
    await page.click('[data-testid="confirm-action"]');
    await expectText(page.locator('[data-testid="case-status"]'), '已转送');
    await shot(page, '07-console-case-transferred');
  });

  it('lets the responsible organ’s handler accept the case and reply', async () => {
    const page = staffPage;
    // Signing out ends the clerk's session; the handler signs in in the same tab.
    await page.click('text=退出');
    await page.waitForURL(/\/console\/login/);
    await signIn(page, 'handler-zjj');
    await page.goto(`${base}/console/cases/${submitted.petitionNumber}`);
    await page.click('button[data-action="accept"]');
    await page.click('[data-testid="confirm-action"]');
    await expectText(page.locator('[data-testid="case-status"]'), '已受理');
    await page.click('button[data-action="reply"]');
    await page.fill(
      'textarea[name="opinion"]',
      '经现场核查，已安排对该路段进行修补，预计本周内完工。',
    );
    await page.click('[data-testid="confirm-action"]');
    await expectText(page.locator('[data-testid="case-status"]'), '已答复');
    await expectText(page.locator('[data-testid="case-timeline"]'), '答复');
    await shot(page, '08-console-case-replied');
  });

  it('shows the citizen the reply with its notice, takes the rating, and the dashboard’s rates move', async () => {
    const dashboard = await analyst.newPage();
    await signIn(dashboard, 'analyst-jinjiang');
    await dashboard.goto(`${base}/console/dashboard`);
    const statistics = await fetch(`${base}/api/statistics/v1/statistics/rates`, {
      headers: { authorization: 'Bearer x' },
    });
    // Until the statistics API exists, the dashboard must say it is unavailable rather than fail.
    const statisticsBuilt = statistics.status !== 404;
    const countBefore = statisticsBuilt
      ? await dashboard.locator('[data-testid="rate-satisfaction-count"]').textContent()
      : null;

    const page = await citizen.newPage();
    await page.goto(`${base}/track?code=${submitted.trackingCode}`);
    await page.fill('#query-code', submitted.queryCode);
    await waitFor(
      async () => {
        await page.click('button[type="submit"]');
        await page.locator('[data-testid="complaint-status"]').waitFor();
        return (await page.locator('[data-testid="complaint-status"]').textContent())?.includes(
          '答复',
        );
      },
      { timeoutMs: 60_000, intervalMs: 1_500, what: 'the reply to reach the citizen' },
    );
    await expectText(page.locator('[data-testid="timeline"]'), '修补');
    await shot(page, '09-portal-track-replied');
    for (const group of ['对信访工作机构', '对责任单位']) {
      await page
        .locator('fieldset', { hasText: group })
        .getByRole('radio', { name: '满意', exact: true })
        .check({ force: true });
    }
    await page.click('text=提交评价');
    await expectText(page.locator('[data-testid="rated"]'), '满意');
    await shot(page, '10-portal-rated');

    if (statisticsBuilt) {
      await waitFor(
        async () => {
          await dashboard.click('text=刷新');
          const now = await dashboard
            .locator('[data-testid="rate-satisfaction-count"]')
            .textContent();
          return now !== countBefore;
        },
        { timeoutMs: 60_000, intervalMs: 2_000, what: 'the satisfaction rate to move' },
      );
    } else {
      await expectText(dashboard.locator('[role="alert"]'), '统计服务暂不可用');
    }
    await shot(dashboard, '11-console-dashboard');
  });

  it('renders the booking page, the leader message desk and the reception calendar', async () => {
    const page = await citizen.newPage();
    await page.goto(`${base}/booking`);
    await page.selectOption('#booking-division-province', '510000');
    await page.selectOption('#booking-division-city', '510100');
    await page.selectOption('#booking-division-county', '510104');
    await page.click('text=查看接访日');
    await expectText(page.locator('body'), /接访日|视频接访/);
    await shot(page, '12-portal-booking');

    const desk = await staff.newPage();
    await signIn(desk, 'supervisor-jinjiang');
    await desk.goto(`${base}/console/messages`);
    await expectText(desk.locator('h1'), '领导留言办理');
    await shot(desk, '13-console-messages');
    await desk.goto(`${base}/console/reception`);
    await desk.locator('.el-calendar').waitFor({ state: 'visible' });
    await shot(desk, '14-console-reception');
  });

  it('lets the system administrator register an API client (接入方), its secret shown once, and lists the leader mailboxes', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await signIn(page, 'sysadmin-jinjiang');
    await page.goto(`${base}/console/admin`);
    await page.click('#tab-clients');
    await page.fill('input[name="clientName"]', '锦江区网格平台');
    await page.click('[data-testid="client-form"] label:has-text("提交诉求")');
    await page.fill('input[name="clientDivisions"]', '510104');
    await page.click('[data-testid="client-form"] button[type="submit"]');
    await expectText(page.locator('[data-testid="client-credentials"]'), '密钥只显示这一次');
    expect(
      ((await page.locator('[data-testid="client-secret"]').textContent()) ?? '').trim(),
    ).not.toBe('');
    await expectText(page.locator('[data-testid="client-table"]'), '锦江区网格平台');
    await shot(page, '15-console-admin-clients');
    await context.close();

    const portal = await citizen.newPage();
    await portal.goto(`${base}/mailboxes`);
    await expectText(portal.locator('h1'), '领导信箱');
    await portal.locator('[data-testid="mailboxes"]').waitFor({ state: 'attached' });
    await shot(portal, '16-portal-mailboxes');
  });
});
