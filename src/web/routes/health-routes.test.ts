import assert from "node:assert/strict";
import { it } from "node:test";
import { Hono } from "hono";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { jsonLogger } from "../logging/json-logger.ts";
import { healthRoutes } from "./health-routes.ts";

forEachStore("the health endpoints", (dialect) => {
  it("says healthy and ready, with the revision, while the store answers", async () => {
    const store = await freshStore(dialect);
    try {
      const app = new Hono();
      healthRoutes(app, store);
      const health = await app.request("/healthz");
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: "ok" });
      const ready = await app.request("/readyz");
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get("Cache-Control"), "no-store");
      const body = (await ready.json()) as { status: string; database: string; revision: number };
      assert.equal(body.status, "ready");
      assert.equal(body.database, dialect);
      assert.equal(typeof body.revision, "number");
    } finally {
      await store.dispose();
    }
  });

  it("says not ready (503) when the store does not answer, and logs why without telling the public", async () => {
    const store = await freshStore(dialect);
    const lines: string[] = [];
    const app = new Hono();
    healthRoutes(
      app,
      store,
      jsonLogger("info", (line) => lines.push(line)),
    );
    await store.close(); // the database is gone from under the server
    try {
      const ready = await app.request("/readyz");
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: "unavailable", database: dialect });
      assert.equal((await app.request("/healthz")).status, 200, "the process itself still answers");
      const logged = JSON.parse(lines[0] ?? "{}") as { level: string; msg: string; error?: object };
      assert.equal(logged.level, "warn");
      assert.equal(logged.msg, "not ready");
      assert.ok(logged.error, "the reason is in the log");
    } finally {
      await store.dispose().catch(() => {});
    }
  });
});
