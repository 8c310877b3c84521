/**
 * R17: a permit decision stands until a correction notice supersedes it. Once corrected (so that the
 * deemed consent it rested on can be revoked), the item may be decided again and take a new permit:
 * an item has at most one standing permit, checked under the project's lock by every path that issues one.
 */
export const STANDING_PERMITS = `SELECT p.item_id, p.notice_id FROM permits p WHERE NOT EXISTS (SELECT 1 FROM notices x WHERE x.corrects_id = p.notice_id)`;

/** Whether the item ($1) has a standing permit. */
export const HAS_STANDING_PERMIT = `SELECT 1 FROM (${STANDING_PERMITS}) sp WHERE sp.item_id = $1`;
