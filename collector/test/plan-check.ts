// Reading query plans in tests: record the statements a piece of code sends, EXPLAIN them, and list the big tables
// a plan reads by a sequential scan and the indexes it uses. A statement that scans a whole table of millions of rows
// is fast on a test database and minutes in production, so tests check the plan, not the time.
import pg from 'pg';
import type { Pool, PoolClient } from '../src/db/pool.js';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

/**
 * A pool or client that records every statement sent through it (text and values), for EXPLAIN afterwards: on a
 * pool also those sent on the clients it lends (a report reads in one transaction), leaving out transaction control.
 */
export function recording<T extends Pool | PoolClient>(target: T): { pool: T; statements: Statement[] } {
  const statements: Statement[] = [];
  const record = <U extends object>(inner: U, query: (text: string, values: unknown[]) => unknown): U =>
    new Proxy(inner, {
      get(object, key, receiver) {
        if (key !== 'query') return Reflect.get(object, key, receiver) as unknown;
        return (text: string, values: unknown[] = []) => {
          if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SET )/i.test(text)) statements.push({ text, values });
          return query(text, values);
        };
      },
    });
  const recorded = record(target, (text, values) => target.query(text, values));
  if (!(target instanceof pg.Pool)) return { pool: recorded, statements };
  const pool = target;
  const lending = new Proxy(recorded, {
    get(object, key, receiver) {
      if (key !== 'connect') return Reflect.get(object, key, receiver) as unknown;
      return async () => {
        const client = await pool.connect();
        return record(client, (text, values) => client.query(text, values));
      };
    },
  });
  return { pool: lending, statements };
}

export function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** The tables of `big` a plan reads by a sequential scan. */
export function seqScans(node: PlanNode, big: readonly string[]): string[] {
  return nodesOf(node).flatMap((n) => (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && big.includes(n['Relation Name']) ? [n['Relation Name']] : []));
}

/** The indexes a plan reads. */
export function indexes(node: PlanNode): string[] {
  return nodesOf(node).flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
}

/** The plan PostgreSQL would choose for a statement (not run: EXPLAIN without ANALYZE). */
export async function planOf(db: Pool | PoolClient, text: string, values: unknown[] = []): Promise<PlanNode> {
  const { rows } = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
  return rows[0]?.['QUERY PLAN'][0]?.Plan ?? { 'Node Type': 'none' };
}
