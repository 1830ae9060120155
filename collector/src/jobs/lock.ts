/**
 * One run of a job at a time across every collector instance on the database. Each job takes a
 * transaction-scoped advisory lock (`pg_try_advisory_xact_lock`), which PgBouncer in transaction mode keeps
 * (a session lock would not be): an instance that finds the lock taken skips the run, since another instance is
 * doing the same work at that moment; the lock ends with the transaction, also when its connection dies.
 */
import { transaction, type Pool, type PoolClient } from '../db/pool.js';

/** The first key of the two-key form ("ccjb"), so job locks never meet the one-key locks of ingest and migrations. */
const JOB_LOCK_SPACE = 0x63636a62;
export const JOB_LOCKS = { rollup: 1, checkpoint: 2, purge: 3 } as const;

/** Runs `work` in one transaction holding the job's lock, or returns `undefined` if another instance holds it. */
export async function exclusively<T>(pool: Pool, job: keyof typeof JOB_LOCKS, work: (client: PoolClient) => Promise<T>): Promise<T | undefined> {
  return transaction(pool, async (client) => ((await tryJobLock(client, job)) ? work(client) : undefined));
}

/** Takes the job's lock inside a transaction that is already open, if no other transaction holds it. */
export async function tryJobLock(client: PoolClient, job: keyof typeof JOB_LOCKS): Promise<boolean> {
  const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS got', [JOB_LOCK_SPACE, JOB_LOCKS[job]]);
  return rows[0]?.got === true;
}

/** Waits for the job's lock inside a transaction that is already open (a one-off rebuild must not be skipped). */
export async function waitForJobLock(client: PoolClient, job: keyof typeof JOB_LOCKS): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [JOB_LOCK_SPACE, JOB_LOCKS[job]]);
}
