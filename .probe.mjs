import { PGlite } from '@electric-sql/pglite';
const t0 = Date.now();
const db = await PGlite.create();
console.log('start ms', Date.now() - t0);
await db.exec(`create sequence s; create table t(id text primary key, n bigint, j jsonb, b boolean, d double precision, i integer);
create function tr() returns trigger language plpgsql as $$ begin perform pg_advisory_xact_lock(42); new.n := nextval('s'); return new; end $$;
create trigger t1 before insert or update on t for each row execute function tr();
create function nt() returns trigger language plpgsql as $$ begin perform pg_notify('ch', TG_TABLE_NAME); return null; end $$;
create trigger t2 after insert or update on t for each statement execute function nt();`);
await db.listen('ch', (p) => console.log('notified', p));
await db.transaction(async (tx) => { await tx.query("insert into t values ($1, 0, $2::jsonb, true, 1.5, 3)", ['a', JSON.stringify({b:1,a:[1,"x\u00e9"]})]); console.log('in tx'); });
const r = await db.query('select * from t');
console.log(r.rows, typeof r.rows[0].n, r.fields);
try { await db.query("insert into t values ($1, 0, null, true, 1.5, 3)", ['a\u0000b']); } catch (e) { console.log('nul err', e.message, e.code); }
try { await db.query("insert into t values ($1, 0, null, true, 1.5, 3)", ['a']); } catch (e) { console.log('dup err', e.message, e.code, e.constraint, e.detail); }
console.log((await db.query("select pg_current_xact_id()::text x, version()")).rows);
await new Promise(r => setTimeout(r, 100));
await db.close();
