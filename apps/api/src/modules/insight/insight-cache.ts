import type { Actor } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { setBounded } from '../../common/bounded-map';

/** A cached answer is never older than this, whatever the data version says. */
export const INSIGHT_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

/**
 * What an answer may depend on about the caller: everything that decides scope and visibility
 * (not who the user is), so colleagues with the same scope share cached answers.
 */
export function audienceKey(actor: Actor): unknown {
  return [actor.role, actor.organisationId, actor.municipalityCode, [...actor.provinceCodes].sort()];
}

interface Entry {
  version: string;
  at: number;
  value: unknown;
}

/**
 * Insight answers (dashboard, blockers, view counts) cached per scope and query, keyed on the
 * data version: the sequence `insight_data_version`, which triggers on every table the figures
 * read advance on every write (deferred to commit on the case tables; see the Insight migration).
 * A write therefore makes the next request recompute; reading the version costs one tiny query.
 * The TTL bounds the one race left: a dashboard computed while a writer commits.
 */
@Injectable()
export class InsightCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly db: DataSource) {}

  async version(): Promise<string> {
    const found: { v: string }[] = await this.db.query(
      `SELECT last_value::text || CASE WHEN is_called THEN '' ELSE '-' END AS v FROM insight_data_version`,
    );
    return found[0]?.v ?? '';
  }

  /** The cached value for `key` at the current data version, or `compute()` (then cached). */
  async remember<T>(key: string, compute: () => Promise<T>, options: { fresh?: boolean } = {}): Promise<T> {
    const version = await this.version();
    const hit = this.entries.get(key);
    if (!options.fresh && hit && hit.version === version && Date.now() - hit.at < INSIGHT_CACHE_TTL_MS) {
      setBounded(this.entries, key, hit, MAX_ENTRIES); // most recently used last
      return hit.value as T;
    }
    const value = await compute();
    setBounded(this.entries, key, { version, at: Date.now(), value }, MAX_ENTRIES);
    return value;
  }
}
