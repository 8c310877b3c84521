import type { ConfigurationAction, ConfigurationChange, SessionUser } from '@hub/shared';
import { insertConfigurationChange } from '../calendar/configuration-log';
import type { Tx } from '../database/database';

/** R1: every department, people and deputy change on record, with the calendar and settings changes. */
export function recordPeopleChange(
  tx: Tx,
  actor: SessionUser,
  subject: 'departments' | 'users' | 'deputies',
  action: ConfigurationAction,
  target: string,
  before: unknown,
  after: unknown,
): Promise<ConfigurationChange> {
  return tx
    .one<{ now: Date }>(`SELECT date_trunc('milliseconds', hub_now()) AS now`)
    .then((row) => insertConfigurationChange(tx, { actor, at: row!.now, subject, action, target, before, after, recomputed: 0 }));
}
