import { readdirSync, readFileSync } from "node:fs";
import { it } from "node:test";
import { gunzipSync } from "node:zlib";
import { replayBackupCase } from "./backup-case.ts";
import { readCsvCase } from "./plan-csv-case.ts";
import { readPlanJsonCase } from "./plan-json-case.ts";
import { readWorkbookCase } from "./plan-xlsx-case.ts";
import { readReportCase } from "./report-text-case.ts";

/**
 * Every input the fuzzers found failing, kept under regressions/ and named after what it caught
 * (gzipped when large). Each must now end in a draft or a rejection with a location, in time.
 * A `.backup` file holds a backup case's recipe (backup-case.ts), applied to a fresh backup of
 * the example plan: a backup file itself would stop matching the schema at the next migration.
 */
const dir = new URL("./regressions/", import.meta.url);

for (const name of readdirSync(dir).sort()) {
  it(`replays the fuzz regression ${name}`, async () => {
    const raw = readFileSync(new URL(name, dir));
    const bytes = new Uint8Array(name.endsWith(".gz") ? gunzipSync(raw) : raw);
    const kind = name.replace(/\.gz$/u, "").split(".").at(-1);
    if (kind === "txt") await readReportCase(bytes);
    else if (kind === "csv") await readCsvCase(bytes, null);
    else if (kind === "xlsx") await readWorkbookCase(bytes, { kind: "bytes", ops: [] });
    else if (kind === "json") await readPlanJsonCase(bytes);
    else if (kind === "backup") await replayBackupCase(JSON.parse(Buffer.from(bytes).toString()));
    else throw new Error(`no reader for ${name}`);
  });
}
