import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSql } from '../../src-server/db/open';
import type { Sql } from '../../src-server/db/sql';
import { serveStatic } from '../bench/browser/serve';
import { onExit } from '../bench/sync/exit';
import { freePort } from '../bench/sync/free-port';
import { startPostgres } from '../bench/sync/postgres';
import type { Profile } from './profiles';
import { startProxy, type Proxy } from './proxy';
import type { Rng } from './rng';
import { seedSoak, type SoakExam } from './seed';
import { soakServer, type SoakServer } from './server';
import { Station } from './station/station';
import { buildWeb } from './web-build';

/*
 * Everything the soak runs against, started in order and stopped in
 * reverse: the browser build (for the proxy's address) on a static server;
 * a throwaway PostgreSQL 15 cluster (test/bench/sync/postgres.ts, the way
 * test/server/with-postgres.sh makes one) seeded with the demo data and the
 * soak's exam; the sync server behind the proxy; the stations, each signed
 * in by the proctor. Whatever was started is stopped by `dispose`, and by
 * the exit hooks if the soak is interrupted.
 */

/** Screenshots of unexpected states and the server's warnings of a failed run. */
export const ARTIFACTS_DIR = process.env.SOAK_ARTIFACTS ?? resolve(import.meta.dirname, '../../test-results/soak');
const QUESTIONS = 8;
/** Long enough that no test runs out of time: the soak checks faults, not the exam clock. */
const DURATION_MINUTES = 120;
/** More than any run admits: a station that ran out would stop taking candidates. */
const INVITATIONS_PER_STATION = 600;

export interface Rig {
  sql: Sql;
  exam: SoakExam;
  server: SoakServer;
  proxy: Proxy;
  stations: Station[];
  dispose(): Promise<void>;
}

export async function startRig(profile: Profile, rng: Rng, log: (message: string) => void): Promise<Rig> {
  const disposers: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    for (const d of disposers.reverse()) await d().catch((e: unknown) => log(`cleanup failed: ${String(e)}`));
  };
  try {
    const [proxyPort, serverPort] = [await freePort(), await freePort()];
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const webDir = mkdtempSync(join(tmpdir(), 'assist-ten-soak-web-'));
    const unhookWeb = onExit(() => rmSync(webDir, { recursive: true, force: true }));
    disposers.push(async () => {
      rmSync(webDir, { recursive: true, force: true });
      unhookWeb();
    });
    await buildWeb(proxyUrl, webDir);
    const web = await serveStatic(webDir);
    disposers.push(() => web.close());
    log(`browser build served at ${web.url}, for the server at ${proxyUrl}`);

    const pg = await startPostgres('assist_ten_soak');
    disposers.push(async () => {
      // Its log goes with the cluster; kept, since a run that failed on the database needs it.
      try {
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
        copyFileSync(pg.logFile, join(ARTIFACTS_DIR, 'postgres.log'));
      } finally {
        await pg.stop();
      }
    });
    const sql = await openSql({ databaseUrl: pg.url });
    disposers.push(() => sql.close());
    const exam = await seedSoak(sql, rng.fork('seed'), {
      stations: profile.stations,
      invitationsPerStation: INVITATIONS_PER_STATION,
      questions: QUESTIONS,
      durationMinutes: DURATION_MINUTES,
    });
    const server = soakServer({ databaseUrl: pg.url, port: serverPort, corsOrigins: new URL(web.url).origin });
    disposers.push(() => server.dispose());
    const firstStart = await server.start();
    const proxy = await startProxy(proxyPort, { host: '127.0.0.1', port: serverPort });
    disposers.push(() => proxy.close());
    log(`PostgreSQL on port ${pg.port}, server up in ${firstStart} ms, seeded "${exam.title}"`);

    const stations = await setUpStations(profile, rng, exam, web.url, log);
    disposers.push(() => Promise.all(stations.map((s) => s.stop())));
    return { sql, exam, server, proxy, stations, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function setUpStations(
  profile: Profile,
  rng: Rng,
  exam: SoakExam,
  webUrl: string,
  log: (message: string) => void,
): Promise<Station[]> {
  const stations: Station[] = [];
  try {
    for (let i = 0; i < profile.stations; i++) {
      const station = new Station({
        index: i + 1,
        webUrl,
        signIn: {
          proctorEmail: exam.proctorEmail,
          proctorPassword: exam.proctorPassword,
          assessmentTitle: exam.title,
          // Every station's bundle holds every open invitation of the assessment.
          bundleInvitations: exam.invitations.flat().length,
        },
        invitations: exam.invitations[i]!,
        rng: rng.fork(`station ${i + 1}`),
        changeRate: 0.12,
        artifactsDir: ARTIFACTS_DIR,
        log,
      });
      stations.push(station);
      await station.setUp();
      log(`station ${i + 1} signed in by the proctor`);
    }
    return stations;
  } catch (error) {
    await Promise.all(stations.map((s) => s.stop()));
    throw error;
  }
}
