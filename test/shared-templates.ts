import { rmSync } from "node:fs";
import { basename } from "node:path";
import pg from "pg";

/** The PostgreSQL server the tests use; each test gets a database of its own on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** Prefix of the PostgreSQL templates shared by a run's processes (see test/store-targets.ts). */
export const SHARED_TEMPLATE_PREFIX = "shinchoku_run_";
/** The run's part of its shared templates' names, from their folder's name. */
export const sharedTemplateRun = (folderName: string) =>
  folderName.replace(/[^a-z0-9]/giu, "").toLowerCase();

/**
 * The end of a test run: drop the PostgreSQL templates its processes shared and remove their
 * folder. A server that does not answer had no templates made on it.
 */
export async function dropSharedTemplates(folder: string): Promise<void> {
  rmSync(folder, { recursive: true, force: true });
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch {
    return;
  }
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1)",
      [`${SHARED_TEMPLATE_PREFIX}${sharedTemplateRun(basename(folder))}_`],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
