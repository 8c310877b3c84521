import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'greenchannel';

/** Logs in through the login page, as a person would, and waits for the home page (a liaison's: its to-do desk). */
export async function logInAs(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(username.startsWith('liaison') ? /\/desk$/ : /\/board$/);
}

/** An API session (cookie + CSRF header) for steps that are not under test, such as moving the test clock. */
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { 'X-Requested-With': 'XMLHttpRequest' } });
  const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return api;
}

/** Moves the hub's one clock (HUB_TEST_CLOCK=1) to `plusMs` after `instant`. */
export async function advanceHubClockPast(admin: APIRequestContext, instant: string, plusMs: number): Promise<void> {
  const board = await (await admin.get('/api/board')).json();
  const advanceMs = new Date(instant).getTime() - new Date(board.serverNow).getTime() + plusMs;
  const moved = await admin.post('/api/test/clock', { data: { advanceMs } });
  expect(moved.status()).toBe(200);
}

/** R8 Decision: acceptance needs a main material on the item's checklist, received (the window records both). */
export async function mainMaterialReceived(window: APIRequestContext, itemId: string): Promise<void> {
  const added = await window.post(`/api/items/${itemId}/materials`, { data: { name: '申请主件', kind: 'main', copies: 1 } });
  expect(added.status()).toBe(201);
  const received = await window.post(`/api/materials/${(await added.json()).id}/received`, { data: { received: 1 } });
  expect(received.status()).toBe(200);
}
