import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addCalendarDays, buildCalendar, civilDateOf, dueInstant, warningStartsAt, zonedInstant, type CalendarResponse } from '@hub/shared';
import { advanceHubClockPast, apiAs, logInAs, mainMaterialReceived } from './hub';

const TZ = 'Asia/Shanghai';
const PROJECT = '跨年数据中心项目';

/** What the tests share, in order: the running DRC item and the year its deadline falls in. */
const run = { projectId: '', code: '', itemId: '', acceptedAt: '', dueAt: '', year: 0 };

async function hubNow(api: APIRequestContext): Promise<Date> {
  return new Date((await (await api.get('/api/board')).json()).serverNow);
}

/** The calendar the hub uses now, compiled with the shared code the server runs. */
async function hubCalendar(api: APIRequestContext) {
  const { calendar, settings } = (await (await api.get('/api/calendar')).json()) as CalendarResponse;
  return { data: calendar, settings };
}

/** The table as the page shows it: department (or total) and each value, in column order. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('acc-row')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())));
}

test.describe.serial("the leaders' view", () => {
  test("R11 R25: an admin marks a holiday in next year's provisional calendar and publishes it; an open item's due instant moves on the leader's board, live", async ({
    browser,
    baseURL,
  }) => {
    const admin = await apiAs(baseURL!, 'admin');
    const windowApi = await apiAs(baseURL!, 'window');
    const leaderApi = await apiAs(baseURL!, 'leader');

    await test.step('29 December: the window accepts an item due in next year, whose calendar is still provisional', async () => {
      const now = await hubNow(admin);
      let year = Number(civilDateOf(now, TZ).slice(0, 4));
      if (zonedInstant(`${year}-12-29`, '10:00', TZ) <= now) year++;
      await advanceHubClockPast(admin, zonedInstant(`${year}-12-29`, '10:00', TZ).toISOString(), 0);
      const departments = (await (await windowApi.get('/api/departments')).json()) as { id: string; code: string }[];
      const id = (code: string) => departments.find((d) => d.code === code)!.id;
      const registered = await windowApi.post('/api/projects', {
        data: {
          name: PROJECT,
          owner: { name: '云汇数据科技有限公司', legalRepresentative: '顾云', contactName: '钱晓', contactPhone: '0571-86001234' },
          category: 'city_key',
          preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
          totalInvestment: { amount: '450000000', currency: 'CNY' },
          reportToHigherAuthority: false,
        },
      });
      expect(registered.status()).toBe(201);
      const project = await registered.json();
      const admitted = await (
        await leaderApi.post(`/api/projects/${project.id}/admission`, {
          data: { leadDepartmentId: id('DRC'), participatingDepartmentIds: [id('NRP')] },
        })
      ).json();
      const item = admitted.items.find((i: { isLead: boolean }) => i.isLead);
      await mainMaterialReceived(windowApi, item.id);
      const accepted = await (await windowApi.post(`/api/items/${item.id}/acceptance`)).json();
      Object.assign(run, {
        projectId: project.id,
        code: project.code,
        itemId: item.id,
        acceptedAt: accepted.acceptedAt,
        dueAt: accepted.dueAt,
        year: year + 1,
      });
      expect(accepted.provisional).toBe(true);
    });

    const board = await (await browser.newContext()).newPage();
    const cell = board.getByTestId(`cell-${run.code}-DRC`);
    await test.step("the leader's board shows the provisional due instant", async () => {
      await logInAs(board, 'leader');
      await expect(board.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
      await expect(cell).toHaveAttribute('data-due-at', run.dueAt);
      await expect(cell).toHaveAttribute('data-provisional', 'true');
    });

    const dueDay = civilDateOf(new Date(new Date(run.dueAt).getTime() - 1), TZ);
    const { data, settings } = await hubCalendar(admin);
    const edited = { ...data, days: [...data.days, { date: dueDay, kind: 'holiday' as const, name: '元旦调休' }] };
    const movedTo = dueInstant(new Date(run.acceptedAt), buildCalendar(edited), settings).dueAt.toISOString();
    expect(movedTo > run.dueAt).toBe(true);

    const desk = await (await browser.newContext()).newPage();
    await test.step('the admin marks the due day a holiday in the month grid: the board moves the deadline without a reload', async () => {
      await logInAs(desk, 'admin');
      await desk.getByTestId('nav-calendar').click();
      await desk.getByTestId('cal-year').selectOption(String(run.year));
      await expect(desk.getByTestId('cal-status')).toHaveAttribute('data-status', 'provisional');
      await desk.getByTestId(`day-${dueDay}`).click();
      await desk.getByTestId('cal-kind-holiday').check();
      await desk.getByTestId('cal-name').fill('元旦调休');
      await desk.getByTestId('cal-save').click();
      await expect(desk.getByTestId('cal-result')).toContainText(/已重新计算/);
      await expect(desk.getByTestId(`day-${dueDay}`)).toHaveAttribute('data-kind', 'holiday');
      await expect(cell).toHaveAttribute('data-due-at', movedTo);
      await expect(cell).toHaveAttribute('data-provisional', 'true');
    });

    await test.step('the admin publishes the year: the board drops the provisional mark, live', async () => {
      await desk.getByTestId('cal-publish').click();
      await desk.getByTestId('cal-publish-confirm').click();
      await expect(desk.getByTestId('cal-status')).toHaveAttribute('data-status', 'published');
      await expect(cell).toHaveAttribute('data-provisional', 'false');
      await expect(cell).toHaveAttribute('data-due-at', movedTo);
      await desk.getByTestId(`day-${addCalendarDays(dueDay, 1)}`).scrollIntoViewIfNeeded();
      await desk.screenshot({ path: 'e2e/artifacts/calendar-admin.png', fullPage: true });
    });

    await test.step('R5 R11: both changes are on the card; a user opens the deadline explanation', async () => {
      const card = (await (await leaderApi.get(`/api/projects/${run.projectId}/card`)).json()) as {
        action: string;
        detail: Record<string, string>;
      }[];
      const recomputed = card.filter((e) => e.action === 'item.deadline_recomputed');
      expect(recomputed.map((e) => [e.detail['calendarChange'], e.detail['toDueAt']])).toEqual([
        ['day_set', movedTo],
        ['year_published', movedTo],
      ]);
      run.dueAt = movedTo;
      await board.goto(`/projects/${run.projectId}`);
      await expect(board.locator('[data-testid="card-entry"][data-action="item.deadline_recomputed"]')).toHaveCount(2);
      await board.getByTestId('item-explain-DRC').click();
      await expect(board.getByTestId('deadline-explanation')).toContainText('元旦调休');
    });
  });

  test("R14a: the item's window opens: its liaison's inbox shows the warning live, and the board turns amber", async ({
    browser,
    baseURL,
  }) => {
    const admin = await apiAs(baseURL!, 'admin');
    // Not under test: earlier specs' alerts to DRC (e.g. its deemed consents) are read first, so the count is this warning's.
    const drc = await apiAs(baseURL!, 'liaison-drc');
    for (const a of (await (await drc.get('/api/alerts')).json()).alerts as { id: string; readAt: string | null }[]) {
      if (!a.readAt) expect((await drc.post(`/api/alerts/${a.id}/read`)).status()).toBe(200);
    }
    const liaison = await (await browser.newContext()).newPage();
    await logInAs(liaison, 'liaison-drc');
    await liaison.getByTestId('nav-alerts').click();
    await expect(liaison.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
    await expect(liaison.locator(`[data-testid="alert"][data-item-id="${run.itemId}"]`)).toHaveCount(0);

    const { data, settings } = await hubCalendar(admin);
    const opens = warningStartsAt(new Date(run.dueAt), buildCalendar(data), settings, new Date(run.acceptedAt));
    await advanceHubClockPast(admin, opens.toISOString(), 1000);

    const alert = liaison.locator(`[data-testid="alert"][data-item-id="${run.itemId}"]`);
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(PROJECT);
    await expect(liaison.getByTestId('nav-alerts-unread')).toHaveText(/1/);
    await liaison.getByTestId('nav-board').click();
    await expect(liaison.getByTestId(`cell-${run.code}-DRC`)).toHaveAttribute('data-status', /due_soon|due_today/);
    await liaison.getByTestId('nav-alerts').click();
    await alert.getByTestId('alert-read').click();
    await expect(alert).toHaveAttribute('data-read', 'true');
    await expect(liaison.getByTestId('nav-alerts-unread')).toHaveCount(0);
  });

  test('R21 R22: the accountability page shows charts and exports a file whose rows match the table; the circulation threshold is set in the settings page and a flagged department is circulated', async ({
    browser,
    baseURL,
  }) => {
    const admin = await apiAs(baseURL!, 'admin');
    const page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })).newPage();
    // The demo's running items were deemed to consent when the clock moved to 29 December.
    const year = run.year - 1;

    await test.step('the leader chooses the year and sees the table and the charts', async () => {
      await logInAs(page, 'leader');
      await page.getByTestId('nav-accountability').click();
      await page.getByTestId('acc-kind-year').check();
      await page.getByTestId('acc-year').fill(String(year));
      await page.getByTestId('acc-show').click();
      await expect(page.getByTestId('acc-generated')).toContainText(`${year}-01-01`);
      await expect(page.getByTestId('acc-row')).toHaveCount(5 + 1);
      for (const chart of ['chart-on-time', 'chart-deemed', 'chart-volume']) {
        await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
        await expect(page.getByTestId(chart).locator('svg path').first()).toBeAttached();
      }
      const deemed = await page.getByTestId('acc-row').filter({ hasText: '合计' }).locator('td[data-column="deemedConsents"]').innerText();
      expect(Number(deemed)).toBeGreaterThan(0);
    });

    await test.step('the CSV export lists exactly the rows of the table; the Excel file downloads too', async () => {
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('acc-export-csv').click()]);
      expect(csv.suggestedFilename()).toBe(`accountability_${year}-01-01_${year}-12-31.csv`);
      const text = await readFile(await csv.path());
      expect(text.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 BOM for Excel
      const lines = text.toString('utf8').slice(1).trimEnd().split('\r\n').slice(1);
      const fromCsv = lines.map((line) => {
        const [name, , ...values] = line.split(',');
        return [name === '合计 Total' ? '合计' : name!, ...values];
      });
      expect(fromCsv).toEqual(await tableRows(page));
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('acc-export-xlsx').click()]);
      expect(xlsx.suggestedFilename()).toBe(`accountability_${year}-01-01_${year}-12-31.xlsx`);
      expect((await readFile(await xlsx.path())).subarray(0, 2).toString()).toBe('PK');
      await page.getByTestId('acc-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'e2e/artifacts/accountability.png', fullPage: true });
    });

    const settings = await (await admin.get('/api/settings')).json();
    await test.step('the admin sets the circulation threshold to one in the settings page; the change is on record', async () => {
      const desk = await (await browser.newContext()).newPage();
      await logInAs(desk, 'admin');
      await desk.getByTestId('nav-settings').click();
      await expect(desk.getByTestId('settings-circulationThreshold')).toHaveValue(String(settings.circulationThreshold));
      await desk.getByTestId('settings-circulationThreshold').fill('1');
      await desk.getByTestId('settings-save').click();
      await expect(desk.getByTestId('settings-saved')).toBeVisible();
      await expect(desk.locator('[data-testid="change"][data-action="settings_changed"]').first()).toContainText(
        `circulationThreshold: ${settings.circulationThreshold} → 1`,
      );
    });

    await test.step('R22: with the threshold at one, DRC is flagged in the fourth quarter; the leader issues a numbered circulation report', async () => {
      await page.getByTestId('circ-year').fill(String(year));
      await page.getByTestId('circ-quarter').selectOption({ label: '第 4 季度' });
      await expect(page.getByTestId('circ-row-DRC')).toHaveAttribute('data-flagged', 'true');
      await page.getByTestId('circ-issue-DRC').click();
      await page.getByTestId('circ-remarks').fill('请于一周内提交整改报告。');
      await page.getByTestId('circ-confirm').click();
      await expect(page.getByTestId('circ-issued')).toContainText(/绿通通报〔\d{4}〕1号/);
      await page.getByTestId('circ-report-DRC').click();
      await expect(page.getByText('被通报部门')).toBeVisible();
      await expect(page.getByText('请于一周内提交整改报告。')).toBeVisible();
      expect((await admin.put('/api/settings', { data: settings })).status()).toBe(200);
    });
  });

  test('R25: the wall display reads from across the room, auto-scrolls, ticks live and survives a network drop without a reload', async ({
    browser,
    baseURL,
  }) => {
    const windowApi = await apiAs(baseURL!, 'window');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await context.newPage();
    await logInAs(wall, 'leader');
    await wall.getByTestId('nav-wall').click();
    await expect(wall).toHaveURL(/\/wall$/);
    await expect(wall.getByTestId('wall-live')).toHaveAttribute('data-state', 'live');
    await expect(wall.getByTestId(`wall-cell-${run.code}-DRC`)).toHaveAttribute('data-status', /due_soon|due_today/);
    await expect(wall.getByTestId('ticker-entry').first()).toBeVisible();
    const inChannel = Number(await wall.getByTestId('wall-in-channel').innerText());
    expect(inChannel).toBeGreaterThan(0);
    expect(Number(await wall.getByTestId('wall-deemed-month').innerText())).toBeGreaterThanOrEqual(0);

    await test.step('offline: the wall says so; a step taken meanwhile arrives once it is back, in order, without a reload', async () => {
      await context.setOffline(true);
      await expect(wall.getByTestId('wall-live')).toHaveAttribute('data-state', 'reconnecting', { timeout: 60_000 });
      const project = (await (await windowApi.get(`/api/projects/${run.projectId}`)).json()) as {
        items: { id: string; isLead: boolean }[];
      };
      const nrp = project.items.find((i) => !i.isLead)!;
      await mainMaterialReceived(windowApi, nrp.id);
      expect((await windowApi.post(`/api/items/${nrp.id}/acceptance`)).status()).toBe(200);
      await context.setOffline(false);
      await expect(wall.getByTestId('wall-live')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
      await expect(wall.getByTestId(`wall-cell-${run.code}-NRP`)).toHaveAttribute('data-status', /on_track|due_soon|due_today/);
      await expect(wall.getByTestId('ticker-entry').first()).toHaveAttribute('data-action', 'item.accepted');
    });

    await wall.waitForTimeout(800); // let the ticker's entry settle for a faithful picture
    await wall.screenshot({ path: 'e2e/artifacts/wall.png' });

    await test.step('with more than a screen holds, it moves on a screenful by itself (a jump, not a glide, under reduced motion)', async () => {
      await wall.emulateMedia({ reducedMotion: 'reduce' });
      await wall.setViewportSize({ width: 1024, height: 480 });
      const projects = wall.getByTestId('wall-projects');
      expect(await projects.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
      await expect.poll(() => projects.evaluate((e) => e.scrollTop), { timeout: 30_000 }).toBeGreaterThan(0);
    });
  });
});
