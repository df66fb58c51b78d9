/**
 * `npm run bench -- --scale N`: how the public site's figures grow with the data (issue #6).
 *
 * Builds a fresh store (a SQLite file in a temp dir, or with `--database postgres://…` a fresh
 * database beside the given one, dropped at the end), imports the model report (timed), and
 * generates N−1 further organizations (2 plans each, 8 periods; rows per second). Starts one
 * `shinchoku serve` on it (NODE_ENV=production, LOG_LEVEL=warn) and measures, with wrk in its
 * own process, the example plan's overview and item page (kept pages, and every request
 * rendered) against nginx serving the same gzip bytes; then the national search
 * `/search?q=…` for 1-, 2-, 3- and 5-character queries and one that matches nothing, sequential
 * requests each with a URL never asked before (so the page cache cannot answer), beside a plain
 * `LIKE '%q%'` scan of the same texts run on the store from this process, and the same queries
 * within the example plan; and the server's peak memory (VmHWM). Every run's figures are kept
 * in bench/scale-results.json; `--write` regenerates the scale section of BENCHMARKS.md from all
 * of them. The largest plan's indicator page and the national indicator search are measured as
 * well (`indicator-bench.ts`: kept in bench/indicator-scale-results.json, their own section);
 * `--indicators-only` measures them alone. `--keep-database NAME` (PostgreSQL) fills the database NAME once and keeps it: a
 * later run at the same scale measures it again without the half hour of generation, and
 * reports the import and generator figures of the run that filled it.
 *
 *   npm run bench -- --scale 100 [--database postgres://postgres@127.0.0.1:5432/test] [--write]
 *   npm run bench -- --scale 1741 --database postgres://… --keep-database shinchoku_scale_1741
 *   npm run bench -- --scale 100 --indicators-only [--database postgres://…] [--write]
 *   npm run bench -- --scale 1 --duration 5 --rounds 3 --connections 32 --threads 1 --searches 50
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { EXAMPLE_ORGANIZATION, EXAMPLE_REPORT } from "../src/cli/serve-command.ts";
import { type GenerationSummary, generateDataSet } from "../src/generate/data-set-generator.ts";
import { MAX_ORGANIZATIONS } from "../src/generate/organization-generator.ts";
import { progressMeter } from "../src/generate/progress-meter.ts";
import { importReportFile } from "../src/import/report-importer.ts";
import { searchMeasures } from "../src/store/search/measure-search.ts";
import { openStore, type Store } from "../src/store/store.ts";
import {
  answering,
  benchTools,
  freePort,
  get,
  type Load,
  load,
  machineDescription,
  median,
  replaceBetweenMarkers,
  staticCeiling,
  UNIQUE_URLS_LUA,
  wrkOptions,
} from "./bench-support.ts";
import {
  type IndicatorRun,
  indicatorReport,
  keptIndicatorRuns,
  measureIndicators,
} from "./indicator-bench.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");
const RESULTS_JSON = join(ROOT, "bench", "scale-results.json");
const MARKERS = ["<!-- scale:start -->", "<!-- scale:end -->"] as const;
const INDICATOR_RESULTS_JSON = join(ROOT, "bench", "indicator-scale-results.json");
const INDICATOR_MARKERS = ["<!-- indicators:start -->", "<!-- indicators:end -->"] as const;
const PAGES = [
  { label: "overview", path: "/plans/431001-1" },
  { label: "item 56", path: "/plans/431001-1/items/56" },
];
/** Queries of 1, 2, 3 and 5 characters from the model report's words, and one found nowhere. */
const QUERIES = ["市", "保育", "市電の", "子育て支援", "量子計算機"];

interface PageFigures {
  label: string;
  path: string;
  gzipBytes: number | null;
  status: number;
  /** Kept page (the page cache answers). */
  app: Load | null;
  /** A URL never asked before on every request: every one renders. */
  rendering: Load | null;
  nginx: Load | null;
}
interface Latency {
  p50: number;
  p95: number;
  /** Matches: the index's count (capped as the page caps it) and the LIKE scan's. */
  matches: number;
}
interface SearchFigures {
  query: string;
  characters: number;
  http: Latency & { status: number };
  /** `searchMeasures` called in this process: the index without HTTP and rendering. */
  direct: { p50: number; p95: number };
  /** `searchMeasures` in the example plan only (its search page's query), in this process. */
  plan?: Latency;
  like: Latency;
}
export interface ScaleRun {
  dialect: "sqlite" | "postgres";
  scale: number;
  date: string;
  machine: string;
  host: string;
  command: string;
  loadBefore: number[];
  loadAfter: number[];
  importSeconds: number;
  /** The kept PostgreSQL database measured, when `--keep-database` named one. */
  keptDatabase?: string;
  generated: GenerationSummary | null;
  storeCounts: { plans: number; measures: number; searchEntries: number };
  wrk: string;
  rounds: number;
  pages: PageFigures[];
  searches: SearchFigures[];
  searchRequests: number;
  /** How many LIKE scans per query, when fewer than the searches (`--like-searches`). */
  likeScans?: number;
  /** The store's latest migration when measured (runs before migration 009 did not record it). */
  schema?: string;
  peakMemoryMiB: number | null;
  seconds: number;
}

export async function scaleBench(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: "string" },
      database: { type: "string" },
      write: { type: "boolean", default: false },
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      threads: { type: "string", default: "1" },
      searches: { type: "string", default: "50" },
      // The LIKE scan takes seconds at full size: fewer of them give its p50 well enough.
      "like-searches": { type: "string" },
      "keep-store": { type: "boolean", default: false },
      "keep-database": { type: "string" },
      // The indicator page and search only: no wrk, no measure search, the scale runs untouched.
      "indicators-only": { type: "boolean", default: false },
    },
  });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_ORGANIZATIONS + 1) {
    console.error(`--scale takes a number of organizations from 1 to ${MAX_ORGANIZATIONS + 1}`);
    return 2;
  }
  const tools = benchTools("npm run bench -- --scale");
  const wrkArgs = wrkOptions(values);
  const rounds = Number(values.rounds);
  const searches = Number(values.searches);
  const likeSearches = Number(values["like-searches"] ?? values.searches);
  const started = performance.now();
  const loadBefore = loadavg();
  const command = `npm run bench -- ${args.filter((a) => a !== "--write").join(" ")}`;

  const work = mkdtempSync(join(tmpdir(), "shinchoku-scale-"));
  chmodSync(work, 0o755); // nginx's workers run as another user
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  };
  let dropDatabase = async () => {};
  const onSignal = () => {
    stop();
    void dropDatabase().finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let store: Store | null = null;
  try {
    let databaseUrl = `sqlite:${join(work, "scale.db")}`;
    const keepDatabase = values["keep-database"];
    if (keepDatabase !== undefined && !values.database) {
      console.error("--keep-database names a PostgreSQL database: give --database as well");
      return 2;
    }
    if (values.database) {
      const made = await postgresDatabase(values.database, scale, keepDatabase);
      databaseUrl = made.url;
      dropDatabase = made.drop;
    }
    const dialect = databaseUrl.startsWith("sqlite:") ? "sqlite" : "postgres";
    store = await openStore(databaseUrl);
    // A kept database already filled at this scale is measured as it is; its import and
    // generator figures are those of the run that filled it.
    const filled = keepDatabase !== undefined && (await countsOf(store)).plans > 0;
    const earlier = keptRuns()[`${dialect}/${scale}`];
    if (filled && (await organizationCount(store)) !== scale) {
      console.error(`database ${keepDatabase} holds another scale: drop it or name another`);
      return 2;
    }
    let importSeconds = filled ? (earlier?.importSeconds ?? Number.NaN) : 0;
    if (!filled) {
      console.error(`scale ${scale} on ${dialect}: importing the model report…`);
      const importStarted = performance.now();
      const { planSlug } = await importReportFile(store, EXAMPLE_REPORT, {
        organization: EXAMPLE_ORGANIZATION,
      });
      importSeconds = (performance.now() - importStarted) / 1000;
      if (planSlug !== "431001-1") throw new Error(`the example plan got the slug ${planSlug}`);
    } else console.error(`scale ${scale} on ${dialect}: database ${keepDatabase} kept from before`);

    let generated: GenerationSummary | null = filled ? (earlier?.generated ?? null) : null;
    if (scale > 1 && !filled) {
      console.error(`generating ${scale - 1} organizations…`);
      const meter = progressMeter(process.stderr);
      generated = await generateDataSet(store, {
        organizations: scale - 1,
        plansPerOrganization: 2,
        periods: 8,
        seed: 1,
        fromYear: 2013,
        onProgress: meter.update,
      });
      meter.done();
      console.error(
        `generated ${generated.rows} rows in ${generated.seconds} s (${generated.rowsPerSecond} rows/s)`,
      );
    }
    const storeCounts = await countsOf(store);
    // Fresh statistics, as a deployment's autovacuum would have them after a bulk load.
    if (dialect === "postgres") await sql`analyze`.execute(store.db);

    const port = await freePort();
    const server = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "serve", "--port", String(port)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          NODE_ENV: "production",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    children.push(server);
    const origin = `http://127.0.0.1:${port}`;
    await answering(`${origin}/readyz`, 200, 600);

    console.error("the indicator page and search…");
    const indicatorFigures = await measureIndicators(store, origin, searches);
    const indicatorRun: IndicatorRun = {
      dialect,
      scale,
      date: new Date().toISOString(),
      machine: machineDescription(tools),
      command,
      loadBefore: loadBefore.map((n) => Number(n.toFixed(2))),
      loadAfter: loadavg().map((n) => Number(n.toFixed(2))),
      ...indicatorFigures,
      requests: searches,
    };
    const indicatorRuns = keptIndicatorRuns(INDICATOR_RESULTS_JSON);
    indicatorRuns[`${dialect}/${scale}`] = indicatorRun;
    writeFileSync(INDICATOR_RESULTS_JSON, resultsJson(indicatorRuns));
    const indicatorSection = indicatorReport(indicatorRuns);
    if (values["indicators-only"]) {
      console.log(indicatorSection);
      if (values.write) {
        const text = readFileSync(BENCHMARKS_MD, "utf8");
        writeFileSync(
          BENCHMARKS_MD,
          replaceBetweenMarkers(text, INDICATOR_MARKERS, indicatorSection),
        );
        console.log("\nBENCHMARKS.md updated.");
      }
      return 0;
    }

    const ceiling = await staticCeiling(tools.nginx, work, origin, PAGES);
    children.push(ceiling.child);
    const uniqueUrls = join(work, "unique-urls.lua");
    writeFileSync(uniqueUrls, UNIQUE_URLS_LUA);
    const servers: Array<{ key: string; origin: string; args: string[] }> = [
      { key: "app", origin, args: wrkArgs },
      { key: "rendering", origin, args: [...wrkArgs, "-s", uniqueUrls] },
      { key: "nginx", origin: ceiling.origin, args: wrkArgs },
    ];
    const measured = ceiling.pages.filter((p) => p.bytes !== null);
    console.error("loading the pages with wrk…");
    for (const page of measured)
      for (const s of servers) {
        const check = await get(`${s.origin}${page.path}`, "gzip");
        if (check.status !== 200 || check.body.byteLength !== page.bytes)
          throw new Error(`${s.key} sends other bytes for ${page.path}`);
        const warmUp = [...s.args.filter((a) => !a.startsWith("-d")), "-d2s"];
        await load(tools.wrk, warmUp, s.origin + page.path);
      }
    const runs = new Map<string, Load[]>();
    for (let round = 0; round < rounds; round++)
      for (const page of measured)
        for (const s of servers) {
          const key = `${s.key} ${page.path}`;
          const run = await load(tools.wrk, s.args, s.origin + page.path);
          runs.set(key, [...(runs.get(key) ?? []), run]);
        }
    const figure = (key: string, path: string) => {
      const list = runs.get(`${key} ${path}`);
      return list ? median(list) : null;
    };
    const pages: PageFigures[] = ceiling.pages.map((p) => ({
      label: p.label,
      path: p.path,
      gzipBytes: p.bytes,
      status: p.status,
      app: figure("app", p.path),
      rendering: figure("rendering", p.path),
      nginx: figure("nginx", p.path),
    }));

    console.error("searching…");
    let unique = 0;
    const searchFigures: SearchFigures[] = [];
    for (const query of QUERIES) {
      const url = () => `${origin}/search?q=${encodeURIComponent(query)}&bench=${++unique}`;
      let status = 0;
      const http = await timed(searches, async () => {
        const got = await get(url(), "gzip");
        status = got.status;
        if (got.status !== 200) throw new Error(`/search?q=${query} answered ${got.status}`);
      });
      const open = store;
      const found = await searchMeasures(open, { query, countLimit: 1000, limit: 20 });
      const direct = await timed(searches, async () => {
        await searchMeasures(open, { query, countLimit: 1000, limit: 20 });
      });
      const inPlan = await searchMeasures(open, { planSlug: "431001-1", query, limit: 20 });
      const plan = await timed(searches, async () => {
        await searchMeasures(open, { planSlug: "431001-1", query, limit: 20 });
      });
      let likeMatches = 0;
      const like = await timed(likeSearches, async () => {
        likeMatches = await likeScan(open, query);
      });
      searchFigures.push({
        query,
        characters: Array.from(query).length,
        http: { ...http, status, matches: found?.total ?? 0 },
        direct,
        plan: { ...plan, matches: inPlan?.total ?? 0 },
        like: { ...like, matches: likeMatches },
      });
      console.error(
        `  ${query}: http p50 ${http.p50.toFixed(1)} ms p95 ${http.p95.toFixed(1)} ms; direct p50 ${direct.p50.toFixed(1)} ms; in the plan p50 ${plan.p50.toFixed(1)} ms; LIKE p50 ${like.p50.toFixed(1)} ms p95 ${like.p95.toFixed(1)} ms`,
      );
    }

    const peakMemoryMiB = peakMemory(server.pid);
    const schema = await latestMigration(store);
    const run: ScaleRun = {
      dialect,
      scale,
      date: new Date().toISOString(),
      machine: machineDescription(tools),
      host: hostname(),
      command,
      loadBefore: loadBefore.map((n) => Number(n.toFixed(2))),
      loadAfter: loadavg().map((n) => Number(n.toFixed(2))),
      importSeconds: Number(importSeconds.toFixed(2)),
      ...(keepDatabase !== undefined ? { keptDatabase: keepDatabase } : {}),
      generated,
      storeCounts,
      wrk: `wrk ${wrkArgs.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")} URL`,
      rounds,
      pages,
      searches: searchFigures,
      searchRequests: searches,
      ...(likeSearches !== searches ? { likeScans: likeSearches } : {}),
      peakMemoryMiB,
      ...(schema !== null ? { schema } : {}),
      seconds: Math.round((performance.now() - started) / 1000),
    };
    const kept = keptRuns();
    kept[`${dialect}/${scale}`] = run;
    writeFileSync(RESULTS_JSON, resultsJson(kept));
    const report = scaleReport(kept);
    console.log(report);
    if (values.write) {
      const text = readFileSync(BENCHMARKS_MD, "utf8");
      writeFileSync(
        BENCHMARKS_MD,
        replaceBetweenMarkers(
          replaceBetweenMarkers(text, MARKERS, report),
          INDICATOR_MARKERS,
          indicatorSection,
        ),
      );
      console.log("\nBENCHMARKS.md updated.");
    }
    return 0;
  } finally {
    stop();
    await store?.close();
    await dropDatabase();
    if (!values["keep-store"]) rmSync(work, { recursive: true, force: true });
    else console.error(`store kept in ${work}`);
  }
}

/**
 * A new database beside the one `url` names (same server), and how to drop it; or, with
 * `keep`, the database of that name, made if it is not there yet and never dropped.
 */
async function postgresDatabase(
  url: string,
  scale: number,
  keep: string | undefined,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (keep !== undefined && !/^[a-z_][a-z0-9_]*$/u.test(keep))
    throw new Error(`--keep-database takes a lower-case name of letters, digits and _: ${keep}`);
  const name = keep ?? `shinchoku_scale_${scale}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const there = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (there.rowCount === 0)
    await admin.query(
      `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  let dropped = keep !== undefined;
  return {
    url: fresh.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The name of the latest migration the store has run (the server runs them as it starts). */
async function latestMigration(store: Store): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration
    order by name desc limit 1`.execute(store.db);
  return rows[0]?.name ?? null;
}

async function organizationCount(store: Store): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from organization`.execute(
    store.db,
  );
  return Number(rows[0]?.n ?? 0);
}

async function countsOf(store: Store) {
  const count = async (table: "plan" | "measure" | "search_entry") => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  };
  return {
    plans: await count("plan"),
    measures: await count("measure"),
    searchEntries: await count("search_entry"),
  };
}

/**
 * The plain scan the index is there to beat: the measures (re-listings left out) whose title,
 * item title, progress narrative in their plan's latest published period or roadmap text
 * (the texts the index holds) contains `query`, counted (every row read), by `LIKE '%q%'`.
 */
async function likeScan(store: Store, query: string): Promise<number> {
  const pattern = `%${query.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
  const { rows } = await sql<{ n: number }>`
    select count(*) as n
    from measure m
    join item i on i.id = m.item_id
    join reporting_period rp on rp.plan_id = m.plan_id and rp.state = 'published'
      and not exists (select 1 from reporting_period later
        where later.plan_id = rp.plan_id and later.state = 'published' and later.as_of > rp.as_of)
    left join progress p on p.measure_id = m.id and p.reporting_period_id = rp.id
    where m.relisting_of_measure_id is null
      and (m.title like ${pattern} escape '\\' or i.title like ${pattern} escape '\\'
        or p.narrative like ${pattern} escape '\\'
        or exists (select 1 from roadmap_entry r
          where r.measure_id = m.id and r.text like ${pattern} escape '\\'))`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/** p50 and p95 in ms of `n` sequential calls, after 5 not counted. */
async function timed(n: number, call: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return { p50: Number(at(0.5).toFixed(2)), p95: Number(at(0.95).toFixed(2)) };
}

/** The process's peak resident memory (VmHWM) in MiB, read before it is stopped. */
function peakMemory(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return null;
  const kb = /^VmHWM:\s+(\d+) kB/mu.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

/** The kept runs as JSON laid out as Biome formats it (short lists of numbers on one line). */
function resultsJson(kept: Record<string, ScaleRun> | Record<string, IndicatorRun>): string {
  const json = JSON.stringify(kept, null, 2).replace(
    /\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/gu,
    (_, numbers: string) => `[${numbers.split(/,\s+/u).join(", ")}]`,
  );
  return `${json}\n`;
}

function keptRuns(): Record<string, ScaleRun> {
  if (!existsSync(RESULTS_JSON)) return {};
  return JSON.parse(readFileSync(RESULTS_JSON, "utf8")) as Record<string, ScaleRun>;
}

/** The Markdown section of BENCHMARKS.md, from every kept run. */
export function scaleReport(kept: Record<string, ScaleRun>): string {
  const runs = Object.values(kept).sort(
    (a, b) => a.dialect.localeCompare(b.dialect) || a.scale - b.scale,
  );
  const ms = (n: number | undefined) => (n === undefined ? "" : `${n.toFixed(2)} ms`);
  const code = (s: string) => `\`${s}\``;
  const lines = [
    "How to run: `npm run bench -- --scale N [--database postgres://postgres@127.0.0.1:5432/test] [--write]` builds a fresh store (a SQLite file in a temp dir, or a fresh PostgreSQL database beside the one named, dropped at the end; with `--keep-database NAME`, that database, filled once and kept, a later run measuring it again with the first run's import and generator figures), imports the model report, generates N−1 further organizations (`shinchoku generate`'s generator: 2 plans each, 8 periods, seed 1), starts one `shinchoku serve` (NODE_ENV=production, LOG_LEVEL=warn) and measures it. Every run's figures are kept in `bench/scale-results.json` (with the machine, the load average before and after, and the wrk options); `--write` rebuilds this section from all of them. Needs nginx-light and wrk. Scale 1741 needs some 8 GB of disk for SQLite and takes long on PostgreSQL.",
    "",
    "### Runs",
    "",
    "| dialect | orgs | plans | measures | date (UTC) | load avg before → after | run | command |",
    "|---|---:|---:|---:|---|---|---:|---|",
  ];
  for (const r of runs)
    lines.push(
      `| ${r.dialect} | ${r.scale} | ${r.storeCounts.plans} | ${r.storeCounts.measures} | ${r.date.slice(0, 16).replace("T", " ")} | ${r.loadBefore[0]?.toFixed(2)} → ${r.loadAfter[0]?.toFixed(2)} | ${r.seconds} s | ${code(r.command)} |`,
    );
  const machines = [...new Set(runs.map((r) => r.machine))];
  lines.push("", `Machine: ${machines.join("; ")}.`);
  const first = runs[0];
  if (first)
    lines.push(
      "",
      `### Per-plan pages`,
      "",
      `The example plan (熊本市) at every scale: a warm-up of 2 s per page and server, then ${first.rounds} rounds of ${code(first.wrk)}, the median of the rounds. "kept" is the page cache answering (the same URL every time); "rendering" asks for a URL never asked before on every request (a wrk script adds \`bench=N\`), so every one renders; nginx serves the same gzip bytes as a static file: the ceiling. "of nginx" is req/s over nginx's req/s.`,
      "",
      "| page | dialect | orgs | gzip bytes | kept req/s | kept p50 | kept p99 | of nginx | rendering req/s | rendering p50 | rendering p99 | nginx req/s | nginx p99 |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
  for (const label of PAGES.map((p) => p.label))
    for (const r of runs) {
      const p = r.pages.find((x) => x.label === label);
      if (!p) continue;
      if (!p.app || !p.nginx || !p.rendering) {
        lines.push(
          `| ${label} ${code(p.path)} | ${r.dialect} | ${r.scale} | missing: HTTP ${p.status} | | | | | | | | | |`,
        );
        continue;
      }
      const warn = [p.app, p.rendering, p.nginx].map((l) => l.problems).filter(Boolean);
      lines.push(
        `| ${label} ${code(p.path)} | ${r.dialect} | ${r.scale} | ${p.gzipBytes} | ${Math.round(p.app.rps)} | ${ms(p.app.p50)} | ${ms(p.app.p99)} | ${(p.app.rps / p.nginx.rps).toFixed(2)} | ${Math.round(p.rendering.rps)} | ${ms(p.rendering.p50)} | ${ms(p.rendering.p99)} | ${Math.round(p.nginx.rps)} | ${ms(p.nginx.p99)}${warn.length > 0 ? ` ⚠ ${warn.join("; ")}` : ""} |`,
      );
    }
  if (first)
    lines.push(
      "",
      "### National search",
      "",
      `\`/search?q=…\` across the latest published period of every plan (the newest 1,000 matching entries ranked, as the page counts at most 1,000), through HTTP: ${first.searchRequests} sequential requests per query after 5 not counted, each with a fresh \`&bench=N\` so the page cache cannot answer (every one searches and renders). Beside it, from the bench process directly on the store, a plain \`LIKE '%q%'\` scan of the same texts (measure titles, item titles, roadmap texts and the progress narratives of each plan's latest published period; re-listings left out), counting every match. "direct" is \`searchMeasures\` (the page's query: 20 results, count capped at 1,000) called in the bench process on the same store, without HTTP and rendering: the fair comparison with the LIKE scan. "in the plan" is \`searchMeasures\` within the example plan (its own search page's query, every match ranked), in the bench process. "matches": the search's count (capped at 1,000 as the page caps it) / the LIKE scan's count.`,
      "",
      "| query | chars | dialect | orgs | search p50 | search p95 | direct p50 | direct p95 | in the plan p50 | in the plan p95 | LIKE p50 | LIKE p95 | matches |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
  for (const query of QUERIES)
    for (const r of runs) {
      const s = r.searches.find((x) => x.query === query);
      if (!s) continue;
      lines.push(
        `| ${query} | ${s.characters} | ${r.dialect} | ${r.scale} | ${ms(s.http.p50)} | ${ms(s.http.p95)} | ${ms(s.direct.p50)} | ${ms(s.direct.p95)} | ${ms(s.plan?.p50)} | ${ms(s.plan?.p95)} | ${ms(s.like.p50)} | ${ms(s.like.p95)} | ${s.http.matches} / ${s.like.matches} |`,
      );
    }
  for (const r of runs.filter((x) => x.likeScans !== undefined))
    lines.push(
      "",
      `The LIKE figures of ${r.dialect} ${r.scale} come from ${r.likeScans} scans per query after 5 not counted (\`--like-searches\`): each takes seconds at that size.`,
    );
  const older = runs.filter((r) => r.searches.every((x) => x.plan === undefined));
  if (older.length > 0)
    lines.push(
      "",
      `Runs without "in the plan" figures (${older.map((r) => `${r.dialect} ${r.scale}`).join(", ")}) measured the search as it was before migration 008: every period of every plan matched, each plan's latest published one kept, every match ranked.`,
    );
  const unwindowed = runs.filter((r) => r.dialect === "postgres" && r.schema === undefined);
  if (unwindowed.length > 0)
    lines.push(
      "",
      `The PostgreSQL runs ${unwindowed.map((r) => `at ${r.scale}`).join(", ")} measured the national search before migration 009: the newest matching entries were read from every match of the query (a bitmap over the GIN index of the current entries, every matching row fetched), not window by window.`,
    );
  lines.push(
    "",
    "### Import, generator and memory",
    "",
    "Import: the model report into the fresh store (`importReportFile`, the example plan). Generator: the N−1 further organizations, rows written and rows per second as the generator reports them. Peak memory: the server process's VmHWM from `/proc/PID/status` at the end of the run.",
    "",
    "| dialect | orgs | import of the model report | generated rows | generator rows/s | search entries | server peak memory |",
    "|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const r of runs)
    lines.push(
      `| ${r.dialect} | ${r.scale} | ${Number.isFinite(r.importSeconds) ? `${r.importSeconds.toFixed(2)} s` : "—"} | ${r.generated?.rows ?? "—"} | ${r.generated?.rowsPerSecond ?? "—"} | ${r.storeCounts.searchEntries} | ${r.peakMemoryMiB ?? "?"} MiB |`,
    );
  return lines.join("\n");
}
