import type { ApprovalItemView } from '@hub/shared';
import { admittedProject, HubClient, acceptItem } from './test-hub';

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
