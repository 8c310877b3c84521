import { expect, test } from '@playwright/test';
import { apiAs, logInAs, mainMaterialReceived } from './hub';

/** The center's wall clock (Asia/Shanghai, no DST) as a datetime-local value. */
const shanghaiWallClock = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

test('R12 R13 R16: explanation, ruling, extension and delay from the project page, each on the card', async ({ browser, baseURL }) => {
  const window = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  const project = await (
    await window.post('/api/projects', {
      data: {
        name: '城市更新片区改造',
        owner: { name: '城投置业有限公司', legalRepresentative: '何川', contactName: '马丽', contactPhone: '0571-55556666' },
        category: 'city_key',
        preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
        totalInvestment: { amount: '260000000.00', currency: 'CNY' },
        reportToHigherAuthority: false,
      },
    })
  ).json();
  const admitted = await (
    await leaderApi.post(`/api/projects/${project.id}/admission`, {
      data: { leadDepartmentId: dept('HUD'), participatingDepartmentIds: [dept('EMB')] },
    })
  ).json();
  for (const item of admitted.items as { id: string }[]) {
    await mainMaterialReceived(window, item.id);
    await window.post(`/api/items/${item.id}/acceptance`);
  }
  const dueOf = async (code: string) =>
    ((await (await leaderApi.get(`/api/projects/${project.id}`)).json()).items as { departmentId: string; dueAt: string }[]).find(
      (i) => i.departmentId === dept(code),
    )!.dueAt;

  const liaison = await (await browser.newContext()).newPage();
  const leader = await (await browser.newContext()).newPage();
  const desk = await (await browser.newContext()).newPage();

  await test.step('R16: the HUD liaison files a written explanation; the clock is held', async () => {
    await logInAs(liaison, 'liaison-hud');
    await liaison.goto(`/projects/${project.id}`);
    await expect(liaison.getByTestId('item-action-extend-HUD')).toHaveCount(0); // only a leader extends
    await expect(liaison.getByTestId('item-action-explain-EMB')).toHaveCount(0); // not its department
    await liaison.getByTestId('item-action-explain-HUD').click();
    await liaison.getByTestId('deadline-text').fill('需等待省住建厅技术审查意见');
    await liaison.getByTestId('deadline-submit').click();
    await expect(liaison.getByTestId('deadline-consequence')).toContainText('1 个工作日');
    await liaison.getByTestId('deadline-confirm').click();
    await expect(liaison.getByTestId('item-held-HUD')).toContainText('需等待省住建厅技术审查意见');
  });

  await test.step('R16 R12: a leader accepts it and sets the new due time; the card records before and after', async () => {
    await logInAs(leader, 'leader');
    await leader.goto(`/projects/${project.id}`);
    await leader.getByTestId('item-action-rule-HUD').click();
    // Nothing preselected: neither ruling, nor a due instant.
    await expect(leader.getByTestId('ruling-accept')).not.toBeChecked();
    await expect(leader.getByTestId('ruling-reject')).not.toBeChecked();
    await leader.getByTestId('ruling-accept').check();
    await expect(leader.getByTestId('new-due')).toHaveValue('');
    const newDue = new Date(new Date(await dueOf('HUD')).getTime() + 3 * 86_400_000);
    await leader.getByTestId('new-due').fill(shanghaiWallClock(newDue));
    await leader.getByTestId('deadline-text').fill('理由充分');
    await leader.getByTestId('deadline-submit').click();
    await leader.getByTestId('deadline-confirm').click();
    await expect(leader.getByTestId('item-held-HUD')).toHaveCount(0);
    await expect(liaison.getByTestId('item-held-HUD')).toHaveCount(0); // live on the liaison's page too
    await expect(leader.locator('[data-testid="card-entry"][data-action="item.extended"]')).toContainText('理由充分');
    await expect.poll(() => dueOf('HUD')).toBe(newDue.toISOString());
  });

  await test.step('R12: a leader extends EMB; R13: the window records a delay with its numbered notice', async () => {
    await leader.getByTestId('item-action-extend-EMB').click();
    await leader.getByTestId('deadline-text').fill('需组织专家论证');
    await leader.getByTestId('new-due').fill(shanghaiWallClock(new Date(new Date(await dueOf('EMB')).getTime() + 2 * 86_400_000)));
    await leader.getByTestId('deadline-submit').click();
    await expect(leader.getByTestId('deadline-consequence')).toContainText('延期通知');
    await leader.getByTestId('deadline-confirm').click();
    await expect(leader.locator('[data-testid="card-entry"][data-action="item.extended"]')).toHaveCount(2);

    await logInAs(desk, 'window');
    await desk.goto(`/projects/${project.id}`);
    await expect(desk.getByTestId('item-action-extend-EMB')).toHaveCount(0);
    await desk.getByTestId('item-action-delay-EMB').click();
    await desk.getByTestId('delay-cause').selectOption('network_outage');
    await desk.getByTestId('deadline-text').fill('政务外网中断');
    const serverNow = new Date((await (await leaderApi.get('/api/board')).json()).serverNow);
    await desk.getByTestId('outage-from').fill(shanghaiWallClock(new Date(serverNow.getTime() - 3 * 3_600_000)));
    await desk.getByTestId('outage-to').fill(shanghaiWallClock(new Date(serverNow.getTime() - 3_600_000)));
    const newDue = new Date(new Date(await dueOf('EMB')).getTime() + 2 * 86_400_000);
    await desk.getByTestId('new-due').fill(shanghaiWallClock(newDue));
    await desk.getByTestId('deadline-submit').click();
    await expect(desk.getByTestId('deadline-consequence')).toContainText('更正通知书');
    await desk.getByTestId('deadline-confirm').click();
    const delayed = leader.locator('[data-testid="card-entry"][data-action="item.delayed"]');
    await expect(delayed).toContainText(/绿通延时〔\d{4}〕\d+号/);
    await expect(delayed).toContainText('计算机网络中断');
    await leader.screenshot({ path: 'e2e/artifacts/project-holds.png', fullPage: true });
  });
});
