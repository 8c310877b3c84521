import { expect, test } from '@playwright/test';
import { advanceHubClockPast, apiAs, logInAs, mainMaterialReceived } from './hub';

/** The center's wall clock (Asia/Shanghai, no DST) as a datetime-local value, to the minute. */
const shanghaiWallClock = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

test('R10a: the window records an expert review on the project page; the board shows the item paused; its end moves the deadline, explained day by day', async ({
  browser,
  baseURL,
}) => {
  const window = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const admin = await apiAs(baseURL!, 'admin');
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
  const hud = departments.find((d) => d.code === 'HUD')!.id;
  const project = await (
    await window.post('/api/projects', {
      data: {
        name: '滨江体育中心',
        owner: { name: '滨江文体集团', legalRepresentative: '周恒', contactName: '沈洁', contactPhone: '0571-55557777' },
        category: 'city_key',
        preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
        totalInvestment: { amount: '180000000.00', currency: 'CNY' },
        reportToHigherAuthority: false,
      },
    })
  ).json();
  const admitted = await (
    await leaderApi.post(`/api/projects/${project.id}/admission`, { data: { leadDepartmentId: hud, participatingDepartmentIds: [] } })
  ).json();
  const itemId = (admitted.items as { id: string }[])[0]!.id;
  await mainMaterialReceived(window, itemId);
  const accepted = await (await window.post(`/api/items/${itemId}/acceptance`)).json();
  const hubNow = async () => new Date((await (await admin.get('/api/board')).json()).serverNow);
  // A minute on, so the start (entered to the minute) lies after the acceptance.
  await advanceHubClockPast(admin, accepted.acceptedAt, 120_000);

  const desk = await (await browser.newContext()).newPage();
  const board = await (await browser.newContext()).newPage();
  await logInAs(board, 'leader');
  await logInAs(desk, 'window');
  await desk.goto(`/projects/${project.id}`);

  await test.step('R10a: kind not preselected; the confirmation states that the clock stops', async () => {
    await desk.getByTestId('item-procedure-HUD').click();
    await expect(desk.getByTestId('procedure-kind')).toHaveValue('');
    await expect(desk.getByTestId('procedure-starts')).toHaveValue('');
    await desk.getByTestId('procedure-kind').selectOption('expert_review');
    await desk.getByTestId('procedure-starts').fill(shanghaiWallClock(await hubNow()));
    await desk.getByTestId('procedure-submit').click();
    await expect(desk.getByTestId('procedure-consequence')).toContainText('专家评审');
    await expect(desk.getByTestId('procedure-consequence')).toContainText('不会超时默许');
    await desk.getByTestId('procedure-confirm').click();
    await expect(desk.getByTestId('item-paused-HUD')).toContainText('专家评审');
  });

  await test.step('R10a: the live board shows the item paused, naming the procedure', async () => {
    const cell = board.getByTestId(`cell-${project.code}-HUD`);
    await expect(cell).toHaveAttribute('data-status', 'paused');
    await expect(cell.getByTestId('cell-paused')).toHaveText('专家评审');
  });

  await test.step('R10a: four days later the window records its end; the deadline moves, on the card and in the explanation', async () => {
    await advanceHubClockPast(admin, (await hubNow()).toISOString(), 96 * 3_600_000);
    await desk.reload();
    await desk.getByTestId('item-procedure-HUD').click();
    await desk.getByTestId('procedure-ends').fill(shanghaiWallClock(await hubNow()));
    await desk.getByTestId('procedure-submit').click();
    await expect(desk.getByTestId('procedure-consequence')).toContainText('顺延至');
    await desk.getByTestId('procedure-confirm').click();
    await expect(desk.getByTestId('item-paused-HUD')).toHaveCount(0);
    await expect(desk.locator('[data-testid="card-entry"][data-action="item.special_procedure"]')).toHaveCount(2);
    await expect(board.getByTestId(`cell-${project.code}-HUD`)).not.toHaveAttribute('data-status', 'paused');
    await desk.getByTestId('item-explain-HUD').click();
    const stopped = desk.locator('[data-testid="deadline-explanation"] li[data-reason="special_procedure"]');
    await expect(stopped.first()).toContainText('专家评审');
    expect(await stopped.count()).toBeGreaterThanOrEqual(1);
    await expect(desk.getByTestId('explain-item-due')).toHaveCount(0); // the explanation lands on the item's own due instant
  });
});
