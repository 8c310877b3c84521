import { expect, test } from '@playwright/test';
import { apiAs, logInAs, mainMaterialReceived } from './hub';

test("R4a R25: the window withdraws a project from its page; the leader's board drops its countdowns live", async ({
  browser,
  baseURL,
}) => {
  const windowApi = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const nationalCode = `2026-330106-48-01-${String(Date.now() % 1_000_000).padStart(6, '0')}`;

  let projectId = '';
  let code = '';
  await test.step('R3 R4 R10: a key project with its national code is admitted and both clocks run (set up through the API)', async () => {
    const registered = await windowApi.post('/api/projects', {
      data: {
        name: '滨江数据中心二期',
        owner: { name: '钱塘云计算有限公司', legalRepresentative: '孙立', contactName: '冯雨', contactPhone: '0571-87654321' },
        category: 'city_key',
        preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
        totalInvestment: { amount: '420000000', currency: 'CNY' },
        reportToHigherAuthority: false,
        nationalCode,
      },
    });
    expect(registered.status()).toBe(201);
    ({ id: projectId, code } = await registered.json());
    const departments = (await (await leaderApi.get('/api/departments')).json()) as { id: string; code: string }[];
    const id = (c: string) => departments.find((d) => d.code === c)!.id;
    const admitted = await leaderApi.post(`/api/projects/${projectId}/admission`, {
      data: { leadDepartmentId: id('DRC'), participatingDepartmentIds: [id('NRP')] },
    });
    expect(admitted.status()).toBe(200);
    for (const item of (await admitted.json()).items as { id: string }[]) {
      await mainMaterialReceived(windowApi, item.id);
      expect((await windowApi.post(`/api/items/${item.id}/acceptance`)).status()).toBe(200);
    }
  });

  const board = await (await browser.newContext()).newPage();
  await test.step('the leader watches the live board: both departments count down', async () => {
    await logInAs(board, 'leader');
    await expect(board.getByTestId('live-status')).toHaveText(/实时|Live/);
    for (const dept of ['DRC', 'NRP']) {
      await expect(board.getByTestId(`cell-${code}-${dept}`)).toHaveAttribute('data-status', /on_track|due_soon|due_today/);
      await expect(board.getByTestId(`cell-${code}-${dept}`).locator('.countdown')).toHaveCount(1);
    }
    await expect(board.getByTestId(`row-${code}`).getByTestId('project-life')).toHaveAttribute('data-life', 'in_channel');
  });

  const desk = await (await browser.newContext()).newPage();
  await test.step('R4a: the window records the withdrawal; nothing is preselected and the consequence is stated first', async () => {
    await logInAs(desk, 'window');
    await desk.goto(`/projects/${projectId}`);
    await expect(desk.getByTestId('project-national-code')).toHaveText(nationalCode);
    await expect(desk.getByTestId('withdraw-reason')).toHaveValue('');
    await expect(desk.getByTestId('withdraw-requested-on')).toHaveValue('');
    await desk.getByTestId('withdraw-submit').click();
    await expect(desk.locator('[data-field="reason"]')).toBeVisible(); // nothing sent without a reason and a date
    await expect(desk.getByTestId('withdraw-consequence')).toHaveCount(0);
    await desk.getByTestId('withdraw-reason').fill('业主调整投资计划，申请撤回');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date((await (await leaderApi.get('/api/board')).json()).serverNow),
    );
    await desk.getByTestId('withdraw-requested-on').fill(today);
    await desk.getByTestId('withdraw-submit').click();
    await expect(desk.getByTestId('withdraw-consequence')).toContainText('计时的审批期限立即停止');
    await expect(desk.getByTestId('project-life-state')).toHaveText('绿色通道办理中'); // not yet sent
    await desk.getByTestId('withdraw-confirm').click();
    await expect(desk.getByTestId('project-life-state')).toHaveText('已撤回');
    await expect(desk.getByTestId('project-withdrawal')).toHaveText('业主调整投资计划，申请撤回');
    await expect(desk.getByTestId('withdraw-form')).toHaveCount(0);
  });

  await test.step("R25: without a reload, the leader's board shows the project withdrawn and its countdowns gone", async () => {
    for (const dept of ['DRC', 'NRP']) {
      await expect(board.getByTestId(`cell-${code}-${dept}`)).toHaveAttribute('data-status', 'withdrawn');
      await expect(board.getByTestId(`cell-${code}-${dept}`).locator('.countdown')).toHaveCount(0);
    }
    await expect(board.getByTestId(`row-${code}`).getByTestId('project-life')).toHaveAttribute('data-life', 'withdrawn');
    await expect(board.getByTestId(`row-${code}`).getByTestId('project-life')).toHaveText('已撤回');
  });
});
