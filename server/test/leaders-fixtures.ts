import type { ApprovalItemView } from '@hub/shared';
import { admittedProject, HubClient, acceptItem } from './test-hub';

/** The hub's clock now, as a board snapshot reads it. */
export async function hubNow(client: HubClient): Promise<Date> {
  return new Date((await client.get('/api/board')).body.serverNow);
}

/** Moves the one hub clock (test clock) to `plusMs` after `instant`; never backwards. */
export async function advanceTo(admin: HubClient, instant: Date, plusMs = 0): Promise<void> {
  const by = instant.getTime() - (await hubNow(admin)).getTime() + plusMs;
  if (by > 0) {
    const moved = await admin.post('/api/test/clock', { advanceMs: by });
    if (moved.status !== 200) throw new Error(JSON.stringify(moved.body));
  }
}

/** A new project with these departments (first is lead), every item accepted; returns its items by department code. */
export async function runningProject(window: HubClient, leader: HubClient, codes: string[], name: string) {
  const { project, departmentId } = await admittedProject(window, leader, codes, name);
  const items: Record<string, ApprovalItemView> = {};
  for (const code of codes) {
    const item = project.items.find((i) => i.departmentId === departmentId(code))!;
    const accepted = await acceptItem(window, item.id);
    if (accepted.status !== 200) throw new Error(JSON.stringify(accepted.body));
    items[code] = accepted.body;
  }
  return { project, items, departmentId };
}
