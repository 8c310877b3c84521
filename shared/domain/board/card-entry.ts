import type { BoardProject, BoardSnapshot, CardEntry, CardState } from '../../contracts/card';
import type { MeetingSummary } from '../../contracts/meetings';

export type CardEntryOutcome = 'applied' | 'duplicate' | 'gap';

/**
 * R25: apply one live card entry to a board, in stream order. Already seen: duplicate, unchanged.
 * Not the next one: gap, unchanged (the caller asks for the missing range). Pure and immutable.
 */
export function applyCardEntry(
  board: BoardSnapshot,
  entry: CardEntry,
): { board: BoardSnapshot; outcome: CardEntryOutcome } {
  if (entry.position <= board.position) return { board, outcome: 'duplicate' };
  if (entry.position > board.position + 1) return { board, outcome: 'gap' };
  const projects = applyState(board.projects, entry);
  return { board: { ...board, position: entry.position, projects }, outcome: 'applied' };
}

function applyState(projects: BoardProject[], entry: CardEntry): BoardProject[] {
  const after: CardState = entry.after;
  switch (after.kind) {
    case 'project':
      return upsertById(projects, after.project);
    case 'item': {
      const item = after.item;
      // An item of a project this board does not know is ignored; the position still advances.
      return projects.map((project) =>
        project.id === item.projectId ? { ...project, items: upsertById(project.items, item) } : project,
      );
    }
    case 'meeting':
      // Meetings are not board cells; their effects on items arrive as item entries (R15) — except
      // R18: an opinion marks (or clears) its department's item "opposed at the meeting".
      return entry.action === 'meeting.opinion' ? applyOpinion(projects, entry, after.meeting) : projects;
  }
}

/** R18: the department's latest opinion decides whether its item shows opposed, as the server computes it. */
function applyOpinion(projects: BoardProject[], entry: CardEntry, meeting: MeetingSummary): BoardProject[] {
  const departmentId = entry.detail['department'];
  const basis = entry.detail['basis'];
  const opposed = entry.detail['opinion'] === 'disagree' && basis ? { meetingId: meeting.id, meetingTitle: meeting.title, basis, givenAt: entry.at } : null;
  return projects.map((project) =>
    project.id === meeting.projectId
      ? { ...project, items: project.items.map((item) => (item.departmentId === departmentId ? { ...item, opposed } : item)) }
      : project,
  );
}

/** Replaces the element with the same id in place, or appends it when new. */
function upsertById<T extends { id: string }>(list: T[], next: T): T[] {
  return list.some((x) => x.id === next.id) ? list.map((x) => (x.id === next.id ? next : x)) : [...list, next];
}
