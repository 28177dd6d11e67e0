/**
 * The two things the lab's code needs from a PostgreSQL client, and nothing
 * more, so the same code runs on PGlite (PostgreSQL compiled to WebAssembly,
 * in your browser or Node) and on a real server through `pg`: a statement
 * with bound parameters, and a transaction.
 */

/** What one statement returns: its rows, and for INSERT/UPDATE/DELETE how many rows it touched. */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows?: number;
}

/** Runs one SQL statement. Values go in `params` as $1, $2, …; never into the text. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

/**
 * A database: statements, and transactions. `transaction(fn)` runs BEGIN, then
 * `fn` with a handle whose statements run inside the transaction, then COMMIT;
 * if `fn` throws (or a statement fails), it rolls back and rethrows.
 */
export interface Db extends Sql {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** SQLSTATE 23505: a UNIQUE or PRIMARY KEY constraint refused a second row with the same key. */
export const UNIQUE_VIOLATION = '23505';

/** SQLSTATE 40001: a serializable (or repeatable read) transaction lost a race and must be retried. */
export const SERIALIZATION_FAILURE = '40001';

/** The SQLSTATE code of a database error (both PGlite and pg put it in `code`), or undefined for any other error. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
