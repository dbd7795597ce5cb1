import { afterEach, describe, expect, it } from 'vitest';
import { invitationTokenId } from '../../src-shared/domain/invitation-token';
import { verifyProctorPin } from '../../src-shared/lockdown/proctor-pin';
import { seedDatabase } from '../../src-server/cli';
import { readRows, rowToStored, selectFrom } from '../../src-server/db/rows';
import { PASSWORD, startServer, type TestServer } from './harness';

/*
 * The demo seed gives exam stations something to serve: open invitations
 * whose codes it reveals (and one of each refusal), and a PIN verifier for
 * the demo staff only when a PIN is supplied; none is built in.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function staffPins(s: TestServer) {
  const rows = await s.sql.query(`${selectFrom('user')} WHERE r.role <> 'candidate'`);
  return rows
    .map((row) => rowToStored('user', row).doc)
    .map((u) => [String(u.role), u.proctor_pin_hash as string | undefined] as const);
}

describe('the demo seed for exam stations', () => {
  it('reveals invitation codes whose stored state matches what a station must answer', async () => {
    server = await startServer();
    const report = await seedDatabase(server.sql, { password: PASSWORD });
    const states = report.invitations.map((i) => i.state);
    expect(states.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(3);
    expect(states).toEqual(expect.arrayContaining(['used', 'expired', 'assessment_closed']));
    const now = Date.now();
    for (const invitation of report.invitations) {
      const id = invitationTokenId(invitation.token);
      const token = (await readRows(server.sql, 'assessment_token', [id])).get(id)!.doc;
      const assessment = (await readRows(server.sql, 'assessment', [token.assessment_id as string])).get(
        token.assessment_id as string,
      )!.doc;
      const open = !token.is_used && Date.parse(token.expires_at as string) > now && assessment.is_published === true;
      expect(open, `${invitation.token} is ${invitation.state}`).toBe(invitation.state === 'open');
      if (invitation.state === 'used') expect(token.is_used).toBe(true);
      if (invitation.state === 'expired') expect(Date.parse(token.expires_at as string)).toBeLessThan(now);
      if (invitation.state === 'assessment_closed') expect(assessment.is_published).toBe(false);
    }
  }, 120_000);

  it('gives the demo proctor and admins a PIN verifier only when a PIN is given', async () => {
    server = await startServer();
    await seedDatabase(server.sql, { password: PASSWORD });
    expect((await staffPins(server)).filter(([, pin]) => pin !== undefined)).toEqual([]);
    await server.close();

    server = await startServer();
    await seedDatabase(server.sql, { password: PASSWORD, pin: '482916' });
    const pins = await staffPins(server);
    for (const [role, pin] of pins) {
      if (role === 'proctor' || role === 'admin' || role === 'super_admin') {
        expect(await verifyProctorPin('482916', pin!), role).toBe(true);
        expect(await verifyProctorPin('482917', pin!), role).toBe(false);
      } else expect(pin, role).toBeUndefined();
    }
    // Two seeds with argon2id and scrypt hashes: slow on a busy machine.
  }, 180_000);

  it('refuses an unacceptable PIN before writing anything', async () => {
    server = await startServer();
    await expect(seedDatabase(server.sql, { password: PASSWORD, pin: '12ab' })).rejects.toThrow(/PIN/);
    const rows = await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(rows[0]!.n).toBe(0);
  });
});
