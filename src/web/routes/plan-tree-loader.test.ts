import assert from "node:assert/strict";
import { it } from "node:test";
import { Hono } from "hono";
import { modelReportSeed } from "../../../test/factories/model-report.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { bumpRevision } from "../../commands/revision-bumper.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { type PlanTreeLoader, planTreeLoader } from "./plan-tree-loader.ts";

/** Asks the loader for `url` (`/plans/:slug…`) as a route would. */
async function load(loader: PlanTreeLoader, url: string): Promise<PlanTree | null> {
  const app = new Hono();
  let tree: PlanTree | null = null;
  app.get("/plans/:slug", async (c) => {
    tree = await loader(c);
    return c.text("ok");
  });
  await app.request(url);
  return tree;
}

forEachStore("the plan tree loader", (dialect) => {
  it("shares one loaded tree between requests while the data revision stays", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      const loader = planTreeLoader(store);
      const first = await load(loader, "/plans/431001-1");
      const second = await load(loader, "/plans/431001-1");
      assert.ok(first);
      assert.equal(second, first);
      assert.ok(
        Object.isFrozen(first.pillars[0]?.items ?? first.pillars[0]),
        "kept trees are frozen",
      );
      assert.equal(await load(loader, "/plans/no-such-plan"), null);
    } finally {
      await store.dispose();
    }
  });

  it("loads again once a write has moved the data revision", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      const loader = planTreeLoader(store);
      const before = await load(loader, "/plans/431001-1");
      await store.db.transaction().execute(async (trx) => {
        await trx.updateTable("plan").set({ title: "書き換えた計画名" }).execute();
        await bumpRevision(trx);
      });
      const after = await load(loader, "/plans/431001-1");
      assert.notEqual(after, before);
      assert.equal(after?.title, "書き換えた計画名");
    } finally {
      await store.dispose();
    }
  });

  it("keeps the trees of different periods apart and ignores a malformed period", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      const loader = planTreeLoader(store);
      const latest = await load(loader, "/plans/431001-1");
      assert.equal(latest?.period?.asOf, "2013-09-30");
      assert.equal(await load(loader, "/plans/431001-1?period=2014-03-31"), null);
      const named = await load(loader, "/plans/431001-1?period=2013-09-30");
      assert.equal(named?.period?.asOf, "2013-09-30");
      assert.notEqual(named, latest, "a named period is kept under its own key");
      assert.equal(await load(loader, "/plans/431001-1?period=2013-09-30&page=2"), named);
      assert.equal(await load(loader, "/plans/431001-1?period=not-a-date"), latest);
    } finally {
      await store.dispose();
    }
  });
});
