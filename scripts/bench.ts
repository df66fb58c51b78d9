/**
 * `npm run bench`: throughput and latency of the public site, against a ceiling.
 *
 * Builds a fresh SQLite store with the example plan and starts the app in child processes
 * (`shinchoku serve`; and one process per core through node:cluster, sharing the store). Fetches
 * each page once for its exact bytes, plain and gzipped, and has nginx serve those same bytes as
 * static files (the gzip through gzip_static, so the same compressed bytes). Then loads each
 * server with wrk, in its own process, one at a time, on loopback. A page that does not answer
 * 200 is reported as missing, not measured. Needs Debian's nginx-light and wrk.
 *
 *   npm run bench                   # print the results as Markdown
 *   npm run bench -- --write        # and put them into BENCHMARKS.md, between the markers
 *   npm run bench -- --duration 5 --rounds 3 --connections 32 --threads 1 --workers 2   # defaults
 */
import { type ChildProcess, spawn } from "node:child_process";
import cluster from "node:cluster";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EXAMPLE_ORGANIZATION, EXAMPLE_REPORT, serveCommand } from "../src/cli/serve-command.ts";
import { importReportFile } from "../src/import/report-importer.ts";
import { openStore } from "../src/store/store.ts";
import {
  announced,
  benchTools,
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

const PAGES = [
  { label: "overview", path: "/plans/431001-1" },
  { label: "item 56", path: "/plans/431001-1/items/56" },
  { label: "search 保育", path: `/plans/431001-1/search?q=${encodeURIComponent("保育")}` },
];
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");
const MARKERS = ["<!-- bench:start -->", "<!-- bench:end -->"] as const;
if (process.argv.some((a) => a === "--scale" || a.startsWith("--scale="))) {
  // `npm run bench -- --scale N`: the same pages on a national data set (scripts/scale-bench.ts).
  const { scaleBench } = await import("./scale-bench.ts");
  process.exit(await scaleBench(process.argv.slice(2)));
}

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    threads: { type: "string", default: "1" },
    workers: { type: "string", default: String(availableParallelism()) },
    write: { type: "boolean", default: false },
    /** Internal: run as the clustered app server. */
    cluster: { type: "boolean", default: false },
  },
});

if (values.cluster) await clusteredApp(Number(values.workers));
else await bench();

interface Server {
  name: string;
  origin: string;
  /** Load it with a new URL for every request (a wrk script adds `bench=N`): every one renders. */
  uncached?: boolean;
}

async function bench(): Promise<void> {
  const { nginx, wrk } = benchTools("npm run bench");
  const wrkArgs = wrkOptions(values);
  const workers = Number(values.workers);
  const loadBefore = loadavg()[0] ?? 0;

  const work = mkdtempSync(join(tmpdir(), "shinchoku-bench-"));
  chmodSync(work, 0o755); // nginx's workers run as another user
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    const databaseUrl = `sqlite:${join(work, "bench.db")}`;
    const store = await openStore(databaseUrl);
    const { planSlug } = await importReportFile(store, EXAMPLE_REPORT, {
      organization: EXAMPLE_ORGANIZATION,
    });
    await store.close();
    if (planSlug !== "431001-1") throw new Error(`the example plan got the slug ${planSlug}`);

    const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" };
    const start = async (name: string, args: string[], ready: RegExp): Promise<Server> => {
      const child = spawn(process.execPath, ["--import", "tsx", ...args], {
        cwd: ROOT,
        env,
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      return { name, origin: await announced(child, ready) };
    };
    const servers: Server[] = [
      await start(
        "Shinchoku, 1 process",
        ["src/cli/main.ts", "serve", "--port", "0"],
        /(http:\/\/127\.0\.0\.1:\d+)\//u,
      ),
    ];
    servers.push({
      name: "Shinchoku, 1 process, rendering every request",
      origin: (servers[0] as Server).origin,
      uncached: true,
    });
    if (workers > 1)
      servers.push(
        await start(
          `Shinchoku, ${workers} processes`,
          ["scripts/bench.ts", "--cluster", "--workers", String(workers)],
          /cluster ready: (http:\/\/127\.0\.0\.1:\d+)/u,
        ),
      );

    const ceiling = await staticCeiling(nginx, work, (servers[0] as Server).origin, PAGES);
    children.push(ceiling.child);
    servers.push({ name: "nginx, static file", origin: ceiling.origin });
    const pages = ceiling.pages;

    const uniqueUrls = join(work, "unique-urls.lua");
    writeFileSync(uniqueUrls, UNIQUE_URLS_LUA);
    const measured = pages.filter((p) => p.bytes !== null);
    const argsFor = (server: Server) =>
      server.uncached ? [...wrkArgs, "-s", uniqueUrls] : wrkArgs;
    // Warm-up, not counted: every server on every page for two seconds (the JIT, each worker's
    // first render), so that the first page measured is not the one that pays for it.
    for (const page of measured)
      for (const server of servers) {
        const check = await get(`${server.origin}${page.path}`, "gzip");
        if (check.status !== 200 || check.body.byteLength !== page.bytes)
          throw new Error(`${server.name} sends other bytes for ${page.path}`);
        const warmUp = [...argsFor(server).filter((a) => !a.startsWith("-d")), "-d2s"];
        await load(wrk, warmUp, server.origin + page.path);
      }
    // Rounds, each going once over every page and server: a machine whose other load comes
    // and goes then weighs on every server alike, and the median of the rounds is reported.
    const runs = new Map<string, Load[]>();
    for (let round = 0; round < Number(values.rounds); round++)
      for (const page of measured)
        for (const server of servers) {
          const key = `${server.name} ${page.path}`;
          const run = await load(wrk, argsFor(server), server.origin + page.path);
          runs.set(key, [...(runs.get(key) ?? []), run]);
        }
    const results = new Map([...runs].map(([key, list]) => [key, median(list)]));

    const ms = (n: number) => `${n.toFixed(2)} ms`;
    const options = process.argv.slice(2).filter((a) => a !== "--write");
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on this machine: ${machineDescription({ nginx, wrk })}. Load average (1 min) ${loadBefore.toFixed(2)} before the run, ${(loadavg()[0] ?? 0).toFixed(2)} after.`,
      "",
      `Command: \`npm run bench${options.length > 0 ? ` -- ${options.join(" ")}` : ""}\`. A warm-up of 2 s for each page on each server, then ${values.rounds} rounds; in each, for every page and every server in turn: \`wrk ${wrkArgs.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")} URL\`; the table gives the median of the rounds.`,
      "",
      "| page | server | gzip bytes | req/s | p50 | p99 | of nginx |",
      "|---|---|---:|---:|---:|---:|---:|",
    ];
    for (const page of pages) {
      const name = `${page.label} \`${decodeURIComponent(page.path)}\``;
      if (page.bytes === null) {
        lines.push(`| ${name} | missing: HTTP ${page.status}, not measured | | | | | |`);
        continue;
      }
      const top = results.get(`nginx, static file ${page.path}`) as Load;
      for (const server of servers) {
        const r = results.get(`${server.name} ${page.path}`) as Load;
        const warn = r.problems ? ` ⚠ ${r.problems}` : "";
        lines.push(
          `| ${name} | ${server.name} | ${page.bytes} | ${Math.round(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.rps / top.rps).toFixed(2)}${warn} |`,
        );
      }
    }
    const report = lines.join("\n");
    console.log(report);
    if (values.write) {
      const text = readFileSync(BENCHMARKS_MD, "utf8");
      writeFileSync(BENCHMARKS_MD, replaceBetweenMarkers(text, MARKERS, report));
      console.log("\nBENCHMARKS.md updated.");
    }
  } finally {
    stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The app once per worker, all on one port (node:cluster shares the listening socket). */
async function clusteredApp(workers: number): Promise<void> {
  if (!cluster.isPrimary) {
    await serveCommand(["--port", "0"]);
    return;
  }
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) console.log(`cluster ready: http://127.0.0.1:${address.port}`);
  });
  cluster.on("exit", () => process.exit(1));
  process.once("SIGTERM", () => {
    cluster.removeAllListeners("exit");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
  for (let i = 0; i < workers; i++) cluster.fork({ ...process.env });
}
