import type { BoardRowProject } from '../../contracts/board';
import type { BoardProject, CardEntry, CardState } from '../../contracts/card';
import type { MeetingSummary } from '../../contracts/meetings';

export type CardEntryOutcome = 'applied' | 'duplicate' | 'gap';

/** A board (whole, or one filtered page of it) as of a stream position. */
export interface PositionedBoard<P extends BoardRowProject = BoardProject> {
  position: number;
  projects: P[];
}

/**
 * R25: apply one live card entry to a board, in stream order. Already seen: duplicate, unchanged.
 * Not the next one: gap, unchanged (the caller asks for the missing range). Pure and immutable.
 * A board that shows one page of a filter (`onlyKnown`) updates its own rows and lets a project it
 * does not show pass: the server decides which projects the filter shows.
 */
export function applyCardEntry<B extends PositionedBoard<BoardRowProject>>(
  board: B,
  entry: CardEntry,
  { onlyKnown = false }: { onlyKnown?: boolean } = {},
): { board: B; outcome: CardEntryOutcome } {
  if (entry.position <= board.position) return { board, outcome: 'duplicate' };
  if (entry.position > board.position + 1) return { board, outcome: 'gap' };
  const projects = applyState(board.projects, entry, onlyKnown);
  return { board: { ...board, position: entry.position, projects }, outcome: 'applied' };
}

function applyState<P extends BoardRowProject>(projects: P[], entry: CardEntry, onlyKnown: boolean): P[] {
  const after: CardState = entry.after;
  switch (after.kind) {
    case 'project':
      // A full BoardProject has every field of a board row: it replaces the row as it is.
      if (onlyKnown && !projects.some((p) => p.id === after.project.id)) return projects;
      return upsertById(projects, after.project as unknown as P);
    case 'item': {
      const item = after.item;
      // An item of a project this board does not know is ignored; the position still advances.
      return projects.map((project) => (project.id === item.projectId ? { ...project, items: upsertById(project.items, item) } : project));
    }
    case 'meeting':
      // Meetings are not board cells; their effects on items arrive as item entries (R15) — except
      // R18: an opinion marks (or clears) its department's item "opposed at the meeting".
      return entry.action === 'meeting.opinion' ? applyOpinion(projects, entry, after.meeting) : projects;
  }
}

/** R18: the department's latest opinion decides whether its item shows opposed, as the server computes it. */
function applyOpinion<P extends BoardRowProject>(projects: P[], entry: CardEntry, meeting: MeetingSummary): P[] {
  const departmentId = entry.detail['department'];
  const basis = entry.detail['basis'];
  const opposed =
    entry.detail['opinion'] === 'disagree' && basis
      ? { meetingId: meeting.id, meetingTitle: meeting.title, basis, givenAt: entry.at }
      : null;
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
