import { expect, test, type APIRequestContext } from '@playwright/test';
import { buildCalendar, earliestBindingStart } from '@hub/shared';
import { advanceHubClockPast, apiAs, logInAs, mainMaterialReceived } from './hub';

/** A project with these departments (first is lead), every item accepted; returns it and its items by department code. */
async function runningProject(window: APIRequestContext, leader: APIRequestContext, name: string, codes: string[], accept = true) {
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  const registered = await window.post('/api/projects', {
    data: {
      name,
      owner: { name: '东湖新材料有限公司', legalRepresentative: '王东', contactName: '李湖', contactPhone: '0571-88886666' },
      category: 'city_key',
      preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
      totalInvestment: { amount: '380000000.00', currency: 'CNY' },
      reportToHigherAuthority: false,
    },
  });
  expect(registered.status()).toBe(201);
  const project = await registered.json();
  const admitted = await leader.post(`/api/projects/${project.id}/admission`, {
    data: { leadDepartmentId: dept(codes[0]!), participatingDepartmentIds: codes.slice(1).map(dept) },
  });
  expect(admitted.status()).toBe(200);
  const items: Record<string, { id: string }> = {};
  for (const item of (await admitted.json()).items as { id: string; departmentId: string }[]) {
    const code = departments.find((d) => d.id === item.departmentId)!.code;
    items[code] = item;
    if (!accept) continue;
    await mainMaterialReceived(window, item.id);
    expect((await window.post(`/api/items/${item.id}/acceptance`)).status()).toBe(200);
  }
  return { project: project as { id: string; code: string }, items };
}

test('R10 R15 R15a R19: the liaison lands on its to-do desk, decides explicitly, and a banner calls it to the meeting — join now records it present', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const window = await apiAs(baseURL!, 'window');
  const leader = await apiAs(baseURL!, 'leader');
  const admin = await apiAs(baseURL!, 'admin');
  const { project, items } = await runningProject(window, leader, '新材料产业园联络员待办', ['DRC', 'HUD']);
  const liaison = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

  await test.step("R10: the HUD liaison lands on its desk; its item is listed with its deadline as time left, DRC's is not", async () => {
    await logInAs(liaison, 'liaison-hud');
    await expect(liaison.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
    const row = liaison.locator(`[data-testid="desk-item"][data-item-id="${items['HUD']!.id}"]`);
    await expect(row).toBeVisible();
    await expect(liaison.locator(`[data-testid="desk-item"][data-item-id="${items['DRC']!.id}"]`)).toHaveCount(0);
    await expect(row.locator('.countdown-left')).toHaveText(/剩 \d+ 个工作日|今日到期，剩/);
    await expect(row.locator('.countdown-left')).not.toHaveText(/\d{2}:\d{2}:\d{2}/);
  });

  let meetingId = '';
  let startsAt = '';
  await test.step('R15a: the window convenes a meeting with notice; half an hour before the start the banner calls HUD', async () => {
    const serverNow = new Date((await (await window.get('/api/board')).json()).serverNow);
    const calendar = buildCalendar((await (await window.get('/api/calendar')).json()).calendar);
    const start = new Date(earliestBindingStart(serverNow, calendar, 'Asia/Shanghai', 1).getTime() + 5 * 60_000);
    const convened = await window.post(`/api/projects/${project.id}/meetings`, {
      data: { kind: 'coordination', title: '新材料产业园协调会', startsAt: start.toISOString(), online: true },
    });
    expect(convened.status()).toBe(201);
    meetingId = (await convened.json()).id;
    startsAt = (await convened.json()).startsAt;
    await expect(liaison.getByTestId('invitation-banner')).toHaveCount(0); // a working day ahead: not yet
    await advanceHubClockPast(admin, startsAt, -30 * 60_000);
    // The test clock jumped: the page reads the hub's clock again (a real clock needs no reload).
    await liaison.reload();
    const banner = liaison.locator(`[data-testid="invitation-banner"][data-meeting-id="${meetingId}"]`);
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('新材料产业园协调会');
    await expect(banner).toContainText('视为默认许可');
    await liaison.screenshot({ path: 'e2e/artifacts/desk-liaison-banner.png', fullPage: true });
  });

  await test.step('R19: join now enters the room; when the window opens it, HUD is recorded present and the banner goes', async () => {
    await liaison.getByTestId('invitation-join').click();
    await expect(liaison).toHaveURL(new RegExp(`/meetings/${meetingId}$`));
    expect((await window.post(`/api/meetings/${meetingId}/opening`)).status()).toBe(200);
    await expect(liaison.getByTestId('roll-present').getByTestId('roll-HUD')).toBeVisible();
    await expect(liaison.getByTestId('invitation-banner')).toHaveCount(0);
  });

  await test.step('R10 R18: back at the desk, a decision has nothing preselected and states its consequence before it binds', async () => {
    await liaison.getByTestId('nav-desk').click();
    const row = liaison.locator(`[data-testid="desk-item"][data-item-id="${items['HUD']!.id}"]`);
    await row.getByTestId('desk-decide').click();
    await expect(row.getByTestId('decision-approve-HUD')).not.toBeChecked();
    await expect(row.getByTestId('decision-reject-HUD')).not.toBeChecked();
    await row.getByTestId('decision-reject-HUD').check();
    await row.getByTestId('decision-submit-HUD').click();
    await expect(row.locator('[data-field="basis"]')).toBeVisible(); // R18: no refusal without its legal basis
    await row.getByTestId('decision-approve-HUD').check();
    await row.getByTestId('decision-submit-HUD').click();
    await expect(row.getByTestId('decision-consequence-HUD')).toContainText('不能撤回');
    await liaison.screenshot({ path: 'e2e/artifacts/desk-decision-confirm.png', fullPage: true });
    await row.getByTestId('decision-confirm-HUD').click();
    await expect(row).toHaveCount(0); // decided: off the to-do list, live
  });
});

test("R16: the leader's inbox lists the explanation to rule on; the ruling form preselects nothing and confirms its consequence", async ({
  browser,
  baseURL,
}) => {
  const window = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const { items } = await runningProject(window, leaderApi, '新材料产业园领导裁定', ['DRC', 'EMB']);
  const emb = await apiAs(baseURL!, 'liaison-emb');
  expect((await emb.post(`/api/items/${items['EMB']!.id}/explanations`, { data: { text: '需等待省级部门意见' } })).status()).toBe(201);

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await logInAs(page, 'leader');
  await page.getByTestId('nav-inbox').click();
  const entry = page.locator(`[data-testid="inbox-ruling"][data-item-id="${items['EMB']!.id}"]`);
  await expect(entry).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/inbox-leader.png', fullPage: true });
  await entry.getByRole('link').click();
  await page.getByTestId('item-action-rule-EMB').click();
  await expect(page.getByTestId('ruling-accept')).not.toBeChecked();
  await expect(page.getByTestId('ruling-reject')).not.toBeChecked();
  await expect(page.getByTestId('new-due')).toHaveCount(0); // no due instant before "accept" is chosen
  await page.getByTestId('ruling-accept').check();
  await expect(page.getByTestId('new-due')).toHaveValue(''); // and none prefilled then
  await page.getByTestId('ruling-reject').check();
  await page.getByTestId('deadline-submit').click();
  await expect(page.getByTestId('deadline-consequence')).toContainText('视为默认许可');
  await page.getByTestId('deadline-confirm').click();
  await expect(page.getByTestId('deadline-form-rule')).toHaveCount(0);
  await page.getByTestId('nav-inbox').click();
  await expect(page.locator(`[data-testid="inbox-ruling"][data-item-id="${items['EMB']!.id}"]`)).toHaveCount(0);
});

test('R1: on a 390-px phone the applicant looks its project up on /status and reads each department as a card, nothing cut off', async ({
  browser,
  baseURL,
}) => {
  const window = await apiAs(baseURL!, 'window');
  const leader = await apiAs(baseURL!, 'leader');
  const { project } = await runningProject(window, leader, '滨湖智慧物流园二期冷链仓储中心', ['DRC', 'HUD', 'NRP'], false);
  const receipt = await window.post(`/api/projects/${project.id}/receipts`, {
    data: {
      applicant: {
        type: 'organisation',
        name: '东湖新材料有限公司',
        legalRepresentative: '王东',
        address: '杭州市滨江区江南大道 1 号',
        phone: '0571-88886666',
      },
      receivedOn: '2026-03-02',
      acceptedOn: '2026-03-02',
      promisedCompletionOn: '2026-03-16',
      specialProcedures: [],
      applicantSignatory: '李湖',
    },
  });
  expect(receipt.status()).toBe(201);
  const { accessCode } = (await receipt.json()) as { accessCode: string };

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })).newPage();
  await page.goto('/status');
  await page.getByTestId('status-code').fill(project.code);
  await page.getByTestId('status-access').fill(accessCode);
  await page.getByTestId('status-submit').click();
  await expect(page.getByTestId('status-project-name')).toHaveText('滨湖智慧物流园二期冷链仓储中心');
  const cards = page.locator('[data-testid^="status-dept-"]');
  await expect(cards).toHaveCount(3);
  // Each department is a card (a block as wide as the screen allows), not a squeezed table row.
  for (const card of await cards.all()) {
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // The heading over the cards reads on one line, not a character per line.
  const caption = (await page.locator('[data-testid="status-departments"] caption').boundingBox())!;
  expect(caption.width).toBeGreaterThan(200);
  expect(caption.height).toBeLessThan(60);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'e2e/artifacts/status-390.png', fullPage: true });
});

test('issue 14: a refusal only the server can make reads in Chinese on the Chinese form, once, and the form keeps what was typed', async ({
  browser,
  baseURL,
}) => {
  const window = await apiAs(baseURL!, 'window');
  const nationalCode = `2026-330106-48-01-${String(Date.now()).slice(-6)}`;
  const first = await window.post('/api/projects', {
    data: {
      name: '已登记项目代码的项目',
      owner: { name: '东湖新材料有限公司', legalRepresentative: '王东', contactName: '李湖', contactPhone: '0571-88886666' },
      category: 'city_key',
      preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
      totalInvestment: { amount: '380000000.00', currency: 'CNY' },
      reportToHigherAuthority: false,
      nationalCode,
    },
  });
  expect(first.status()).toBe(201);

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await logInAs(page, 'window');
  await page.getByTestId('nav-register').click();
  await page.getByTestId('project-name').fill('重复项目代码的新项目');
  await page.getByTestId('project-category').selectOption('city_key');
  await page.getByTestId('owner-name').fill('西溪数字科技有限公司');
  await page.getByTestId('owner-legal-rep').fill('钱西');
  await page.getByTestId('owner-contact-name').fill('孙溪');
  await page.getByTestId('owner-contact-phone').fill('0571-66668888');
  await page.getByTestId('investment-amount').fill('3800');
  await page.getByTestId('national-code').fill(nationalCode);
  await page.getByTestId('project-submit').click();
  // R4a: the code is taken — only the server knows; its code's words appear under the field, in Chinese.
  await expect(page.locator('[data-field="nationalCode"]')).toHaveText('另一个项目已使用该项目代码');
  await expect(page.getByTestId('form-error')).toHaveText('请更正标出的字段');
  const body = await page.locator('main').innerText();
  expect(body).not.toMatch(/[A-Za-z]{4,} [a-z]+ [a-z]+/); // no English sentence on the Chinese screen
  expect(body.split('另一个项目已使用该项目代码')).toHaveLength(2); // said once
  await expect(page.getByTestId('project-name')).toHaveValue('重复项目代码的新项目');
  await expect(page.getByTestId('national-code')).toHaveValue(nationalCode);
  await expect(page.getByTestId('investment-amount')).toHaveValue('3800');
  await page.screenshot({ path: 'e2e/artifacts/register-server-error-zh.png', fullPage: true });
});

test('the board prints on A4 landscape without navigation (PDF from Chromium)', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await logInAs(page, 'leader');
  await expect(page.getByTestId('board')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  // The print style sheet's @page decides the sheet: A4 (210 × 297 mm) turned landscape.
  const pdf = await page.pdf({ path: 'e2e/artifacts/board-a4-landscape.pdf', preferCSSPageSize: true, printBackground: true });
  const [, width, height] = /MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))!.map(Number);
  expect(Math.round(width!)).toBe(842);
  expect(Math.round(height!)).toBe(595);
});

test('R6: the window types the investment in 亿元, it is stored exactly in yuan; then finds the project by its phone from any page', async ({
  browser,
  baseURL,
}) => {
  const window = await apiAs(baseURL!, 'window');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const phone = `0571-${String(Date.now()).slice(-8, -4)} ${String(Date.now()).slice(-4)}`;
  await logInAs(page, 'window');

  await test.step('R6: 4.35 亿元 is echoed as stored (435000000, no float drift) and flags nothing mega', async () => {
    await page.getByTestId('nav-register').click();
    await page.getByTestId('project-name').fill('滨江电池回收项目');
    await page.getByTestId('project-category').selectOption('city_key');
    await page.getByTestId('owner-name').fill('滨江循环科技有限公司');
    await page.getByTestId('owner-legal-rep').fill('周滨');
    await page.getByTestId('owner-contact-name').fill('吴江');
    await page.getByTestId('owner-contact-phone').fill('电话');
    await expect(page.getByTestId('investment-unit')).toHaveValue('wan'); // the center counts in 万元
    await page.getByTestId('investment-unit').selectOption('yi');
    await page.getByTestId('investment-amount').fill('4.35');
    await expect(page.getByTestId('investment-in-units')).toContainText('4.35 亿元');
    await expect(page.getByTestId('investment-in-units')).toContainText('435000000');
    await expect(page.getByTestId('mega-notice')).toHaveCount(0);
    await page.getByTestId('project-submit').click();
    // The browser refuses what the server would, in the same words, before anything is sent.
    await expect(page.locator('[data-field="owner.contactPhone"]')).toHaveText('联系电话格式不正确：5–30 位数字，可含 + - ( ) 和空格');
    await page.screenshot({ path: 'e2e/artifacts/register-yi.png', fullPage: true });
    await page.getByTestId('owner-contact-phone').fill(phone);
    await page.getByTestId('project-submit').click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('project-investment')).toHaveText('4.35 亿元');
    const id = /\/projects\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect((await (await window.get(`/api/projects/${id}`)).json()).totalInvestment).toEqual({ amount: '435000000.00', currency: 'CNY' });
  });

  await test.step('search by phone from the project page: the board opens filtered to it', async () => {
    await page.getByTestId('global-search').fill(phone.slice(5)); // "7312 4455": part of the phone, as said on the telephone
    await page.getByTestId('global-search').press('Enter');
    await expect(page).toHaveURL(/\/board\?q=/);
    const rows = page.locator('tbody tr[data-testid^="row-"]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('滨江电池回收项目');
    await expect(page.getByTestId('board-search')).toHaveValue(phone.slice(5));
    await page.screenshot({ path: 'e2e/artifacts/search-by-phone.png', fullPage: true });
  });

  await test.step('issue 14: searching from the top bar while on the board shows the new query in the board box too', async () => {
    await page.getByTestId('global-search').fill('滨江循环');
    await page.getByTestId('global-search').press('Enter');
    await expect(page).toHaveURL(/q=%E6%BB%A8%E6%B1%9F/);
    await expect(page.getByTestId('board-search')).toHaveValue('滨江循环');
  });

  await test.step('issue 14: at 1280 px the top-bar search shows its whole placeholder', async () => {
    const cut = await page.getByTestId('global-search').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width - room;
    });
    expect(cut).toBeLessThanOrEqual(0);
  });
});

test('R21: a figure on the accountability record opens the items behind it', async ({ browser, baseURL }) => {
  const window = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const { project, items } = await runningProject(window, leaderApi, '考核穿透核对项目', ['NRP']);
  const nrp = await apiAs(baseURL!, 'liaison-nrp');
  expect((await nrp.post(`/api/items/${items['NRP']!.id}/decision`, { data: { outcome: 'approved' } })).status()).toBe(200);

  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await logInAs(page, 'leader');
  await page.getByTestId('nav-accountability').click();
  const row = page.locator('[data-testid="acc-row"][data-department="自然资源和规划局"]');
  await row.locator('[data-column="handled"]').getByTestId('acc-figure').click();
  await expect(page).toHaveURL(/\/accountability\/items\?.*figure=handled/);
  await expect(page.getByTestId('acc-items-title')).toContainText('自然资源和规划局 · 办结');
  await expect(page.locator(`[data-testid="acc-item"][data-item-id="${items['NRP']!.id}"]`)).toContainText(project.code);
  await page.screenshot({ path: 'e2e/artifacts/accountability-items.png', fullPage: true });
});
