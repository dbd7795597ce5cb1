import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetupStatus } from '../../src-shared/sync/setup-wire';
import { startServer, signUp, type TestServer } from '../../test/server/harness';
import { buildApp } from '../app';
import { ensureBootstrapAdmin, NO_SUPER_ADMIN_WARNING } from '../auth/bootstrap';
import type { RequestLogLevel } from './request-log';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GET /setup/status', () => {
  it('tells anyone, signed in or not, whether the server has an account, and nothing else', async () => {
    const empty = await server.app.inject({ method: 'GET', url: '/setup/status' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ has_accounts: false });
    expect(empty.headers['cache-control']).toBe('no-store');

    await signUp(server, 'recruiter');
    await signUp(server, 'candidate');
    const seeded = await server.app.inject({ method: 'GET', url: '/setup/status' });
    // The renderer's parser accepts it; a count or an email would make the strict object refuse it.
    expect(SetupStatus.parse(seeded.json())).toEqual({ has_accounts: true });
    expect(Object.keys(seeded.json())).toEqual(['has_accounts']);
  });
});

describe('the start-up warning without a super admin', () => {
  it('names the README’s seed and create-admin commands', async () => {
    const warnings: string[] = [];
    await ensureBootstrapAdmin(server.sql, undefined, {
      info: () => {},
      warn: (m: unknown) => warnings.push(String(m)),
    });
    expect(warnings).toEqual([NO_SUPER_ADMIN_WARNING]);
    expect(warnings[0]).toContain('echo "$DEMO_PASSWORD" | npm run seed -- --password-stdin');
    expect(warnings[0]).toContain(
      'echo "$PASSWORD" | npx tsx src-server/cli.ts create-admin --email admin@example.org --password-stdin',
    );
  });
});

describe('request log lines', () => {
  async function linesFor(requestLogLevel: RequestLogLevel | undefined, level: string) {
    const lines: { msg: string; level: number }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = await buildApp({
      sql: server.sql,
      config: { ...server.config, requestLogLevel },
      logger: { level, stream },
    });
    await app.inject({ method: 'GET', url: '/health' });
    await app.inject({ method: 'POST', url: '/sync/users/pull', payload: {} });
    await app.close();
    return lines;
  }

  it('are structured info lines when the server runs alone', async () => {
    const lines = await linesFor(undefined, 'info');
    expect(lines.filter((l) => l.msg === 'incoming request')).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'request completed' && l.level === 30)).toHaveLength(2);
  });

  it('are debug lines under npm start, out of sight at the default level', async () => {
    expect((await linesFor('debug', 'info')).map((l) => l.msg)).not.toContain('incoming request');
    const debug = await linesFor('debug', 'debug');
    expect(debug.filter((l) => l.msg === 'request completed').map((l) => l.level)).toEqual([20, 20]);
  });
});
