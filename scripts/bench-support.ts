/** What the benchmark scripts (`npm run bench`, `npm run bench -- --scale N`, `npm run load`) share. */
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A wrk script that asks for a URL never asked before, so no kept page can answer. */
export const UNIQUE_URLS_LUA = `local n = 0
request = function()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench=" .. n)
end
`;

/** Resolves with the first match of `ready` (its group 1) in what a started server prints. */
export function announced(child: ChildProcess, ready: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no server started:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const origin = ready.exec(out)?.[1];
      if (origin) {
        clearTimeout(timer);
        // From here on the server's log (a line per request) is drained and dropped: kept and
        // searched again for every chunk, it cost the driver time quadratic in the requests,
        // on the same cores as the servers it measures.
        child.stdout?.off("data", read);
        child.stdout?.resume();
        out = "";
        resolve(origin);
      }
    };
    child.stdout?.on("data", read);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
}

/** The first line a tool prints about its version (nginx and wrk print it to stderr). */
export function versionOf(command: string, flag: string): string {
  const run = spawnSync(command, [flag], { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`.split("\n")[0]?.trim() || command;
}

/** `text` with what stands between the two markers replaced by `report`. */
export function replaceBetweenMarkers(
  text: string,
  markers: readonly [string, string],
  report: string,
): string {
  const [from, to] = [text.indexOf(markers[0]), text.indexOf(markers[1])];
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${markers.join(" … ")}`);
  return `${text.slice(0, from + markers[0].length)}\n${report}\n${text.slice(to)}`;
}

/** Where nginx and wrk are; exits with a hint when either is missing. */
export function benchTools(command: string): { nginx: string; wrk: string } {
  const nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].find((p) => existsSync(p));
  const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => existsSync(p));
  if (!nginx || !wrk) {
    const missing = [!nginx && "nginx", !wrk && "wrk"].filter(Boolean).join(" and ");
    console.error(`${command} needs ${missing}: apt-get install -y nginx-light wrk`);
    process.exit(2);
  }
  return { nginx, wrk };
}

/** The machine and tools, for the line above a table of results. */
export function machineDescription(tools: { nginx: string; wrk: string }): string {
  const cpu = cpus()[0]?.model.trim() || "unknown CPU";
  return `\`nproc\` ${availableParallelism()} (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${versionOf(tools.nginx, "-v")}, ${versionOf(tools.wrk, "-v").split(" [")[0]}`;
}

/** The wrk options of both benches: gzip asked for, latency percentiles printed. */
export function wrkOptions(o: { threads: string; connections: string; duration: string }) {
  return [
    `-t${o.threads}`,
    `-c${o.connections}`,
    `-d${o.duration}s`,
    "--latency",
    "--timeout",
    "10s",
    "-H",
    "Accept-Encoding: gzip",
  ];
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  problems: string | null;
}

/** The median of each figure over the rounds (rounds are few and odd, so a middle value). */
export function median(loads: Load[]): Load {
  const mid = <T>(xs: T[], by: (x: T) => number) =>
    by([...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T);
  const problems = loads.map((l) => l.problems).filter(Boolean);
  return {
    rps: mid(loads, (l) => l.rps),
    p50: mid(loads, (l) => l.p50),
    p99: mid(loads, (l) => l.p99),
    problems: problems.length > 0 ? problems.join("; ") : null,
  };
}

/** One wrk run (in its own process) with its requests per second and p50/p99 in ms. */
export async function load(wrk: string, args: string[], url: string): Promise<Load> {
  // Asynchronous, so this process keeps reading the servers' output while wrk runs.
  const { stdout: out } = await promisify(execFile)(wrk, [...args, url], { encoding: "utf8" });
  const time = (label: string) => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)\\s*$`, "mu").exec(out);
    if (!m) throw new Error(`wrk printed no ${label} latency:\n${out}`);
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as "us" | "ms" | "s"];
  };
  const rps = Number(/^Requests\/sec:\s+([\d.]+)/mu.exec(out)?.[1]);
  const problems = [
    /Non-2xx or 3xx responses: \d+/u.exec(out)?.[0],
    /Socket errors:.*/u.exec(out)?.[0],
  ].filter(Boolean);
  return { rps, p50: time("50%"), p99: time("99%"), problems: problems.join("; ") || null };
}

export function nginxConfig(prefix: string, port: number, locations: string[]): string {
  const temp = (name: string) => `${name}_temp_path ${join(prefix, `${name}-temp`)};`;
  return `worker_processes auto;
pid ${join(prefix, "nginx.pid")};
daemon off;
error_log ${join(prefix, "error.log")} warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    ${locations.join("\n    ")}
  }
}
`;
}

export interface Fetched {
  status: number;
  body: Buffer;
  type: string;
  encoding: string | undefined;
}

/**
 * A GET with the bytes as sent (fetch would decompress them), on a connection of its own: a
 * kept-alive one can be closed by the server's keep-alive timeout just as it is reused.
 */
export function get(url: string, acceptEncoding: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false, headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          type: res.headers["content-type"] ?? "text/html; charset=utf-8",
          encoding: res.headers["content-encoding"],
        }),
      );
    })
      .on("error", reject)
      .end();
  });
}

/** Resolves once something answers at `url` with `status` (any status when left out). */
export async function answering(url: string, status?: number, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      const got = await get(url, "identity");
      if (status === undefined || got.status === status) return;
    } catch {
      // nothing listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers at ${url}${status ? ` with ${status}` : ""}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface CeilingPage {
  label: string;
  path: string;
  /** The gzip bytes both servers send; null when the app did not answer 200 (not measured). */
  bytes: number | null;
  status: number;
}

/**
 * Fetch each page from the app once for its exact bytes, plain and gzipped, and start nginx
 * (in `work`, which it must be able to read) serving those same bytes as static files, the gzip
 * through gzip_static. The caller stops the returned child.
 */
export async function staticCeiling(
  nginx: string,
  work: string,
  appOrigin: string,
  pages: ReadonlyArray<{ label: string; path: string }>,
): Promise<{ origin: string; child: ChildProcess; pages: CeilingPage[] }> {
  const www = join(work, "www");
  mkdirSync(www, { mode: 0o755, recursive: true });
  const locations: string[] = [];
  const result: CeilingPage[] = [];
  for (const [i, page] of pages.entries()) {
    const plain = await get(`${appOrigin}${page.path}`, "identity");
    const gzip = await get(`${appOrigin}${page.path}`, "gzip");
    if (plain.status !== 200 || gzip.status !== 200) {
      result.push({ ...page, bytes: null, status: plain.status });
      continue;
    }
    const file = join(www, `page-${i}.html`);
    writeFileSync(file, plain.body, { mode: 0o644 });
    if (gzip.encoding === "gzip") writeFileSync(`${file}.gz`, gzip.body, { mode: 0o644 });
    const pathname = new URL(page.path, appOrigin).pathname;
    locations.push(`location = ${pathname} { default_type "${plain.type}"; alias ${file}; }`);
    result.push({ ...page, bytes: gzip.body.byteLength, status: 200 });
  }
  const port = await freePort();
  writeFileSync(join(work, "nginx.conf"), nginxConfig(work, port, locations));
  const child = spawn(
    nginx,
    ["-p", work, "-c", join(work, "nginx.conf"), "-e", join(work, "error.log")],
    { stdio: "inherit" },
  );
  const origin = `http://127.0.0.1:${port}`;
  await answering(`${origin}/`);
  return { origin, child, pages: result };
}
