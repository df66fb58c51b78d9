import assert from "node:assert/strict";
import { it } from "node:test";
import { CompiledQuery, sql } from "kysely";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { staffedPlan } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { queryGrams } from "../../domain/search-tokens.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { searchIndexFor } from "../dialect/search-index.ts";
import { SEARCH_WINDOWS } from "../dialect/search-index-postgres.ts";
import type { Store } from "../store.ts";
import { type MeasureSearch, searchMeasures } from "./measure-search.ts";
import type { SearchTables } from "./search-entry-table.ts";
import { reindexPlan } from "./search-indexer.ts";

type TestStore = Awaited<ReturnType<typeof freshStore>>;

const CHIYODA = { code: "131016", name: "千代田区" };
const SAPPORO = { code: "011002", name: "札幌市" };

/** The model plan imported for three cities in three prefectures (43 熊本県, 13 東京都, 01 北海道). */
async function threeCities(store: Store) {
  const slugs: Record<string, string> = {};
  for (const organization of [KUMAMOTO, CHIYODA, SAPPORO])
    slugs[organization.code] = (
      await importReportFile(store, MODEL_REPORT_PATH, { organization })
    ).planSlug;
  return slugs;
}

async function national(store: Store, options: Parameters<typeof searchMeasures>[1]) {
  const found = await searchMeasures(store, { limit: 100, ...options });
  assert.ok(found, "the national search always answers");
  return found;
}

const organizations = (found: MeasureSearch) => found.results.map((r) => r.plan.organizationCode);

forEachStore("national search", (dialect) => {
  let store: TestStore;
  const setUp = async () => {
    store = await freshStore(dialect);
    return threeCities(store);
  };

  it("finds the measures of every organization's plan, each naming its organization and plan", async () => {
    const slugs = await setUp();
    try {
      const found = await national(store, { query: "保育" });
      assert.equal(found.total, 18, "6 measures in each of the three plans");
      assert.equal(found.period, null, "each plan is searched in its own latest period");
      assert.deepEqual(
        [...new Set(organizations(found))].sort(),
        [SAPPORO.code, CHIYODA.code, KUMAMOTO.code].sort(),
      );
      const chiyoda = found.results.find((r) => r.plan.organizationCode === CHIYODA.code);
      assert.deepEqual(chiyoda?.plan, {
        slug: slugs[CHIYODA.code],
        title: "挑戦元年アクションプラン",
        organizationCode: CHIYODA.code,
        organizationName: "千代田区",
      });
      assert.equal(chiyoda?.period, "2013-09-30");
      // The same measure ranks alike in every plan: by rank, then by organization code.
      assert.deepEqual(organizations(found).slice(0, 3), [
        SAPPORO.code,
        CHIYODA.code,
        KUMAMOTO.code,
      ]);
      const snippet = found.results.find((r) => r.snippet?.source === "progress")?.snippet;
      assert.ok(snippet && snippet.matches.length > 0, "snippets are marked as in a plan's search");
    } finally {
      await store.dispose();
    }
  });

  it("narrows by prefecture and by organization, and combines both with the query", async () => {
    await setUp();
    try {
      const tokyo = await national(store, { query: "保育", prefecture: "13" });
      assert.equal(tokyo.total, 6);
      assert.ok(organizations(tokyo).every((c) => c === CHIYODA.code));
      const sapporo = await national(store, { query: "市電", organization: SAPPORO.code });
      assert.ok(sapporo.total > 0);
      assert.ok(organizations(sapporo).every((c) => c === SAPPORO.code));
      assert.equal(
        sapporo.total,
        (await national(store, { query: "市電" })).total / 3,
        "a third of the national total",
      );
      assert.equal(
        (await national(store, { query: "保育", prefecture: "43", organization: CHIYODA.code }))
          .total,
        0,
        "千代田区 is not in 熊本県",
      );
      assert.equal((await national(store, { query: "保育", prefecture: "47" })).total, 0);
      assert.equal(
        (await national(store, { query: "保育", prefecture: "4%" })).total,
        18,
        "a malformed prefecture is ignored, never a LIKE pattern",
      );
    } finally {
      await store.dispose();
    }
  });

  it("pages through the results with a total over every page, and caps the count when asked", async () => {
    await setUp();
    try {
      const all = await national(store, { query: "電" });
      assert.ok(all.total > 20 && all.total === all.results.length && !all.totalCapped);
      const first = await national(store, { query: "電", limit: 7 });
      const second = await national(store, { query: "電", limit: 7, offset: 7 });
      assert.equal(first.total, all.total);
      const key = (f: MeasureSearch) => f.results.map((r) => `${r.plan.slug}/${r.measureCode}`);
      assert.deepEqual([...key(first), ...key(second)], key(all).slice(0, 14));
      const capped = await national(store, { query: "電", limit: 5, countLimit: 10 });
      assert.deepEqual([capped.total, capped.totalCapped, capped.results.length], [10, true, 5]);
      const exact = await national(store, { query: "保育", countLimit: 18 });
      assert.deepEqual([exact.total, exact.totalCapped], [18, false]);
    } finally {
      await store.dispose();
    }
  });

  it("ranks the newest matches when more match than the count limit: a re-indexed plan comes first", async () => {
    const slugs = await setUp();
    try {
      const newest = await national(store, { query: "保育", countLimit: 6 });
      assert.deepEqual([newest.total, newest.totalCapped], [6, true]);
      assert.deepEqual(
        [...new Set(organizations(newest))],
        [SAPPORO.code],
        "Sapporo's plan was indexed last: its six nursery measures are the newest",
      );
      const kumamoto = await store.db
        .selectFrom("plan")
        .select("id")
        .where("slug", "=", slugs[KUMAMOTO.code] ?? "")
        .executeTakeFirstOrThrow();
      await store.db.transaction().execute((trx) => reindexPlan(trx, kumamoto.id));
      const after = await national(store, { query: "保育", countLimit: 6 });
      assert.deepEqual([...new Set(organizations(after))], [KUMAMOTO.code]);
      const all = await national(store, { query: "保育", countLimit: 18 });
      assert.deepEqual([all.total, all.totalCapped], [18, false], "all 18 ranked when they fit");
    } finally {
      await store.dispose();
    }
  });

  it("reads older entries only while the newer ones hold too few matches, however far apart their ids", async () => {
    const slugs = await setUp();
    try {
      // Sapporo's entries stay where the import left them (ids in the hundreds); Chiyoda's are
      // written again from id 1,000,000, Kumamoto's from 3,000,000: Kumamoto's are in the
      // narrowest of PostgreSQL's windows (SEARCH_WINDOWS, counted back from the newest entry),
      // Chiyoda's only in the widest bounded one, Sapporo's only in the unbounded last.
      for (const [code, from] of [
        [CHIYODA.code, 1_000_000],
        [KUMAMOTO.code, 3_000_000],
      ] as const) {
        if (dialect === "postgres")
          await sql`select setval(pg_get_serial_sequence('search_entry', 'id'), ${from})`.execute(
            store.db,
          );
        else
          await sql`update sqlite_sequence set seq = ${from} where name = 'search_entry'`.execute(
            store.db,
          );
        const plan = await store.db
          .selectFrom("plan")
          .select("id")
          .where("slug", "=", slugs[code] ?? "")
          .executeTakeFirstOrThrow();
        await store.db.transaction().execute((trx) => reindexPlan(trx, plan.id));
      }
      const newest = await national(store, { query: "保育", countLimit: 6 });
      assert.deepEqual([newest.total, newest.totalCapped], [6, true]);
      assert.deepEqual([...new Set(organizations(newest))], [KUMAMOTO.code]);
      const two = await national(store, { query: "保育", countLimit: 12 });
      assert.deepEqual([two.total, two.totalCapped], [12, true]);
      assert.deepEqual(
        [...new Set(organizations(two))].sort(),
        [CHIYODA.code, KUMAMOTO.code].sort(),
      );
      const all = await national(store, { query: "保育", countLimit: 100 });
      assert.deepEqual([all.total, all.totalCapped], [18, false], "the oldest window is read too");
      if (dialect === "postgres") {
        // Six matches asked for, six in the newest window: no older window is read at all.
        const index = searchIndexFor(dialect);
        const hits = index.matchingEntries(queryGrams("保育"), {
          kind: "current",
          limit: 6,
          ids: await index.currentEntryIds(store.db as never),
        });
        const read = store.db.selectFrom(hits).select("e.id").compile();
        const explained = await store.db.executeQuery<Record<string, string>>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${read.sql}`, [...read.parameters]),
        );
        const lines = explained.rows.map((r) => Object.values(r).join(" "));
        // Each window's read of the entries (aliased c, c_1, …): only the first is executed.
        const scans = lines.filter((l) => / on search_entry c(?:_\d+)? /u.test(l));
        assert.equal(scans.length, SEARCH_WINDOWS.length + 1, lines.join("\n"));
        assert.deepEqual(
          scans.map((l) => /never executed/u.test(l)),
          [false, ...SEARCH_WINDOWS.map(() => true)],
          lines.join("\n"),
        );
      }
    } finally {
      await store.dispose();
    }
  });

  it("takes the narrowing into the newest matches: a prefecture's plan is found however many others match", async () => {
    await setUp();
    try {
      const found = await national(store, { query: "保育", prefecture: "43", countLimit: 6 });
      assert.deepEqual([found.total, found.totalCapped], [6, false]);
      assert.deepEqual([...new Set(organizations(found))], [KUMAMOTO.code]);
      // Read through the current entries of the prefecture's plans, whatever the others hold.
      const hits = searchIndexFor(dialect).matchingEntries(queryGrams("保育"), {
        kind: "current",
        limit: 7,
        planIds: store.db.selectFrom("plan").select("id").where("id", "=", 1),
      });
      const read = store.db.selectFrom(hits).select("e.id").compile();
      const explained = await store.db.connection().execute(async (connection) => {
        if (dialect === "postgres")
          await connection.executeQuery(CompiledQuery.raw("SET enable_seqscan = off"));
        return connection.executeQuery<Record<string, string>>(
          CompiledQuery.raw(
            `${dialect === "postgres" ? "EXPLAIN" : "EXPLAIN QUERY PLAN"} ${read.sql}`,
            [...read.parameters],
          ),
        );
      });
      const text = explained.rows.map((r) => Object.values(r).join(" ")).join("\n");
      assert.match(text, /search_entry_current_plan/u, text);
    } finally {
      await store.dispose();
    }
  });

  it("refuses the per-plan filters, which it cannot narrow the newest matches by", async () => {
    await setUp();
    try {
      await assert.rejects(searchMeasures(store, { query: "保育", pillar: 1 }), /prefecture/u);
    } finally {
      await store.dispose();
    }
  });

  it("returns normally for a 1,000-character query, SQL, HTML and symbols only", async () => {
    await setUp();
    try {
      const long = await national(store, { query: "保育".repeat(500) });
      assert.ok(long.truncated);
      assert.equal(long.total, 0);
      for (const query of ["'; DROP TABLE measure; --", "<script>alert(1)</script>", "%", "_"]) {
        const found = await national(store, { query });
        assert.equal(found.total, 0, query);
      }
      const symbols = await national(store, { query: "!!!???" });
      assert.deepEqual([symbols.terms, symbols.total, symbols.results], [[], 0, []]);
      assert.equal((await national(store, { query: "保育" })).total, 18, "nothing was dropped");
    } finally {
      await store.dispose();
    }
  });

  it("never finds a draft: only each plan's latest published period is searched", async () => {
    const draftStore = await freshStore(dialect);
    try {
      const { planSlug, staff } = await staffedPlan(draftStore);
      await importReportFile(draftStore, MODEL_REPORT_PATH, { organization: CHIYODA });
      await openPeriod(draftStore, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const draft = await draftStore.db
        .selectFrom("reporting_period")
        .innerJoin("plan", "plan.id", "reporting_period.plan_id")
        .select(["reporting_period.id", "reporting_period.state", "plan.id as plan_id"])
        .where("plan.slug", "=", planSlug)
        .where("reporting_period.as_of", "=", "2014-03-31")
        .executeTakeFirstOrThrow();
      assert.notEqual(draft.state, "published");
      await draftStore.db
        .updateTable("progress")
        .set({ narrative: "未公表の下書きだけにある鯱鉾の記述" })
        .where("reporting_period_id", "=", draft.id)
        .execute();
      // Index the draft, as any later re-index would: it is in the index, and still never found.
      await draftStore.db.transaction().execute((trx) => reindexPlan(trx, draft.plan_id));
      const indexed = await draftStore.db
        .withTables<SearchTables>()
        .selectFrom("search_entry")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("reporting_period_id", "=", draft.id)
        .executeTakeFirstOrThrow();
      assert.ok(Number(indexed.n) > 100, "the draft period has entries of its own");
      assert.equal((await national(draftStore, { query: "鯱鉾" })).total, 0);
      const nursery = await national(draftStore, { query: "保育", organization: KUMAMOTO.code });
      assert.equal(nursery.total, 6, "the published period, once");
      assert.ok(nursery.results.every((r) => r.period === "2013-09-30"));
      assert.equal((await national(draftStore, { query: "保育" })).total, 12);
    } finally {
      await draftStore.dispose();
    }
  });

  it("answers a one-character query through the full-text index", async () => {
    const indexStore = await freshStore(dialect);
    try {
      await importReportFile(indexStore, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      const hits = searchIndexFor(dialect).matchingEntries(queryGrams("電"), {
        kind: "current",
        limit: 1001,
      });
      const matchOnly = indexStore.db.selectFrom(hits).select("e.id").compile();
      if (dialect === "sqlite") {
        const plan = await indexStore.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${matchOnly.sql}`, [...matchOnly.parameters]),
        );
        assert.ok(
          plan.rows.some((r) => /search_fts VIRTUAL TABLE INDEX/u.test(r.detail)),
          plan.rows.map((r) => r.detail).join("\n"),
        );
      } else {
        const plan = await indexStore.db.connection().execute(async (connection) => {
          await connection.executeQuery(CompiledQuery.raw("SET enable_seqscan = off"));
          return connection.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`EXPLAIN ${matchOnly.sql}`, [...matchOnly.parameters]),
          );
        });
        const text = plan.rows.map((r) => Object.values(r).join(" ")).join("\n");
        // The current entries' own indexes: the GIN one, or the ids read newest first.
        assert.match(
          text,
          /Index Scan (Backward )?on search_entry_current_(recent|id|plan)/u,
          text,
        );
        assert.doesNotMatch(text, /Seq Scan/u, text);
      }
      const found = await national(indexStore, { query: "電" });
      assert.ok(found.total >= 7);
    } finally {
      await indexStore.dispose();
    }
  });
});
