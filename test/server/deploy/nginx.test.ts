import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../../../src-server/db/open';
import { skill } from '../fixtures';
import { openSseStream } from '../sse-client';
import {
  buildBundle,
  freePort,
  newJwtSecret,
  PASSWORD,
  removeTempDirs,
  ROOT,
  signIn,
  startServerProcess,
  tempDir,
  type ServerProcess,
} from './server-process';

/*
 * The nginx configuration of docs/deploy.md, as written there (only the addresses replaced, and a third
 * `server` line, as the doc says: one per process), in front of three built server processes on one
 * PostgreSQL. A live stream gets changes through nginx; its process is stopped (SIGTERM), then the next
 * stream's process is killed (SIGKILL); each time the stream ends, the client's next stream and every
 * request go through to a process that is still up.
 *
 * Needs nginx (`apt-get install nginx`; CI does not install it) and PostgreSQL (DATABASE_URL, as in
 * `bash test/server/with-postgres.sh`): skipped without either.
 */

const databaseUrl = process.env.DATABASE_URL;
const hasNginx = spawnSync('nginx', ['-v']).status === 0;
const schema = `nginx_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const admin = { email: 'admin@example.org', password: PASSWORD };

const processes: ServerProcess[] = [];
let nginx: ChildProcess | undefined;
let url: string;
let token: string;

/** The first ```nginx block of docs/deploy.md, listening on `port`, upstreams at `ports`. */
function documentedConfig(port: number, ports: number[]): string {
  const block = /```nginx\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8'))![1]!;
  const servers = block.match(/^ *server 127\.0\.0\.1:\d+ .*$/gm)!;
  expect(servers).toHaveLength(2);
  const lines = ports.map((p) => servers[0]!.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${p}`)).join('\n');
  return block.replace(servers.join('\n'), lines).replace(/^ *listen 80;/m, `    listen 127.0.0.1:${port};`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const streamsOpened = () => processes.map((p) => p.logs.filter((l) => l.msg === 'live stream opened').length);

/** The process that logs a stream opened after `before` (its log and the stream travel apart). */
async function streamOwner(before: number[]): Promise<number> {
  for (;;) {
    const owner = streamsOpened().findIndex((n, i) => n > before[i]!);
    if (owner >= 0) return owner;
    await sleep(10);
  }
}

async function push(name: string): Promise<number> {
  const res = await fetch(`${url}/sync/catalog/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ newDocumentState: skill(name) }]),
  });
  return res.status;
}

describe.skipIf(!databaseUrl || !hasNginx)('the documented nginx configuration', () => {
  beforeAll(async () => {
    const bundle = buildBundle();
    const shared = { databaseUrl, databaseSchema: schema, jwtSecret: newJwtSecret() };
    processes.push(await startServerProcess(bundle, { ...shared, dataDir: tempDir('nginx-0'), admin }));
    for (const n of [1, 2])
      processes.push(await startServerProcess(bundle, { ...shared, dataDir: tempDir(`nginx-${n}`) }));

    const prefix = tempDir('nginx');
    mkdirSync(join(prefix, 'logs'));
    const port = await freePort();
    const conf = join(prefix, 'nginx.conf');
    writeFileSync(
      conf,
      [
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/logs/error.log;`,
        'events {}',
        'http {',
        `access_log off; client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;`,
        documentedConfig(
          port,
          processes.map((p) => p.port),
        ),
        '}',
      ].join('\n'),
    );
    const check = spawnSync('nginx', ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn('nginx', ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    url = `http://127.0.0.1:${port}`;
    // nginx binds in a moment; until then, connections are refused.
    while (
      !(await fetch(`${url}/ready`).then(
        (r) => r.status === 200,
        () => false,
      ))
    )
      await sleep(20);
    token = await signIn(url, admin.email);
  }, 120_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    for (const p of processes)
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    if (databaseUrl) {
      const sql = await openSql({ databaseUrl, schema });
      await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
      await sql.close();
    }
    removeTempDirs();
  });

  it('streams unbuffered, and moves streams and requests off a stopped or killed process', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const before = streamsOpened();
      const stream = await openSseStream(url, token);
      expect((await stream.next())?.event).toBe('resync');
      const owner = await streamOwner(before);

      // Unbuffered: the change arrives while the stream stays open (a buffering proxy would hold it).
      const name = `Through nginx ${signal}`;
      expect(await push(name)).toBe(200);
      expect((await stream.nextChange('catalog')).documents.map((d) => d.name)).toEqual([name]);

      processes[owner]!.child.kill(signal);
      while (await stream.next());
      await processes[owner]!.exited;
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${url}/ready`)).status, await push(`${name} ${i}`));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
  }, 120_000);
});
