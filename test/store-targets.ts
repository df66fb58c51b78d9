import { randomUUID } from "node:crypto";
import { describe } from "node:test";
import pg from "pg";
import { openStore, type Store } from "../src/store/store.ts";
import { recordSkip } from "./skip-log.ts";

/** The PostgreSQL server the tests use; each test gets a database of its own on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresReachable(): Promise<string | null> {
  // A busy machine can be slow to answer: try a few times before calling the server absent.
  let problem = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const client = new pg.Client({
      connectionString: TEST_POSTGRES_URL,
      connectionTimeoutMillis: 10_000,
    });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (error) {
      problem = `PostgreSQL に接続できません（${TEST_POSTGRES_URL}: ${(error as Error).message}）`;
      // Nothing listening is a plain answer: no server here. Only a slow answer is tried again.
      if ((error as { code?: string }).code === "ECONNREFUSED") return problem;
    } finally {
      await client.end().catch(() => {});
    }
    if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return problem;
}

const postgresProblem = await postgresReachable();
let counter = 0;

export interface TestStore extends Store {
  /** The URL the store was opened with, for a second connection (a CLI run, a server). */
  url: string;
}

/** A fresh, empty store on the named database; closed and dropped by `dispose`. */
export async function freshStore(
  dialect: "sqlite" | "postgres",
): Promise<TestStore & { dispose(): Promise<void> }> {
  if (dialect === "sqlite") {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-test-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const store = await openStore(url);
    return {
      ...store,
      url,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `shinchoku_t_${process.pid}_${counter++}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(
    `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    ...store,
    url: url.toString(),
    dispose: async () => {
      await store.close();
      const drop = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await drop.connect();
      // pg's pool.end() resolves once its clients are told to end, not once they have: a
      // connection still closing would be terminated by the forced drop below, and its client
      // would throw "terminating connection due to administrator command" into whatever test
      // runs next. Wait (a few seconds at most) until the server has seen them all go.
      for (let i = 0; i < 100; i++) {
        const { rows } = await drop.query<{ n: string }>(
          "select count(*) as n from pg_stat_activity where datname = $1",
          [name],
        );
        if (Number(rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    },
  };
}

/**
 * Run a suite once per store: SQLite always, PostgreSQL when a server answers (otherwise the
 * suite is skipped, and the skip is reported by the test runner).
 * @example forEachStore("plan import", (dialect) => { it("…", async () => { const s = await freshStore(dialect); … }) })
 */
export function forEachStore(name: string, suite: (dialect: "sqlite" | "postgres") => void): void {
  describe(`${name} (SQLite)`, () => suite("sqlite"));
  if (postgresProblem) {
    recordSkip(`${name} (PostgreSQL)`, postgresProblem);
    describe(`${name} (PostgreSQL)`, { skip: postgresProblem }, () => {});
  } else {
    describe(`${name} (PostgreSQL)`, () => suite("postgres"));
  }
}
