import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { importReportFile } from "../import/report-importer.ts";
import { openReadReplica } from "../store/store.ts";
import { createApp } from "./app.ts";

forEachStore("a read replica for the public pages", (dialect) => {
  it("serves the public pages from the replica and the staff pages from the primary", async () => {
    const primary = await freshStore(dialect);
    const replicaStore = await freshStore(dialect);
    try {
      // The replica holds a plan the primary does not: what a page shows tells where it was read.
      await importReportFile(replicaStore, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      const replica = await openReadReplica(replicaStore.url);
      try {
        const app = createApp(primary, { readStore: replica });
        const overview = await app.request("/plans/431001-1");
        assert.equal(overview.status, 200, "the plan is read from the replica");
        assert.match(await overview.text(), /挑戦元年アクションプラン/u);
        const search = await app.request(`/plans/431001-1/search?q=${encodeURIComponent("保育")}`);
        assert.equal(search.status, 200);
        assert.equal(
          (await app.request("/api/v1/plans/431001-1")).status,
          404,
          "the API reads the primary",
        );
        const login = await app.request("/staff/login");
        assert.equal(login.status, 200, "the staff side runs on the primary");
        const ready = (await (await app.request("/readyz")).json()) as Record<string, unknown>;
        assert.equal(ready.status, "ready");
        assert.equal(typeof ready.readRevision, "number", "the replica's revision is reported");
        assert.notEqual(ready.readRevision, ready.revision, "the two stores are told apart");
      } finally {
        await replica.close();
      }
    } finally {
      await primary.dispose();
      await replicaStore.dispose();
    }
  });

  it("refuses a replica whose schema is behind this version's migrations", async () => {
    const store = await freshStore(dialect);
    try {
      const last = await store.db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .orderBy("name" as never, "desc")
        .executeTakeFirstOrThrow();
      const name = (last as { name: string }).name;
      await store.db
        .deleteFrom("kysely_migration" as never)
        .where("name" as never, "=", name as never)
        .execute();
      await assert.rejects(openReadReplica(store.url), (error: Error) => {
        assert.match(error.message, new RegExp(name, "u"));
        return true;
      });
    } finally {
      await store.dispose();
    }
  });
});
