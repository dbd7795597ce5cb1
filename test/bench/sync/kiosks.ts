import { randomUUID } from 'node:crypto';
import { expectedId } from '@shared/storage/stored-doc';
import { SseParser } from '@shared/sync/sse';
import type { WireDoc } from '@shared/sync/wire';
import { seededRandom } from '@shared/seed/random';
import { composeSession } from '@shared/exam/session-composition';
import type { SeededAccount, SeededExam } from './seed';

/*
 * Simulated exam kiosks: lightweight HTTP clients, not RxDB instances (200
 * RxDB databases with 7 replicated collections each would make the bench
 * process, not the server, the bottleneck on 2 cores). Each kiosk does what
 * a station's sync client does on the wire during an exam:
 * - signs in as its own candidate account (POST /auth/login);
 * - optionally holds its live stream (GET /sync/stream) open and reads it,
 *   as every station does: each committed write makes the server look for
 *   changes for every open stream of a role that replicates the collection;
 * - creates its test session (POST /sync/test_sessions/push), on its own
 *   invitation to the seeded exam, composed as a station composes it;
 * - then pushes one answer at a time, as RxDB does for a single local write:
 *   `[{newDocumentState}]` to POST /sync/answers/push, waiting 1–3 s
 *   (uniform) between answers, for the run's duration.
 * Set-up (sign-in, stream connection, session creation) is not timed. Each
 * push is timed from the request to the end of its response body. A kiosk
 * pushes sequentially (a slow push delays its next answer, as in RxDB), so
 * a stalled server receives fewer requests: this is a closed loop and the
 * 1–3 s think time keeps that effect small while latencies stay far below it.
 */

export interface KioskOptions {
  baseUrl: string;
  accounts: readonly SeededAccount[];
  /** The assessment the kiosks take, with an invitation per account. */
  exam: SeededExam;
  durationMs: number;
  minGapMs: number;
  maxGapMs: number;
  /** Keep each kiosk's live stream open during the run. */
  streams: boolean;
  log: (msg: string) => void;
  /** Called once set-up is done, just before the timed phase. */
  onStart?: () => Promise<void>;
}

export interface KioskRun {
  /** Milliseconds per push, in completion order. */
  latencies: number[];
  failures: number;
  /** Change events the kiosks' streams delivered during the run. */
  streamEvents: number;
  elapsedMs: number;
}

interface Kiosk {
  account: SeededAccount;
  token: string;
  sessionId: string;
  questionIds: string[];
  stream?: AbortController;
}

async function postJson(url: string, token: string | undefined, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

function sessionDoc(kiosk: Kiosk, exam: SeededExam): WireDoc {
  const startedAt = new Date().toISOString();
  return {
    pk: kiosk.sessionId,
    kind: 'test_session',
    session_id: kiosk.sessionId,
    user_id: kiosk.account.id,
    candidate_name: `Candidate ${kiosk.account.email}`,
    candidate_email: kiosk.account.email,
    assessment_id: exam.assessmentId,
    assessment_token_id: exam.invitations.get(kiosk.account.email)!,
    ...composeSession(kiosk.sessionId, { question_set_id: exam.questionSetId }, exam.questionIds),
    started_at: startedAt,
    is_completed: false,
    is_scored: false,
    created_at: startedAt,
    updated_at: startedAt,
    _deleted: false,
  };
}

function answerDoc(kiosk: Kiosk, q: number, choice: string, seconds: number): WireDoc {
  const questionId = kiosk.questionIds[q]!;
  const id = expectedId('answer', { session_id: kiosk.sessionId, question_id: questionId })!;
  const stamp = new Date().toISOString();
  return {
    pk: id,
    kind: 'answer',
    id,
    session_id: kiosk.sessionId,
    question_id: questionId,
    selected_answer: choice,
    time_taken_seconds: seconds,
    created_at: stamp,
    updated_at: stamp,
    _deleted: false,
  };
}

/** Opens the kiosk's live stream; resolves at its first `resync` (connected), counts `change` events. */
function openStream(baseUrl: string, kiosk: Kiosk, onChange: () => void): Promise<void> {
  const controller = new AbortController();
  kiosk.stream = controller;
  return new Promise<void>((resolve, reject) => {
    void (async () => {
      try {
        const res = await fetch(`${baseUrl}/sync/stream`, {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${kiosk.token}` },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
            if (event.event === 'resync') resolve();
            else if (event.event === 'change') onChange();
          }
        }
      } catch (error) {
        if (!controller.signal.aborted) reject(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
}

export async function runKiosks(options: KioskOptions): Promise<KioskRun> {
  const { baseUrl, log } = options;
  const r = seededRandom(7);
  let streamEvents = 0;
  let counting = false;

  log(`signing in ${options.accounts.length} kiosks…`);
  const kiosks = await pool(options.accounts, 8, async (account): Promise<Kiosk> => {
    const res = await postJson(`${baseUrl}/auth/login`, undefined, {
      email: account.email,
      password: account.password,
    });
    const tokens = (await expectOk(res, `login ${account.email}`)) as { access_token: string };
    const sessionId = randomUUID();
    const { question_ids } = composeSession(
      sessionId,
      { question_set_id: options.exam.questionSetId },
      options.exam.questionIds,
    );
    return { account, token: tokens.access_token, sessionId, questionIds: question_ids };
  });

  try {
    if (options.streams) {
      log('opening their live streams…');
      await pool(kiosks, 20, (k) =>
        openStream(baseUrl, k, () => {
          if (counting) streamEvents++;
        }),
      );
    }
    log('creating their test sessions…');
    await pool(kiosks, 20, async (k) =>
      expectOk(
        await postJson(`${baseUrl}/sync/test_sessions/push`, k.token, [
          { newDocumentState: sessionDoc(k, options.exam) },
        ]),
        'session push',
      ),
    );

    log(
      `${kiosks.length} kiosks answering every ${options.minGapMs / 1000}–${options.maxGapMs / 1000} s for ${options.durationMs / 1000} s${options.streams ? ', live streams open' : ''}…`,
    );
    await options.onStart?.();
    const latencies: number[] = [];
    let failures = 0;
    counting = true;
    const start = performance.now();
    const end = start + options.durationMs;
    const gap = () => options.minGapMs + r.next() * (options.maxGapMs - options.minGapMs);
    await Promise.all(
      kiosks.map(async (k) => {
        // Each kiosk's own random phase, so pushes are spread rather than in lockstep.
        let due = start + r.next() * options.maxGapMs;
        for (let q = 0; q < k.questionIds.length; q++) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((res) => setTimeout(res, wait));
          if (performance.now() >= end) return;
          const body = [{ newDocumentState: answerDoc(k, q, r.pick(['A', 'B', 'C', 'D']), r.int(3, 120)) }];
          const t0 = performance.now();
          try {
            const res = await postJson(`${baseUrl}/sync/answers/push`, k.token, body);
            const conflicts = (await expectOk(res, 'answer push')) as unknown[];
            if (conflicts.length) throw new Error(`answer push: ${conflicts.length} conflicts`);
            latencies.push(performance.now() - t0);
          } catch (error) {
            failures++;
            if (failures <= 3) log(`push failed: ${String(error)}`);
          }
          due = performance.now() + gap();
        }
      }),
    );
    const elapsedMs = performance.now() - start;
    counting = false;
    return { latencies, failures, streamEvents, elapsedMs };
  } finally {
    for (const k of kiosks) k.stream?.abort();
  }
}
