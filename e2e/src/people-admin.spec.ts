import { expect, test } from '@playwright/test';
import { logInAs } from './hub';

test('R1 R27: the admin creates a department and a liaison and records its e-mail and mobile; the liaison logs in, must choose its own password, then lands on its to-do desk', async ({
  browser,
}) => {
  test.setTimeout(300_000); // several page loads and Argon2 hashes on a shared, slow machine
  const admin = await (await browser.newContext()).newPage();
  const liaison = await (await browser.newContext()).newPage();
  let oneTimePassword = '';

  await test.step('R1: a new department, on record', async () => {
    await logInAs(admin, 'admin');
    await admin.getByTestId('nav-departments').click();
    await admin.getByLabel('部门代码').fill('TRA');
    await admin.getByLabel('中文名称').fill('交通运输局');
    await admin.getByLabel('英文名称').fill('Transport Bureau');
    await admin.getByTestId('dept-save').click();
    await expect(admin.locator('[data-testid="dept-table"] tr[data-code="TRA"]')).toContainText('交通运输局');
  });

  await test.step('R1: a second kind of mistake is named at its field; then the liaison of the new department, with a one-time password shown once', async () => {
    await admin.getByTestId('nav-people').click();
    await admin.getByLabel('用户名').fill('jiaotong.li');
    await admin.getByLabel('姓名').fill('李交通');
    await admin.getByLabel('角色').selectOption('liaison');
    await admin.getByTestId('user-create').click();
    // Issue 14: the server's refusal in the screen's language (its code's words), never its English detail.
    await expect(admin.locator('#user-department-error')).toHaveText('部门联络员须属于一个部门');
    await admin.getByLabel('所属部门').selectOption({ label: 'TRA 交通运输局' });
    await admin.getByTestId('user-create').click();
    await expect(admin.getByTestId('one-time-password')).toContainText('李交通');
    oneTimePassword = (await admin.getByTestId('one-time-value').textContent())!.trim();
    expect(oneTimePassword).toHaveLength(16);
    await expect(admin.locator('[data-testid="people-table"] tr[data-username="jiaotong.li"]')).toContainText('待改密码');
    await admin.screenshot({ path: 'e2e/artifacts/people-admin.png', fullPage: true });
  });

  await test.step("R27: the admin records the liaison's e-mail and mobile on its row; a bad mobile is named at its field first", async () => {
    const row = admin.locator('[data-testid="people-table"] tr[data-username="jiaotong.li"]');
    await row.getByTestId('contact-edit').click();
    await row.getByTestId('contact-email').fill('jiaotong.li@example.gov.cn');
    await row.getByTestId('contact-mobile').fill('12345');
    await row.getByTestId('contact-save').click();
    await expect(row.locator('#contact-mobile-error')).toContainText('手机号码');
    await row.getByTestId('contact-mobile').fill('139 0000 0456');
    await row.getByTestId('contact-save').click();
    await expect(row.getByTestId('user-contact')).toContainText('jiaotong.li@example.gov.cn');
    await expect(row.getByTestId('user-contact')).toContainText('13900000456');
  });

  await test.step('R1: the liaison logs in and is sent to choose its own password before anything else', async () => {
    await liaison.goto('/login');
    await liaison.getByTestId('login-username').fill('jiaotong.li');
    await liaison.getByTestId('login-password').fill(oneTimePassword);
    await liaison.getByTestId('login-submit').click();
    await expect(liaison).toHaveURL(/\/password$/);
    await expect(liaison.getByTestId('password-required')).toBeVisible();
    await liaison.goto('/board');
    await expect(liaison).toHaveURL(/\/password$/);

    await liaison.getByTestId('password-current').fill(oneTimePassword);
    await liaison.getByTestId('password-new').fill('short');
    await liaison.getByTestId('password-repeat').fill('short');
    await liaison.getByTestId('password-submit').click();
    await expect(liaison.locator('#pw-new-error')).toContainText('至少 10 个字符');

    await liaison.getByTestId('password-new').fill('交通局联络员的新密码');
    await liaison.getByTestId('password-repeat').fill('交通局联络员的新密码');
    await liaison.getByTestId('password-submit').click();
    // A liaison's home is its to-do desk (issue 14); a new department has nothing on it yet.
    await expect(liaison).toHaveURL(/\/desk$/);
    await expect(liaison.getByTestId('desk-empty')).toBeVisible();
    // R27: the addresses the admin recorded are the liaison's own to keep.
    await liaison.getByTestId('nav-notifications').click();
    await expect(liaison.getByTestId('notify-email')).toHaveValue('jiaotong.li@example.gov.cn');
    await expect(liaison.getByTestId('notify-mobile')).toHaveValue('13900000456');
  });
});
