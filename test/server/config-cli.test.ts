import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-server/config';
import { openSql } from '../../src-server/db/open';
import { findUserByEmail } from '../../src-server/auth/accounts';
import { verifyPassword } from '../../src-server/auth/passwords';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'assist-ten-server-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('generates the JWT secret once, private to the owner, in the data directory', () => {
    const dir = tempDir();
    const first = loadConfig({ ASSIST_TEN_DATA_DIR: dir });
    const second = loadConfig({ ASSIST_TEN_DATA_DIR: dir });
    expect(Buffer.from(first.jwtSecret).equals(Buffer.from(second.jwtSecret))).toBe(true);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(first).toMatchObject({ port: 8787, host: '127.0.0.1', databaseUrl: undefined, bootstrapAdmin: undefined });
  });

  it('takes the secret from the environment, and refuses weak or half-given settings', () => {
    const dir = tempDir();
    const secret = 's'.repeat(40);
    expect(
      Buffer.from(loadConfig({ ASSIST_TEN_DATA_DIR: dir, ASSIST_TEN_JWT_SECRET: secret }).jwtSecret).toString(),
    ).toBe(secret);
    expect(() => loadConfig({ ASSIST_TEN_DATA_DIR: dir, ASSIST_TEN_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ ASSIST_TEN_DATA_DIR: dir, ASSIST_TEN_ADMIN_EMAIL: 'a@b.org' })).toThrow(/both/);
    expect(() => loadConfig({ ASSIST_TEN_DATA_DIR: dir, PORT: 'eighty' })).toThrow(/PORT/);
  });
});

function runCli(
  args: string[],
  env: Record<string, string>,
  stdin: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    // The CLI must not touch the CI's PostgreSQL here: it gets its own PGlite.
    delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], {
      env: childEnv,
      cwd: process.cwd(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('cli create-admin', () => {
  it('creates a super admin with the password from stdin, once', async () => {
    const dir = tempDir();
    const env = { ASSIST_TEN_DATA_DIR: dir };
    const created = await runCli(
      ['create-admin', '--email', 'Boss@Example.org', '--password-stdin'],
      env,
      'a sturdy pass phrase\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('boss@example.org');
    const again = await runCli(
      ['create-admin', '--email', 'boss@example.org', '--password-stdin'],
      env,
      'another pass phrase\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const usage = await runCli(['create-admin', '--email', 'x@example.org'], env, '');
    expect(usage.code).toBe(2);

    const sql = await openSql({ pgliteDir: dir });
    try {
      const admin = (await findUserByEmail(sql, 'boss@example.org'))!;
      expect(admin.doc.role).toBe('super_admin');
      expect(await verifyPassword(admin.doc.password_hash, 'a sturdy pass phrase')).toBe(true);
      expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
    } finally {
      await sql.close();
    }
  });

  it('refuses a short password', async () => {
    const res = await runCli(
      ['create-admin', '--email', 'weak@example.org', '--password-stdin'],
      { ASSIST_TEN_DATA_DIR: tempDir() },
      'short\n',
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('at least 10 characters');
  });
});
