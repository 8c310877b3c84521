import { expect, test } from '@playwright/test';
import pg from 'pg';
import { apiAs, logInAs, mainMaterialReceived } from './hub';

const GENERATED = 2000;

/** The hub's e2e database (serve-hub.mjs): the projects are seeded straight into it, not by 2,000 requests. */
function databaseUrl(): string {
  const url = new URL(process.env['DATABASE_URL']!);
  url.pathname = `/hub_e2e_${Number(process.env['E2E_PORT'] ?? 3210)}`;
  return url.toString();
}

/** 2,000 projects in the channel, three departments each; one item in three still awaits acceptance. */
async function seed(): Promise<void> {
  const sql = new pg.Client({ connectionString: databaseUrl() });
  await sql.connect();
  try {
    await sql.query(
      `WITH d AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n FROM departments),
            w AS (SELECT id FROM users WHERE username = 'window'),
            p AS (
              INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency, report_to_higher, mega,
                status, registered_at, registered_by, seal_number, sealed_by, sealed_at, lead_department_id)
              SELECT 'SCALE-' || lpad(g::text, 4, '0'), '规模测试项目' || g,
                jsonb_build_object('name', '规模测试公司' || g, 'legalRepresentative', '法人', 'contactName', '联系人', 'contactPhone', '1390000' || lpad(g::text, 4, '0')),
                'city_key', '{}', 1, 'CNY', false, false, 'in_channel', hub_now() - g * interval '1 second', w.id, 'SEAL-SCALE-' || g, w.id, hub_now(),
                (SELECT id FROM d WHERE k = g % d.n LIMIT 1)
              FROM generate_series(1, $1::int) g, w
              RETURNING id, code)
       INSERT INTO approval_items (project_id, department_id, is_lead, status, accepted_at, due_at, deadline_version)
       SELECT p.id, d.id, j = 0, CASE WHEN (g + j) % 3 = 0 THEN 'awaiting_acceptance' ELSE 'in_review' END,
         CASE WHEN (g + j) % 3 = 0 THEN NULL ELSE hub_now() END,
         CASE WHEN (g + j) % 3 = 0 THEN NULL ELSE hub_now() + (10 + g % 30) * interval '1 day' END,
         CASE WHEN (g + j) % 3 = 0 THEN 0 ELSE 1 END
       FROM p, LATERAL (SELECT substring(p.code from 7)::int AS g) x, generate_series(0, 2) j, d
       WHERE d.k = (g + j) % d.n`,
      [GENERATED],
    );
  } finally {
    await sql.end();
  }
}

/** The e2e hub is shared by every spec that follows: the generated projects leave with this one. */
test.afterAll(async () => {
  const sql = new pg.Client({ connectionString: databaseUrl() });
  await sql.connect();
  try {
    await sql.query(`DELETE FROM approval_items WHERE project_id IN (SELECT id FROM projects WHERE code LIKE 'SCALE-%')`);
    await sql.query(`DELETE FROM projects WHERE code LIKE 'SCALE-%'`);
  } finally {
    await sql.end();
  }
});

test('issue 12 R25: a board of 2,000 projects filters to a department, finds a project by code, and counts a filtered-out decision live', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await seed();
  const window = await apiAs(baseURL!, 'window');
  const leader = await apiAs(baseURL!, 'leader');
  const departments: { id: string; code: string }[] = await (await window.get('/api/departments')).json();
  const id = (code: string) => departments.find((d) => d.code === code)!.id;

  await test.step('the leader opens the board: the first screen only, the most urgent first', async () => {
    await logInAs(page, 'leader');
    await expect(page.getByTestId('board-range')).toContainText(/1–50/);
    await expect(page.getByTestId('count-total')).toHaveText(String(await totalOf(leader, '')));
    expect(await page.locator('[data-testid^="row-"]').count()).toBe(50);
  });

  await test.step('filters to one department: every row has its cell, the filter is in the URL', async () => {
    await page.getByTestId('board-department').selectOption(id('EEB'));
    await expect(page).toHaveURL(new RegExp(`department=${id('EEB')}`));
    await expect(page.getByTestId('count-total')).toHaveText(String(await totalOf(leader, `department=${id('EEB')}`)));
    const rows = page.locator('[data-testid^="row-"]');
    await expect(rows).toHaveCount(50);
    for (const row of await rows.all()) await expect(row.locator('[data-testid$="-EEB"]')).toHaveCount(1);
  });

  await test.step('finds a project by code, by keyboard', async () => {
    await page.getByTestId('board-clear').click();
    await page.getByTestId('board-search').focus();
    await page.keyboard.type('SCALE-1234');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/q=SCALE-1234/);
    await expect(page.locator('[data-testid^="row-"]')).toHaveCount(1);
    await expect(page.getByTestId('row-SCALE-1234')).toContainText('规模测试项目1234');
    // The same view from its address alone (shareable).
    await page.reload();
    await expect(page.getByTestId('row-SCALE-1234')).toBeVisible();
  });

  let nrpItem = '';
  await test.step('a project led by NRP alone, admitted: its NRP item awaits acceptance', async () => {
    const registered = await window.post('/api/projects', {
      data: {
        name: '规模测试新项目',
        owner: { name: '过滤外公司', legalRepresentative: '钱', contactName: '孙', contactPhone: '0571-1' },
        category: 'city_key',
        preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
        totalInvestment: { amount: '1000000.00', currency: 'CNY' },
        reportToHigherAuthority: false,
      },
    });
    expect(registered.status()).toBe(201);
    const admitted = await leader.post(`/api/projects/${(await registered.json()).id}/admission`, {
      data: { leadDepartmentId: id('NRP'), participatingDepartmentIds: [] },
    });
    expect(admitted.status()).toBe(200);
    nrpItem = (await admitted.json()).items[0].id;
    await mainMaterialReceived(window, nrpItem);
  });

  await test.step('EEB items awaiting acceptance on screen; the NRP decision elsewhere moves the NRP count live, no reload', async () => {
    await page.goto(`/board?department=${id('EEB')}&status=awaiting_acceptance`);
    await expect(page.locator('[data-testid^="row-"]').first()).toBeVisible();
    const nrpOption = page.getByTestId('board-department').locator(`option[value="${id('NRP')}"]`);
    const before = await totalOf(leader, `department=${id('NRP')}&status=awaiting_acceptance`);
    await expect(nrpOption).toContainText(`(${before})`);
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    const firstRow = await page.locator('[data-testid^="row-"]').first().getAttribute('data-testid');

    expect([200, 201]).toContain((await window.post(`/api/items/${nrpItem}/acceptance`)).status());

    await expect(nrpOption).toContainText(`(${before - 1})`);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(page.locator('[data-testid^="row-"]').first()).toHaveAttribute('data-testid', firstRow!);
    await page.screenshot({ path: 'e2e/artifacts/board-scale.png', fullPage: false });
  });
});

async function totalOf(api: import('@playwright/test').APIRequestContext, query: string): Promise<number> {
  const rows = await (await api.get(`/api/board/rows?limit=0&${query}`)).json();
  return rows.counts.total;
}
