import type { Doc } from '../domain/registry';
import type { SeedBuilder } from './seed-builder';

/** Three notifications for every account, the last one read. */
export function addNotifications(b: SeedBuilder, users: readonly Doc<'user'>[]) {
  const r = b.r;
  for (const u of users) {
    for (let n = 0; n < 3; n++) {
      const read = n === 2;
      b.add('notification', {
        notification_id: r.uuid(),
        user_id: u.id,
        notification_type: r.pick(['system', 'assessment', 'interview', 'application', 'proctoring'] as const),
        title: r.pick([
          'New application received',
          'Interview tomorrow',
          'Assessment published',
          'Flagged session to review',
          'Welcome to Assist-Ten',
        ]),
        message: 'Open Assist-Ten to see the details.',
        is_read: read,
        ...(read ? { read_at: b.at(-1) } : {}),
        is_archived: false,
        priority: r.pick(['low', 'normal', 'high'] as const),
      });
    }
  }
}
