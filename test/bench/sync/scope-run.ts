import { randomUUID } from 'node:crypto';
import { SseParser } from '@shared/sync/sse';
import type { WireDoc } from '@shared/sync/wire';
import { openDatabase } from '../../../src-renderer/db/database';
import { memoryStorage } from '../../../src-renderer/db/storage';
import { ServerSession, startSync } from '../../../src-renderer/sync';
import { candidateProfile, edited, interview } from '../../server/fixtures';
import { bulkSeed, openBenchSql, seedAccounts, type SeededAccount } from './seed';
import type { SyncServer } from './server';

/*
 * Scope changes under load: 200 interviewers, each on one interview of
 * their own candidate, every one holding its live stream open (199
 * lightweight SSE clients, and one laptop running the product's sync
 * client: RxDB, replicateRxCollection and the live stream). A recruiter
 * moves one of the laptop's interviews to another interviewer and back,
 * again and again. Each move is timed from the moment the recruiter's push
 * is sent (so the push itself is included: an upper bound on "from the
 * commit") until the laptop's local database reflects it: the interview
 * gone, or back. Every move changes the scope of the laptop and of the
 * other interviewer, and makes the worker evaluate all 200 registered
 * interviewers.
 */

export interface ScopeRunOptions {
  server: SyncServer;
  databaseUrl: string;
  interviewers: number;
  moves: number;
  log: (msg: string) => void;
}

async function login(url: string, account: SeededAccount): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!res.ok) throw new Error(`login ${account.email}: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Opens a live stream and reads it until aborted; resolves once connected. */
async function openStream(url: string, token: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/sync/stream`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  await new Promise<void>((resolve, reject) => {
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          if (parser.push(decoder.decode(value, { stream: true })).some((e) => e.event === 'resync')) resolve();
        }
      } catch (error) {
        if (!signal.aborted) reject(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
}

async function seed(options: ScopeRunOptions) {
  const sql = await openBenchSql(options.databaseUrl);
  try {
    const password = 'scope bench password';
    const emails = Array.from(
      { length: options.interviewers },
      (_, i) => `panel${String(i + 1).padStart(3, '0')}@example.org`,
    );
    const interviewers = await seedAccounts(sql, 'interviewer', emails, password);
    const [recruiter] = await seedAccounts(sql, 'recruiter', ['scope.recruiter@example.org'], password);
    const candidates = interviewers.map((_, i) => candidateProfile(`applicant${i + 1}@example.org`));
    const interviews = interviewers.map((iv, i) => interview(iv.id, { candidate_id: candidates[i]!.pk }));
    await bulkSeed(sql, 'candidate', candidates);
    await bulkSeed(sql, 'interview_session', interviews);
    return { interviewers, recruiter: recruiter!, moved: interviews[0]! };
  } finally {
    await sql.close();
  }
}

/** Milliseconds per scope change, in order. */
export async function runScopeChanges(options: ScopeRunOptions): Promise<number[]> {
  const { server, log } = options;
  const { interviewers, recruiter, moved } = await seed(options);
  const [laptopUser, other] = [interviewers[0]!, interviewers[1]!];
  const streams = new AbortController();
  const db = await openDatabase({
    name: `bench_scope_${randomUUID()}`,
    storage: memoryStorage(),
    collections: ['interviews', 'candidates'],
  });
  const session = await ServerSession.login(server.url, laptopUser.email, laptopUser.password);
  const client = await startSync({ db, baseUrl: server.url, session, role: 'interviewer' });
  try {
    log(`opening ${interviewers.length - 1} interviewers' live streams…`);
    const tokens = [];
    for (const account of interviewers.slice(1)) tokens.push(await login(server.url, account));
    await Promise.all(tokens.map((token) => openStream(server.url, token, streams.signal)));
    await client.awaitInSync();
    const recruiterToken = await login(server.url, recruiter);
    const interviews = db.collections.interviews!;
    const holds = async () => (await interviews.findOne(moved.pk).exec()) !== null;
    if (!(await holds())) throw new Error('the laptop did not receive its interview');

    let master: WireDoc = moved;
    const latencies: number[] = [];
    for (let move = 0; move < options.moves; move++) {
      const to = move % 2 === 0 ? other.id : laptopUser.id;
      const next = edited(master, { interviewer_id: to });
      const reflected = new Promise<void>((resolve) => {
        const sub = interviews.findOne(moved.pk).$.subscribe((doc) => {
          if ((doc !== null) === (to === laptopUser.id)) {
            sub.unsubscribe();
            resolve();
          }
        });
      });
      const start = performance.now();
      const res = await fetch(`${server.url}/sync/interviews/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${recruiterToken}` },
        body: JSON.stringify([{ assumedMasterState: master, newDocumentState: next }]),
      });
      const conflicts = (await res.json()) as unknown[];
      if (!res.ok || conflicts.length) throw new Error(`move ${move}: ${res.status} ${JSON.stringify(conflicts)}`);
      master = next;
      await reflected;
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    log(`${latencies.length} scope changes: ${latencies.map((l) => l.toFixed(0)).join(' ')} ms`);
    return latencies;
  } finally {
    streams.abort();
    await client.stop();
    await db.remove();
  }
}
