/**
 * What a miss costs in process: the app (with the request log at the default level, its lines
 * going through the logger's buffer to /dev/null) asked for a page with a query no kept page
 * has, so each request renders. Prints p50 and p95 per page.
 *
 *   node --import tsx scripts/render-miss.ts [--requests 300] [--log-level info]
 */
import { mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { EXAMPLE_ORGANIZATION, EXAMPLE_REPORT } from "../src/cli/serve-command.ts";
import { importReportFile } from "../src/import/report-importer.ts";
import { openStore } from "../src/store/store.ts";
import { createApp } from "../src/web/app.ts";
import { bufferedOutput } from "../src/web/logging/buffered-output.ts";
import { jsonLogger, type LogLevel } from "../src/web/logging/json-logger.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    "log-level": { type: "string", default: "info" },
  },
});
const requests = Number(values.requests);
const work = mkdtempSync(join(tmpdir(), "shinchoku-miss-"));
try {
  const store = await openStore(`sqlite:${join(work, "miss.db")}`);
  await importReportFile(store, EXAMPLE_REPORT, { organization: EXAMPLE_ORGANIZATION });
  const devNull = openSync("/dev/null", "w");
  const out = bufferedOutput({ sink: (batch) => writeSync(devNull, batch) });
  const logger = jsonLogger(values["log-level"] as LogLevel, out.write);
  const app = createApp(store, { logger });
  const pages = [
    ["overview", "/plans/431001-1"],
    ["item 56", "/plans/431001-1/items/56"],
  ] as const;
  console.log(
    `load average (1 min) ${loadavg()[0]?.toFixed(2)} before; log level ${values["log-level"]}`,
  );
  for (const [name, path] of pages) {
    for (let i = 0; i < 50; i++) await (await app.request(`${path}?warm=${i}`)).arrayBuffer();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const res = await app.request(`${path}?miss=${i}`);
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    console.log(
      `${name}: p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (${requests} misses)`,
    );
  }
  console.log(`load average (1 min) ${loadavg()[0]?.toFixed(2)} after`);
  out.flush();
  await store.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
