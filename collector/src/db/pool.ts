/**
 * The PostgreSQL connection pool and a transaction helper. The only place that constructs `pg.Pool`.
 */
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/**
 * How the connections reach PostgreSQL: `session` (directly, or through a pooler in session mode) or `transaction`
 * (through PgBouncer or another pooler in transaction mode, where consecutive transactions of one client may run
 * on different server connections). The collector keeps no session state (advisory locks are transaction-scoped,
 * no SET, no LISTEN, no temporary tables); the one thing to change is named prepared statements, which live on one
 * server connection: in `transaction` mode every statement is sent unnamed (parsed each time, which costs
 * microseconds for the collector's short statements).
 */
export type PoolMode = 'session' | 'transaction';
export const POOL_MODES: readonly PoolMode[] = ['session', 'transaction'];

/** A client that drops the `name` of a query config, so the statement is prepared unnamed on whichever connection. */
class UnnamedStatementsClient extends pg.Client {}
const namedQuery = pg.Client.prototype.query;
UnnamedStatementsClient.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
  const unnamed = config !== null && typeof config === 'object' && 'name' in config && 'text' in config ? { ...config, name: undefined } : config;
  return (namedQuery as (...args: unknown[]) => unknown).call(this, unnamed, ...rest);
} as pg.Client['query'];

export function createPool(connectionString: string, max = 10, mode: PoolMode = 'session'): Pool {
  const pool = new pg.Pool({ connectionString, max, ...(mode === 'transaction' ? { Client: UnnamedStatementsClient } : {}) });
  // An idle client losing its connection (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws (no partial rows). */
export async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
