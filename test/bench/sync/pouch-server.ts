import { createRequire } from 'node:module';

/*
 * Child entry of pouch-peer.ts: express-pouchdb (the HTTP layer of
 * pouchdb-server) over an in-memory PouchDB (pouchdb-adapter-memory), on
 * 127.0.0.1 at PORT, in its own process as our sync server is. Mode
 * 'minimumForPouchDB': the routes PouchDB's replication uses, and no config
 * or log file written to the working directory.
 */

const require = createRequire(import.meta.url);

interface PouchStatic {
  plugin(plugin: unknown): PouchStatic;
  defaults(options: Record<string, unknown>): PouchStatic;
}
interface HttpServer {
  close(done: () => void): void;
}
type ExpressPouchDb = (
  pouch: PouchStatic,
  options: { mode: string },
) => { listen(port: number, host: string, ready: () => void): HttpServer };

const PouchDB = (require('pouchdb-node') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
const app = (require('express-pouchdb') as ExpressPouchDb)(PouchDB.defaults({ adapter: 'memory' }), {
  mode: 'minimumForPouchDB',
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () =>
  process.stderr.write(`pouchdb peer listening on ${process.env.PORT}\n`),
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
