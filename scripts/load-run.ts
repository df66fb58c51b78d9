/**
 * `npm run load`: a mixed load run against one `shinchoku serve` process.
 *
 * Public readers (wrk, in its own process: overview, every item, groups, report, measure list,
 * searches) from many connections, while department editors (this process, through the API with
 * department tokens) save drafts of their measures at the same time: every save moves the data
 * revision, so kept pages are thrown away and rendered again all through the run. Reports
 * requests per second, p50/p99 of both, every error, and the server's memory (RSS from /proc)
 * after the warm-up and at the end. Exits non-zero if any request failed.
 *
 *   npm run load                               # 60 s, print the results as Markdown
 *   npm run load -- --write                    # and put them into BENCHMARKS.md
 *   npm run load -- --duration 60 --connections 64 --editors 4 --save-interval 1000 --database postgres://…/db
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { openStore } from "../src/store/store.ts";
import { apiFixture, bearer } from "../test/factories/api-tokens.ts";
import { departmentMeasureCodes } from "../test/factories/staff.ts";
import { announced, replaceBetweenMarkers, versionOf } from "./bench-support.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");
const MARKERS = ["<!-- load:start -->", "<!-- load:end -->"] as const;
const SLUG = "431001-1";
const SEARCHES = [
  "保育",
  "市電",
  "ICT",
  "子ども",
  "観光",
  "防災",
  "ほいく",
  "ｼﾃﾞﾝ",
  "図書館",
  "地域",
];

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    warmup: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    editors: { type: "string", default: "4" },
    "save-interval": { type: "string", default: "1000" },
    database: { type: "string" },
    write: { type: "boolean", default: false },
  },
});

/** The public paths the readers go round, in a fixed order. */
function publicPaths(): string[] {
  const plan = `/plans/${SLUG}`;
  const paths = [`${plan}`, `${plan}/report`, `${plan}/measures`, "/", "/data"];
  for (let n = 1; n <= 130; n++) paths.push(`${plan}/items/${n}`);
  for (const q of SEARCHES) paths.push(`${plan}/search?q=${encodeURIComponent(q)}`);
  paths.push(`${plan}/measures?status=in_progress`, `${plan}/pillars/1`, `${plan}/pillars/2`);
  return paths;
}

/** A wrk script going round the paths and printing its figures as `key value` lines at the end. */
function wrkScript(paths: string[]): string {
  return `local paths = {${paths.map((p) => JSON.stringify(p)).join(", ")}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Accept-Encoding"] = "gzip" })
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d\\nduration_us %d\\n", summary.requests, summary.duration))
  io.write(string.format("errors_connect %d\\nerrors_read %d\\nerrors_write %d\\nerrors_status %d\\nerrors_timeout %d\\n",
    e.connect, e.read, e.write, e.status, e.timeout))
  for _, p in pairs({50, 90, 99}) do io.write(string.format("p%d_us %d\\n", p, latency:percentile(p))) end
  io.write(string.format("max_us %d\\n", latency.max))
end
`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The resident memory of a process, in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/mu.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function run(): Promise<number> {
  const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => existsSync(p));
  if (!wrk) {
    console.error("npm run load needs wrk: apt-get install -y wrk");
    return 2;
  }
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const editors = Number(values.editors);
  /** Each editor saves at most once in this many milliseconds. */
  const savePause = Number(values["save-interval"]);
  const work = mkdtempSync(join(tmpdir(), "shinchoku-load-"));
  const databaseUrl = values.database ?? `sqlite:${join(work, "load.db")}`;
  let server: ChildProcess | null = null;
  try {
    const store = await openStore(databaseUrl);
    const fixture = await apiFixture(store); // the example plan, its departments and staff, tokens
    const pools = [
      { token: fixture.tokens.nursery, codes: await departmentMeasureCodes(store, "保育幼稚園課") },
      { token: fixture.tokens.transport, codes: await departmentMeasureCodes(store, "交通政策課") },
    ];
    await store.close();

    server = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const origin = await announced(server, /(http:\/\/127\.0\.0\.1:\d+)\//u);
    const pid = server.pid as number;
    const loadBefore = loadavg()[0] ?? 0;

    // Editors: each owns measures of one department and saves them in turn, as fast as answered.
    let stopped = false;
    const saves: number[] = [];
    const saveErrors: string[] = [];
    const editor = async (index: number) => {
      const pool = pools[index % pools.length];
      if (!pool) return;
      const mine = pool.codes.filter(
        (_, i) => i % Math.ceil(editors / pools.length) === Math.floor(index / pools.length),
      );
      const versions = new Map<string, number>();
      for (let seq = 0; !stopped && mine.length > 0; seq++) {
        const code = mine[seq % mine.length] as string;
        const url = `${origin}/api/v1/plans/${SLUG}/measures/${code}/draft`;
        try {
          let version = versions.get(code);
          if (version === undefined) {
            const res = await fetch(url, bearer(pool.token));
            version = ((await res.json()) as { version: number }).version;
          }
          const started = performance.now();
          const res = await fetch(
            url,
            bearer(pool.token, "PUT", {
              narrative: `負荷試験の保存 ${index}-${seq}：${"進捗を記録".repeat(1 + (seq % 7))}`,
              statusCode: null,
              expectedVersion: version,
            }),
          );
          const body = (await res.json()) as { version?: number };
          const took = performance.now() - started;
          const wait = savePause - took;
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (!res.ok || typeof body.version !== "number") {
            saveErrors.push(`${code}: ${res.status}`);
            versions.delete(code);
          } else {
            saves.push(took);
            versions.set(code, body.version);
          }
        } catch (error) {
          saveErrors.push(`${code}: ${(error as Error).message}`);
        }
      }
    };

    const script = join(work, "paths.lua");
    writeFileSync(script, wrkScript(publicPaths()));
    const wrkArgs = (seconds: number) => [
      "-t2",
      `-c${values.connections}`,
      `-d${seconds}s`,
      "--timeout",
      "10s",
      "-s",
      script,
      origin,
    ];
    // Warm-up: readers and editors together, then the measured run from a fresh wrk.
    const editing = Array.from({ length: editors }, (_, i) => editor(i));
    await promisify(execFile)(wrk, wrkArgs(warmup));
    const rssAfterWarmup = rssMiB(pid);
    saves.length = 0;
    const rss: number[] = [];
    const rssEvery10s: number[] = [];
    const sampler = setInterval(() => {
      rss.push(rssMiB(pid));
      if (rss.length % 10 === 0) rssEvery10s.push(rss.at(-1) as number);
    }, 1000);
    const { stdout } = await promisify(execFile)(wrk, wrkArgs(duration), { encoding: "utf8" });
    clearInterval(sampler);
    stopped = true;
    await Promise.all(editing);
    const rssAtEnd = rssMiB(pid);

    const figures = new Map(
      stdout
        .split("\n")
        .map((line) => line.split(" "))
        .filter((parts) => parts.length === 2)
        .map(([k, v]) => [k as string, Number(v)]),
    );
    const f = (key: string) => figures.get(key) ?? Number.NaN;
    const readErrors =
      f("errors_connect") +
      f("errors_read") +
      f("errors_write") +
      f("errors_status") +
      f("errors_timeout");
    const sorted = [...saves].sort((a, b) => a - b);
    const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;
    const options = process.argv.slice(2).filter((a) => a !== "--write");
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on this machine: \`nproc\` ${availableParallelism()} (${cpus()[0]?.model.split(" ")[0] ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${versionOf(wrk, "--version").split(" [")[0]}, store ${databaseUrl.startsWith("sqlite:") ? "SQLite" : "PostgreSQL"}. Load average (1 min) ${loadBefore.toFixed(2)} before the run, ${(loadavg()[0] ?? 0).toFixed(2)} after.`,
      "",
      `Command: \`npm run load${options.length > 0 ? ` -- ${options.join(" ")}` : ""}\`. One \`shinchoku serve\` process. Readers: \`wrk -t2 -c${values.connections} -d${duration}s\` going round ${publicPaths().length} public paths (overview, all 130 items, pillars, report, measure list, ${SEARCHES.length} searches, plan list, catalogue), gzip accepted. Editors: ${editors} loops in the driver process saving drafts through the API with department tokens, each at most one save every ${savePause} ms; every save moves the data revision, so kept pages are thrown away and rendered again all through the run. ${warmup} s of warm-up with both, then ${duration} s measured.`,
      "",
      "| who | requests | req/s | p50 | p99 | errors |",
      "|---|---:|---:|---:|---:|---:|",
      `| readers (wrk) | ${f("requests")} | ${(f("requests") / (f("duration_us") / 1e6)).toFixed(0)} | ${ms(f("p50_us"))} | ${ms(f("p99_us"))} | ${readErrors} |`,
      `| editors (API saves) | ${saves.length} | ${(saves.length / duration).toFixed(1)} | ${percentile(sorted, 50).toFixed(2)} ms | ${percentile(sorted, 99).toFixed(2)} ms | ${saveErrors.length} |`,
      "",
      `Server memory (RSS): ${rssAfterWarmup.toFixed(0)} MiB after the warm-up, ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MiB during the run, ${rssAtEnd.toFixed(0)} MiB at the end (${(((rssAtEnd - rssAfterWarmup) / rssAfterWarmup) * 100).toFixed(0)} % against the warm-up); every 10 s: ${rssEvery10s.map((m) => m.toFixed(0)).join(", ")} MiB.`,
    ];
    if (saveErrors.length > 0) lines.push("", `Save errors: ${saveErrors.slice(0, 10).join("; ")}`);
    const markdown = lines.join("\n");
    console.log(markdown);
    if (values.write) {
      writeFileSync(
        BENCHMARKS_MD,
        replaceBetweenMarkers(readFileSync(BENCHMARKS_MD, "utf8"), MARKERS, markdown),
      );
      console.log("\nBENCHMARKS.md updated.");
    }
    return readErrors + saveErrors.length === 0 ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) server.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await run();
