import assert from "node:assert/strict";
import { it } from "node:test";
import { ApiContract } from "../../../test/api-contract.ts";
import { apiFixture } from "../../../test/factories/api-tokens.ts";
import { modelReportSeed } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { createApp } from "../app.ts";

const contract = new ApiContract();

type Page = { total: number; page: number; perPage: number; pageCount: number; items: unknown[] };

async function get(app: ReturnType<typeof createApp>, url: string, init: RequestInit = {}) {
  const res = await app.request(url, init);
  const headers = res.headers;
  const status = res.status;
  const body = (await contract.check("GET", url, res)) as Page & Record<string, unknown>;
  return { status, headers, body };
}

/** The `rel` → URL pairs of a Link header. */
function links(header: string | null): Record<string, string> {
  return Object.fromEntries(
    (header ?? "").split(", ").map((part) => {
      const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/u.exec(part) ?? [];
      return [rel ?? "", url ?? ""];
    }),
  );
}

forEachStore("the read API", (dialect) => {
  it("pages measures with Link headers and a total, and refuses pages out of bounds", async () => {
    const {
      store,
      value: { planSlug: p },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const app = createApp(store);
      const originals = await store.db
        .selectFrom("measure")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("relisting_of_measure_id", "is", null)
        .executeTakeFirstOrThrow();
      const total = Number(originals.n);
      const first = await get(app, `/api/v1/plans/${p}/measures?per_page=50`);
      assert.equal(first.body.total, total);
      assert.equal(first.headers.get("X-Total-Count"), String(total));
      assert.equal(first.body.pageCount, Math.ceil(total / 50));
      assert.equal(first.body.items.length, 50);
      assert.deepEqual(links(first.headers.get("Link")), {
        first: `/api/v1/plans/${p}/measures?per_page=50&page=1`,
        next: `/api/v1/plans/${p}/measures?per_page=50&page=2`,
        last: `/api/v1/plans/${p}/measures?per_page=50&page=${first.body.pageCount}`,
      });
      const last = await get(app, links(first.headers.get("Link")).last ?? "");
      assert.equal(last.body.items.length, total - 50 * (first.body.pageCount - 1));
      assert.equal(links(last.headers.get("Link")).next, undefined);
      const ids = new Set<string>();
      for (let page = 1; page <= first.body.pageCount; page++) {
        const { body } = await get(app, `/api/v1/plans/${p}/measures?per_page=50&page=${page}`);
        for (const m of body.items as Array<{ id: string }>) ids.add(m.id);
      }
      assert.equal(ids.size, total, "every measure once across the pages");
      const beyond = await get(app, `/api/v1/plans/${p}/measures?page=1000`);
      assert.equal(beyond.status, 200);
      assert.deepEqual(beyond.body.items, []);
      assert.equal(
        links(beyond.headers.get("Link")).prev,
        `/api/v1/plans/${p}/measures?page=${beyond.body.pageCount}`,
      );
      for (const q of ["page=0", "page=-1", "page=1.5", "page=x", "per_page=0", "per_page=101"]) {
        const bad = await get(app, `/api/v1/plans/${p}/measures?${q}`);
        assert.equal(bad.status, 400, q);
        assert.equal(bad.body.field, q.split("=")[0]);
      }
      const plans = await get(app, "/api/v1/plans?per_page=1&page=2");
      assert.deepEqual([plans.body.total, plans.body.items.length], [1, 0]);
      const none = await get(app, "/api/v1/plans?organization=130001");
      assert.equal(none.body.total, 0);
      const ours = await get(app, "/api/v1/plans?organization=431001");
      assert.equal((ours.body.items[0] as { id: string }).id, p);
    } finally {
      await store.dispose();
    }
  });

  it("filters measures by status, group, fiscal year and re-listings", async () => {
    const {
      store,
      value: { planSlug: p },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const app = createApp(store);
      const all = await get(app, `/api/v1/plans/${p}/measures?per_page=100`);
      const withRelistings = await get(app, `/api/v1/plans/${p}/measures?relistings=true`);
      assert.ok(withRelistings.body.total > all.body.total);
      // The model report prints no statuses: each is suggested from its narrative, and says so.
      const unset = (await get(app, `/api/v1/plans/${p}/measures?status=unset`)).body.total;
      const completed = await get(app, `/api/v1/plans/${p}/measures?status=completed&per_page=100`);
      assert.ok(unset > 0 && unset < all.body.total);
      assert.ok(completed.body.total > 0);
      for (const m of completed.body.items as Array<{
        statusSource: string;
        statusSuggestion: { label: string; words: string[] };
      }>) {
        assert.equal(m.statusSource, "suggested");
        assert.equal(m.statusSuggestion.label, "本文から自動判定");
        assert.ok(m.statusSuggestion.words.length > 0);
      }
      const pillar2 = await get(app, `/api/v1/plans/${p}/measures?group=2&per_page=100`);
      assert.ok(pillar2.body.total > 0 && pillar2.body.total < all.body.total);
      for (const m of pillar2.body.items as Array<{ group: { path: string } }>)
        assert.match(m.group.path, /^2-/u);
      const category = await get(app, `/api/v1/plans/${p}/measures?group=1-1-1`);
      assert.ok(
        (category.body.items as Array<{ group: { path: string } }>).every(
          (m) => m.group.path === "1-1-1",
        ),
      );
      const fy = await get(app, `/api/v1/plans/${p}/measures?fiscalYear=2012&per_page=100`);
      assert.ok(fy.body.total > 0 && fy.body.total <= all.body.total);
      for (const q of ["group=9", "fiscalYear=1999", "relistings=yes", "period=2013-09-31"]) {
        const bad = await get(app, `/api/v1/plans/${p}/measures?${q}`);
        assert.equal(bad.status, q.startsWith("period") ? 404 : 400, q);
      }
    } finally {
      await store.dispose();
    }
  });

  it("shows a measure with its roadmap, departments and re-listings, and a re-listing's history through its original", async () => {
    const store = await freshStore(dialect);
    try {
      const f = await apiFixture(store, { open: false });
      const app = createApp(store);
      const p = f.planSlug;
      const nursery = await get(app, `/api/v1/plans/${p}/measures/${f.codes.nursery}`);
      assert.deepEqual(nursery.body.departments, [{ name: "保育幼稚園課", role: "lead" }]);
      assert.equal(nursery.body.narrative, "新設含む10ヶ所の保育所整備を実施中");
      assert.deepEqual(
        (nursery.body.roadmap as Array<{ fiscalYear: number }>).map((r) => r.fiscalYear),
        [2012, 2013],
      );
      const relisting = await store.db
        .selectFrom("measure as r")
        .innerJoin("measure as o", "o.id", "r.relisting_of_measure_id")
        .select(["r.code as relisting", "o.code as original"])
        .orderBy("r.id")
        .executeTakeFirstOrThrow();
      const original = await get(app, `/api/v1/plans/${p}/measures/${relisting.original}`);
      assert.ok(
        (original.body.relistedAt as Array<{ id: string }>).some(
          (r) => r.id === relisting.relisting,
        ),
      );
      const copy = await get(app, `/api/v1/plans/${p}/measures/${relisting.relisting}`);
      assert.deepEqual(copy.body.relistingOf, {
        id: relisting.original,
        itemNumber: (original.body.item as { number: number }).number,
      });
      assert.equal(copy.body.narrative, original.body.narrative);
      const history = await get(app, `/api/v1/plans/${p}/measures/${relisting.relisting}/progress`);
      assert.equal(history.body.source, relisting.original);
      assert.equal((history.body.items as unknown[]).length, 1);
      const summary = await get(app, `/api/v1/plans/${p}`);
      const counts = summary.body.counts as { measures: number; relistings: number };
      const listed = await get(app, `/api/v1/plans/${p}/measures?relistings=true`);
      assert.equal(counts.measures + counts.relistings, listed.body.total);
    } finally {
      await store.dispose();
    }
  });

  it("lets any origin read (CORS) but offers the draft endpoint to no other origin", async () => {
    const {
      store,
      value: { planSlug: p },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const app = createApp(store);
      const origin = { Origin: "https://opendata.example" };
      const preflight = await app.request(`/api/v1/plans/${p}/measures`, {
        method: "OPTIONS",
        headers: {
          ...origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "if-none-match",
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get("Access-Control-Allow-Origin"), "*");
      assert.equal(preflight.headers.get("Access-Control-Allow-Methods"), "GET,HEAD");
      const read = await get(app, `/api/v1/plans/${p}`, { headers: origin });
      assert.equal(read.headers.get("Access-Control-Allow-Origin"), "*");
      assert.match(read.headers.get("Access-Control-Expose-Headers") ?? "", /ETag/u);
      const draft = `/api/v1/plans/${p}/measures/M0001/draft`;
      const writePreflight = await app.request(draft, {
        method: "OPTIONS",
        headers: { ...origin, "Access-Control-Request-Method": "PUT" },
      });
      assert.equal(writePreflight.headers.get("Access-Control-Allow-Origin"), null);
      assert.notEqual(writePreflight.status, 204);
      const write = await app.request(draft, { method: "PUT", headers: origin });
      assert.equal(write.headers.get("Access-Control-Allow-Origin"), null);
      assert.equal(write.status, 401);
    } finally {
      await store.dispose();
    }
  });
});
