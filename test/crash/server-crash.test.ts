import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
import { apiFixture, bearer } from "../factories/api-tokens.ts";
import { departmentMeasureCodes } from "../factories/staff.ts";
import { type ServerProcess, startServerProcess } from "../server-process.ts";
import { forEachStore, freshStore } from "../store-targets.ts";

/** Editors writing at once, each on measures of its own (no version conflicts between them). */
const WRITERS = 8;
/** The server is killed once this many edits were acknowledged, or after `WRITE_MS` of writing. */
const KILL_AFTER_EDITS = 150;
const WRITE_MS = 5000;

interface Acknowledged {
  narrative: string;
  version: number;
}

forEachStore("crash safety", (dialect) => {
  it("keeps every acknowledged edit, and nothing half-written, when the server is killed mid-write", async (t) => {
    const store = await freshStore(dialect);
    let server: ServerProcess | null = null;
    try {
      const { planSlug, tokens } = await apiFixture(store);
      // The measures each token may write: 保育幼稚園課 (items 56–58) and 交通政策課 (items 25–30).
      const nursery = await departmentMeasureCodes(store, "保育幼稚園課");
      const transport = await departmentMeasureCodes(store, "交通政策課");
      assert.ok(nursery.length >= 2 && transport.length >= 2, "both departments have measures");

      server = await startServerProcess(store.url);
      const base = server.base;
      const acknowledged = new Map<string, Acknowledged>();
      const inFlight = new Map<string, string>();
      let stopped = false;
      let sent = 0;
      let refused = 0;
      let acknowledgedEdits = 0;

      // Each writer owns some measures and saves them in turn, on the version it was last told.
      const writer = async (index: number) => {
        const token = index % 2 === 0 ? tokens.nursery : tokens.transport;
        const pool = index % 2 === 0 ? nursery : transport;
        const mine = pool.filter((_, i) => i % (WRITERS / 2) === Math.floor(index / 2));
        let seq = 0;
        while (!stopped && mine.length > 0) {
          const code = mine[seq % mine.length] as string;
          seq++;
          const url = `${base}/api/v1/plans/${planSlug}/measures/${code}/draft`;
          try {
            const version =
              acknowledged.get(code)?.version ??
              ((await (await fetch(url, bearer(token))).json()) as { version: number }).version;
            const narrative = `停止試験 ${index}-${seq}：${"進捗を記録中".repeat(1 + (seq % 5))}`;
            inFlight.set(code, narrative);
            sent++;
            const res = await fetch(
              url,
              bearer(token, "PUT", { narrative, statusCode: null, expectedVersion: version }),
            );
            const body = (await res.json()) as { version?: number };
            if (res.ok && typeof body.version === "number") {
              acknowledged.set(code, { narrative, version: body.version });
              inFlight.delete(code);
              acknowledgedEdits++;
            } else refused++;
          } catch {
            return; // the server is gone: what was in flight may or may not have been stored
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, i) => writer(i));
      const started = Date.now();
      while (acknowledgedEdits < KILL_AFTER_EDITS && Date.now() - started < WRITE_MS)
        await new Promise((resolve) => setTimeout(resolve, 10));
      server.child.kill("SIGKILL");
      await server.exited;
      stopped = true;
      await Promise.all(writers);
      server = null;
      assert.ok(acknowledged.size > 0, "some edits were acknowledged before the kill");

      // The store after the kill, read by a new server process and directly.
      server = await startServerProcess(store.url);
      const ready = await fetch(`${server.base}/plans/${planSlug}`);
      assert.equal(ready.status, 200, "the restarted server serves the plan");

      const rows = await store.db
        .selectFrom("progress as p")
        .innerJoin("measure as m", "m.id", "p.measure_id")
        .innerJoin("reporting_period as r", "r.id", "p.reporting_period_id")
        .select(["m.code", "p.measure_id as measureId", "p.narrative", "p.version"])
        .where("r.as_of", "=", "2014-03-31")
        .execute();
      const stored = new Map(rows.map((r) => [r.code, r]));
      let found = 0;
      for (const [code, ack] of acknowledged) {
        const row = stored.get(code);
        assert.ok(row, `${code}: a draft is stored`);
        const pending = inFlight.get(code);
        // The last acknowledged edit, or the one sent after it whose answer the kill cut off.
        if (row.narrative === ack.narrative) assert.equal(row.version, ack.version, code);
        else {
          assert.equal(row.narrative, pending, `${code}: the acknowledged edit is there`);
          assert.equal(row.version, ack.version + 1, code);
        }
        found++;
      }

      // Nothing half-written: every stored version of an edited draft has its audit record.
      const audited = await store.db
        .selectFrom("audit_event")
        .select(["measure_id", "after"])
        .execute();
      for (const code of acknowledged.keys()) {
        const row = stored.get(code);
        assert.ok(row);
        const hasAudit = audited.some(
          (a) => a.measure_id === row.measureId && String(a.after).includes(row.narrative),
        );
        assert.ok(hasAudit, `${code}: the stored draft has its audit record`);
      }
      if (dialect === "sqlite") {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          store.db,
        );
        assert.deepEqual(
          check.rows.map((r) => r.integrity_check),
          ["ok"],
        );
      }
      const summary = `crash (${dialect}): ${sent} edits sent, ${acknowledgedEdits} acknowledged on ${acknowledged.size} measures; the last acknowledged edit of ${found} of ${acknowledged.size} measures found after SIGKILL and restart; ${inFlight.size} in flight at the kill, ${refused} refused`;
      t.diagnostic(summary);
    } finally {
      if (server) {
        server.child.kill("SIGKILL");
        await server.exited;
      }
      await store.dispose();
    }
  });
});
