import { mkdirSync } from 'node:fs';
import type { Extension } from '@electric-sql/pglite';
import { Mutex, withTimeout, type MutexInterface } from 'async-mutex';
import { PGliteDriver } from 'typeorm-pglite';
import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool';

// The contrib entry points ship CommonJS builds, but their type declarations are ESM-only.
/* eslint-disable @typescript-eslint/no-require-imports */
const { pgcrypto } = require('@electric-sql/pglite/contrib/pgcrypto') as { pgcrypto: Extension };
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
/* eslint-enable @typescript-eslint/no-require-imports */

type ConnectCallback = Parameters<PGlitePool['connect']>[0];

/**
 * PGlite has ONE session for every "connection": two transactions would interleave, and one's
 * ROLLBACK would undo the other's writes. So in embedded mode a connection is a lease on a
 * process-wide mutex, held from TypeORM's connect() until release(): a transaction (which keeps
 * its query runner until COMMIT/ROLLBACK) therefore runs alone. Nothing can bypass it, because
 * every TypeORM query goes through a query runner taken from this pool.
 */
const LEASE_TIMEOUT_MS = 60_000;
const newLock = (): MutexInterface =>
  withTimeout(
    new Mutex(),
    LEASE_TIMEOUT_MS,
    new Error(
      'The embedded database was busy for 60 s (a transaction that never ended, or a query outside it while it ran).',
    ),
  );
let lock = newLock();

class SerializedPGlitePool extends PGlitePool {
  override async connect(callback: ConnectCallback): Promise<void> {
    let unlock: MutexInterface.Releaser;
    try {
      unlock = await lock.acquire();
    } catch (error) {
      callback(error, null, () => undefined);
      return;
    }
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      unlock();
    };
    await super.connect((error, client) => {
      if (error) {
        done();
        callback(error, null, () => undefined);
      } else {
        callback(null, client, done);
      }
    });
  }
}

/** Whether someone holds the embedded database right now (for tests and diagnostics). */
export function embeddedDatabaseBusy(): boolean {
  return lock.isLocked();
}

/** A `driver` for TypeORM's postgres type that runs PostgreSQL 18 in WASM (PGlite). */
export function embeddedPostgresDriver(dataDir: string | null): { Pool: typeof SerializedPGlitePool } {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  lock = newLock();
  // Sets the options of the process-wide PGlite instance that PGlitePool opens lazily.
  new PGliteDriver({ dataDir: dataDir ?? undefined, extensions: { pgcrypto, pg_trgm } });
  return { Pool: SerializedPGlitePool };
}
