import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';

/*
 * After a restart or reload, the station offers to continue an unfinished
 * exam. Only sessions this station opened with an invitation are offered
 * (a station may also hold other stations' sessions, e.g. the seed's).
 * A session whose time ran out while the station was off is still offered:
 * opening it submits it at once, so nothing answered before is lost.
 */

export interface ResumableSession {
  session: Doc<'test_session'>;
  assessmentTitle: string;
}

export async function findResumableSession(db: AppDatabase, stationId?: string): Promise<ResumableSession | undefined> {
  const open = await repo(db, 'test_session').find({ selector: { is_completed: false } });
  const mine = open
    .filter((s) => s.assessment_token_id && (stationId === undefined || s.station_id === stationId))
    .sort((a, b) => b.started_at.localeCompare(a.started_at));
  const session = mine[0];
  if (!session) return undefined;
  const assessment = session.assessment_id ? await repo(db, 'assessment').get(session.assessment_id) : undefined;
  return { session, assessmentTitle: assessment?.title ?? 'Assessment' };
}
