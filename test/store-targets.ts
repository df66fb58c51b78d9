import { randomUUID } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe } from "node:test";
import { deserialize, serialize } from "node:v8";
import pg from "pg";
import { openStore, type Store } from "../src/store/store.ts";
import {
  SHARED_TEMPLATE_PREFIX,
  sharedTemplateRun,
  TEST_POSTGRES_URL,
} from "./shared-templates.ts";
import { recordSkip } from "./skip-log.ts";

export { TEST_POSTGRES_URL };

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

/**
 * A store to copy: built once per test process (migrated, then filled by a seed) and copied for
 * each test — a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL — so a test pays
 * for neither the migrations nor the seed's import.
 */
interface Template<T> {
  /** The SQLite file or the PostgreSQL database name. */
  source: string;
  value: T;
}

/** Something a store is filled with before a test, built once per process and then copied. */
export interface StoreSeed<T> {
  /** Names the template; two seeds with one name must build the same data. */
  name: string;
  build(store: TestStore): Promise<T>;
}

/** The empty, migrated store. */
const EMPTY: StoreSeed<null> = { name: "empty", build: async () => null };

const templates = new Map<string, Promise<Template<unknown>>>();
const templateDatabases: string[] = [];
let dropsRegistered = false;

function databaseName(kind: "t" | "tpl"): string {
  return `shinchoku_${kind}_${process.pid}_${counter++}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

function postgresUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * pg's pool.end() resolves once its clients are told to end, not once they have: a connection
 * still closing would be terminated by a forced drop, or would make a copy of the database
 * fail. Wait (a few seconds at most) until the server has seen them all go.
 */
async function waitForConnectionsToClose(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where datname = $1",
        [name],
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  await waitForConnectionsToClose(name);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** The templates of this process are dropped when it has nothing left to do. */
function dropTemplatesAtExit(): void {
  if (dropsRegistered) return;
  dropsRegistered = true;
  process.once("beforeExit", () => {
    void Promise.all(templateDatabases.map((name) => dropDatabase(name).catch(() => {})));
  });
}

/**
 * Build a seed's template: a SQLite file in `folder` (a folder of its own by default), or a
 * PostgreSQL database — named by `databaseName` and dropped when this process ends, or, for a
 * template shared with the run's other processes, given its name by the caller.
 */
async function buildTemplate<T>(
  dialect: "sqlite" | "postgres",
  seed: StoreSeed<T>,
  shared?: { folder: string; database: string },
): Promise<Template<T>> {
  if (dialect === "sqlite") {
    const source = join(
      shared?.folder ?? mkdtempSync(join(tmpdir(), "shinchoku-template-")),
      "template.db",
    );
    const url = `sqlite:${source}`;
    const store = await openStore(url);
    try {
      const value = await seed.build({ ...store, url });
      return { source, value };
    } finally {
      // The last connection's close checkpoints the WAL into the file: the file alone is the copy.
      await store.close();
    }
  }
  const source = shared?.database ?? databaseName("tpl");
  if (!shared) {
    templateDatabases.push(source);
    dropTemplatesAtExit();
  }
  await adminQuery(
    `CREATE DATABASE "${source}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const url = postgresUrl(source);
  const store = await openStore(url);
  let value: T;
  try {
    value = await seed.build({ ...store, url });
  } finally {
    await store.close();
  }
  await waitForConnectionsToClose(source);
  return { source, value };
}

/**
 * The folder where the test runner's processes share their templates (scripts/run-tests.ts sets
 * it, and drops the run's PostgreSQL templates at its end): a seed is then built once per run,
 * not once per file. Each template is published by renaming a finished folder — its SQLite file
 * or the name of its PostgreSQL database, and the seed's value — so a process sees a template
 * whole or not at all; two processes building the same seed at once both build, the first to
 * publish wins, and the other drops its own.
 */
const SHARED_TEMPLATES = process.env.SHINCHOKU_TEST_TEMPLATES;

async function sharedTemplate<T>(
  dialect: "sqlite" | "postgres",
  seed: StoreSeed<T>,
  root: string,
): Promise<Template<T>> {
  const published = join(root, `${dialect}-${seed.name.replace(/[^a-z0-9-]/giu, "_")}`);
  const read = (): Template<T> => ({
    source: readFileSync(join(published, "source"), "utf8"),
    value: deserialize(readFileSync(join(published, "value"))) as T,
  });
  if (existsSync(published)) return read();
  const staging = mkdtempSync(join(root, "staging-"));
  const database = `${SHARED_TEMPLATE_PREFIX}${sharedTemplateRun(basename(root))}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const built = await buildTemplate(dialect, seed, { folder: staging, database });
  // The published SQLite file is the one in the renamed folder.
  const source = dialect === "sqlite" ? join(published, "template.db") : built.source;
  writeFileSync(join(staging, "source"), source);
  writeFileSync(join(staging, "value"), serialize(built.value));
  try {
    renameSync(staging, published);
    return { source, value: built.value };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    rmSync(staging, { recursive: true, force: true });
    if (dialect === "postgres") await dropDatabase(built.source);
    return read();
  }
}

function templateOf<T>(dialect: "sqlite" | "postgres", seed: StoreSeed<T>): Promise<Template<T>> {
  const key = `${dialect}:${seed.name}`;
  let template = templates.get(key);
  if (!template) {
    template = SHARED_TEMPLATES
      ? sharedTemplate(dialect, seed, SHARED_TEMPLATES)
      : buildTemplate(dialect, seed);
    templates.set(key, template);
    // A failed build is not kept: the next test builds again and reports its own error.
    template.catch(() => templates.delete(key));
  }
  return template as Promise<Template<T>>;
}

/**
 * What a seed built, without a store of its own: for tests that only read the seed's result
 * (a plan tree to export, say).
 */
export async function seedValue<T>(dialect: "sqlite" | "postgres", seed: StoreSeed<T>): Promise<T> {
  return structuredClone((await templateOf(dialect, seed)).value);
}

/** A fresh, empty store on the named database; closed and dropped by `dispose`. */
export async function freshStore(
  dialect: "sqlite" | "postgres",
): Promise<TestStore & { dispose(): Promise<void> }> {
  return (await seededStore(dialect, EMPTY)).store;
}

/**
 * A fresh store holding what `seed` builds (built once per process, then copied), with the
 * seed's result; closed and dropped by `dispose`.
 * @example const { store, value } = await seededStore("postgres", modelReportSeed);
 */
export async function seededStore<T>(
  dialect: "sqlite" | "postgres",
  seed: StoreSeed<T>,
): Promise<{ store: TestStore & { dispose(): Promise<void> }; value: T }> {
  const template = await templateOf(dialect, seed);
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-test-"));
    const path = join(dir, "test.db");
    copyFileSync(template.source, path);
    const url = `sqlite:${path}`;
    const store = await openStore(url);
    return {
      value: structuredClone(template.value),
      store: {
        ...store,
        url,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  }
  const name = databaseName("t");
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template.source}"`);
  const url = postgresUrl(name);
  const store = await openStore(url);
  return {
    value: structuredClone(template.value),
    store: {
      ...store,
      url,
      dispose: async () => {
        await store.close();
        await dropDatabase(name);
      },
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
