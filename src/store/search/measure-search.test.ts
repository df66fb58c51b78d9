import assert from "node:assert/strict";
import { it } from "node:test";
import { CompiledQuery, type KyselyPlugin, Migrator, sql } from "kysely";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { assignDepartment } from "../../commands/departments/department-assigner.ts";
import { queryGrams } from "../../domain/search-tokens.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { searchIndexFor } from "../dialect/search-index.ts";
import { migrationProvider } from "../migrations/index.ts";
import type { Store } from "../store.ts";
import { type MeasureSearchOptions, searchMeasures } from "./measure-search.ts";
import { loadSearchFilters } from "./search-filters.ts";

type TestStore = Awaited<ReturnType<typeof freshStore>>;

/** A fresh store with the model report imported, disposed of afterwards. */
async function withModelPlan(
  dialect: "sqlite" | "postgres",
  test: (store: TestStore, planSlug: string) => Promise<void>,
) {
  const store = await freshStore(dialect);
  try {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    // Statuses as the report printed them (none); the filters' tests set their own.
    await clearSuggestedStatuses(store);
    await test(store, planSlug);
  } finally {
    await store.dispose();
  }
}

async function search(store: Store, options: MeasureSearchOptions) {
  const found = await searchMeasures(store, { limit: 100, ...options });
  assert.ok(found, `the plan ${options.planSlug} is there`);
  return found;
}

const itemNumbers = (found: { results: Array<{ item: { number: number | null } }> }) =>
  found.results.map((r) => r.item.number);
const codes = (found: { results: Array<{ measureCode: string }> }) =>
  found.results.map((r) => r.measureCode);

forEachStore("measure search", (dialect) => {
  it("finds the nursery measures of items 56–58 first for 保育, the title matches above the progress-only one", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const found = await search(store, { planSlug, query: "保育" });
      const numbers = itemNumbers(found);
      assert.equal(found.total, 6);
      assert.deepEqual(
        numbers.slice(0, 5).sort((a, b) => (a ?? 0) - (b ?? 0)),
        [56, 56, 57, 57, 58],
      );
      assert.equal(numbers[5], 64, "基幹型児童発達支援事業 mentions 保育園 in its progress only");
      const first = found.results[0];
      assert.ok(first);
      assert.ok(first.titleMatches.length > 0 || first.item.titleMatches.length > 0);
      const last = found.results[5];
      assert.equal(last?.snippet?.source, "progress");
      assert.equal(last?.snippet?.text.slice(3, 5), "保育");
      assert.deepEqual(last?.snippet?.matches[0], { start: 3, end: 5 });
    });
  });

  it("finds the measures of items 29, 37 and 43 for 市電, and names where an original is re-listed", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const found = await search(store, { planSlug, query: "市電" });
      const numbers = new Set(itemNumbers(found));
      for (const n of [29, 37, 43]) assert.ok(numbers.has(n), `item ${n}`);
      assert.ok(numbers.has(28) && numbers.has(31), "市電 in the progress of items 28 and 31");
      assert.equal(found.total, found.results.length);
      const atItem29 = found.results.find((r) => r.item.number === 29);
      assert.deepEqual(
        atItem29?.relistedAt.map((l) => l.itemNumber),
        [113],
        "the re-listing under No.113 is named, not listed as a result of its own",
      );
      assert.equal(found.results.filter((r) => r.item.number === 113).length, 0);
    });
  });

  it("finds the same measures whatever the width or kana of the query: ICT (item 74), カーシェアリング (item 38)", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const ict = await search(store, { planSlug, query: "ICT" });
      assert.deepEqual(itemNumbers(ict), [74, 74]);
      for (const variant of ["ＩＣＴ", "ict", "Ｉｃｔ"])
        assert.deepEqual(codes(await search(store, { planSlug, query: variant })), codes(ict));
      assert.equal(
        (await search(store, { planSlug, query: "ｈｏｉｋｕ" })).total,
        (await search(store, { planSlug, query: "hoiku" })).total,
      );

      const carSharing = await search(store, { planSlug, query: "カーシェアリング" });
      assert.deepEqual(itemNumbers(carSharing), [38]);
      assert.equal(
        carSharing.results[0]?.relistedAt.length,
        1,
        "re-listed under an unnumbered item",
      );
      for (const variant of ["かーしぇありんぐ", "ｶｰｼｪｱﾘﾝｸﾞ", "かーしぇあ"])
        assert.deepEqual(
          codes(await search(store, { planSlug, query: variant })),
          codes(carSharing),
        );
    });
  });

  it("finds measures by one character, wherever it stands in a word, a page at a time", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const found = await search(store, { planSlug, query: "電" });
      const numbers = new Set(itemNumbers(found));
      for (const n of [28, 29, 31, 37, 43, 49]) assert.ok(numbers.has(n), `item ${n}`);
      // 電 ends the word in 市電 (item 37's title) and starts it in 電子掲示板 (item 49's progress).
      assert.ok(found.total >= 7);
      const both = await search(store, { planSlug, query: "市電 電停" });
      assert.ok(both.total > 0 && both.total < found.total, "every term must match");

      const first = await search(store, { planSlug, query: "電", limit: 3 });
      const second = await search(store, { planSlug, query: "電", limit: 3, offset: 3 });
      assert.equal(first.total, found.total, "the total counts every page");
      assert.deepEqual([...codes(first), ...codes(second)], codes(found).slice(0, 6));
    });
  });

  it("combines the query with the status, pillar, category and fiscal-year filters", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const nursery = await store.db
        .selectFrom("measure")
        .select("id")
        .where("title", "=", "保育所整備による待機児童の解消")
        .executeTakeFirstOrThrow();
      await store.db
        .updateTable("progress")
        .set({ status_code: "in_progress" })
        .where("measure_id", "=", nursery.id)
        .execute();

      const inProgress = await search(store, { planSlug, query: "保育", status: "in_progress" });
      assert.deepEqual(
        inProgress.results.map((r) => [r.measureTitle, r.status?.name]),
        [["保育所整備による待機児童の解消", "実施中"]],
      );
      assert.equal((await search(store, { planSlug, query: "保育", status: "unset" })).total, 5);
      assert.equal(
        (await search(store, { planSlug, query: "保育", status: "completed" })).total,
        0,
      );

      assert.equal((await search(store, { planSlug, query: "保育", pillar: 2 })).total, 6);
      assert.equal((await search(store, { planSlug, query: "保育", pillar: 1 })).total, 0);

      // Pillar I, area 2 (交通体系) holds items 28–38; item 43 is in area 3.
      const area = await search(store, { planSlug, query: "市電", category: "1-2" });
      assert.ok(itemNumbers(area).every((n) => n !== null && n >= 25 && n <= 38));
      assert.ok(itemNumbers(area).includes(29) && !itemNumbers(area).includes(43));
      const category = await search(store, { planSlug, query: "市電", category: "1-2-1" });
      assert.ok(category.total > 0 && category.total < area.total);
      assert.equal((await search(store, { planSlug, query: "市電", category: "1-2-9" })).total, 0);

      // 熊本・川尻駅間新駅の整備 is 協定締結 in 2012 and 詳細設計 in 2013.
      assert.equal((await search(store, { planSlug, query: "川尻", fiscalYear: 2013 })).total, 1);
      assert.equal((await search(store, { planSlug, query: "川尻", fiscalYear: 2030 })).total, 0);
    });
  });

  it("narrows by responsible department, lead or contributing, as assigned now, alone and with the status filter", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await clearSuggestedStatuses(store);
      // A department of the city with no measure in this plan is not offered.
      await store.db
        .insertInto("department")
        .values({
          organization_id: (
            await store.db
              .selectFrom("plan")
              .select("organization_id")
              .where("slug", "=", planSlug)
              .executeTakeFirstOrThrow()
          ).organization_id,
          name: "財政課",
          created_at: new Date().toISOString(),
        })
        .execute();
      const filters = await loadSearchFilters(store.db, planSlug);
      assert.deepEqual(
        filters?.departments.map((d) => d.name),
        ["交通政策課", "保育幼稚園課"],
      );
      const idOf = (name: string) => {
        const found = filters?.departments.find((d) => d.name === name);
        assert.ok(found, name);
        return found.id;
      };
      const nursery = idOf("保育幼稚園課");
      const transport = idOf("交通政策課");

      const led = await search(store, { planSlug, query: "保育", department: nursery });
      assert.deepEqual(
        itemNumbers(led).sort((a, b) => (a ?? 0) - (b ?? 0)),
        [56, 56, 57, 57, 58],
        "item 64 mentions 保育園 but is not the nursery department's",
      );
      assert.ok(led.results.every((r) => r.leadDepartment === "保育幼稚園課"));
      assert.equal(
        (await search(store, { planSlug, query: "保育", department: transport })).total,
        0,
      );

      const trams = await search(store, { planSlug, query: "市電", department: transport });
      assert.ok(trams.total > 0);
      assert.ok(trams.total < (await search(store, { planSlug, query: "市電" })).total);
      assert.ok(
        itemNumbers(trams).every((n) => n !== null && n >= 25 && n <= 30),
        `${itemNumbers(trams)}`,
      );
      assert.ok(trams.results.every((r) => r.leadDepartment === "交通政策課"));
      const everyone = await search(store, { planSlug, query: "保育" });
      assert.equal(everyone.results.find((r) => r.item.number === 64)?.leadDepartment, null);

      // A contributing department finds the measure at once: the index is not rebuilt.
      await assignDepartment(store, staff.planner, {
        planSlug,
        department: "保育幼稚園課",
        itemNumbers: [64],
        role: "contributor",
      });
      const contributing = await search(store, { planSlug, query: "保育", department: nursery });
      assert.equal(contributing.total, 6);
      const item64 = contributing.results.find((r) => r.item.number === 64);
      assert.equal(item64?.leadDepartment, null, "a contributor is not the lead");

      const nurseryMeasure = await store.db
        .selectFrom("measure")
        .select("id")
        .where("title", "=", "保育所整備による待機児童の解消")
        .executeTakeFirstOrThrow();
      await store.db
        .updateTable("progress")
        .set({ status_code: "in_progress" })
        .where("measure_id", "=", nurseryMeasure.id)
        .execute();
      const inProgress = await search(store, {
        planSlug,
        query: "保育",
        status: "in_progress",
        department: nursery,
      });
      assert.deepEqual(
        inProgress.results.map((r) => [r.measureTitle, r.status?.name, r.leadDepartment]),
        [["保育所整備による待機児童の解消", "実施中", "保育幼稚園課"]],
      );
      assert.equal(
        (await search(store, { planSlug, query: "保育", status: "unset", department: nursery }))
          .total,
        5,
      );
      assert.equal(
        (
          await search(store, {
            planSlug,
            query: "保育",
            status: "in_progress",
            department: transport,
          })
        ).total,
        0,
      );
      assert.equal(
        (await search(store, { planSlug, query: "保育", department: nursery, pillar: 1 })).total,
        0,
      );
      assert.equal(
        (await search(store, { planSlug, query: "保育", department: -1 })).total,
        0,
        "no measure belongs to an unknown department",
      );
    } finally {
      await store.dispose();
    }
  });

  it("searches the progress of the period asked for, the latest published one by default", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
      const isNursery = (r: { measureTitle: string }) =>
        r.measureTitle === "保育所整備による待機児童の解消";
      const latest = await search(store, { planSlug, query: "整備が完了" });
      assert.equal(latest.period, "2014-03-31");
      assert.ok(latest.results.some(isNursery));
      const earlier = await search(store, {
        planSlug,
        query: "整備が完了",
        period: "2013-09-30",
      });
      assert.equal(earlier.period, "2013-09-30");
      assert.ok(!earlier.results.some(isNursery));

      // The measure the later report adds: — in 2012, 検討 in 2013.
      const added = await search(store, { planSlug, query: "小規模保育" });
      assert.equal(added.total, 1);
      assert.equal(
        (await search(store, { planSlug, query: "小規模保育", fiscalYear: 2012 })).total,
        0,
      );
      assert.equal(
        (await search(store, { planSlug, query: "小規模保育", fiscalYear: 2013 })).total,
        1,
      );
    });
  });

  it("returns normally for a 1,000-character query, SQL, HTML and symbols only", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const long = await search(store, { planSlug, query: "保育".repeat(500) });
      assert.ok(long.truncated);
      assert.equal(Array.from(long.query).length, 200);
      assert.equal(long.total, 0, "保育保育… is not in the plan");
      const longWords = await search(store, { planSlug, query: "電停 市電 ".repeat(200) });
      assert.deepEqual(
        longWords.terms.map((t) => t.text),
        ["電停", "市電"],
      );
      assert.equal(longWords.total, (await search(store, { planSlug, query: "市電 電停" })).total);
      for (const query of ["'; DROP TABLE measure; --", "<script>alert(1)</script>"]) {
        const found = await search(store, { planSlug, query });
        assert.ok(found.terms.length > 0);
        assert.equal(found.total, 0, query);
      }
      const symbols = await search(store, { planSlug, query: "!!!???" });
      assert.deepEqual([symbols.terms, symbols.total, symbols.results], [[], 0, []]);
      const measures = await store.db
        .selectFrom("measure")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.ok(Number(measures.n) > 100, "the measure table is still there");
      assert.equal(await searchMeasures(store, { planSlug: "no-such-plan", query: "保育" }), null);
    });
  });

  it("searches a plan through an index of its own entries, never the whole store's", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const queries: CompiledQuery[] = [];
      const capture: KyselyPlugin = {
        transformQuery: (args) => {
          queries.push(store.db.getExecutor().compileQuery(args.node, args.queryId));
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const found = await searchMeasures(
        { ...store, db: store.db.withPlugin(capture) },
        { planSlug, query: "保育" },
      );
      assert.equal(found?.total, 6);
      const matching = queries.find((q) => /instr\(|@@/u.test(q.sql));
      assert.ok(matching, "one query matches the grams");
      if (dialect === "sqlite") {
        const plan = await store.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${matching.sql}`, [...matching.parameters]),
        );
        const details = plan.rows.map((r) => r.detail).join("\n");
        assert.match(details, /SEARCH c USING INDEX search_entry_plan_period/u, details);
        assert.doesNotMatch(details, /SCAN (c|search_entry)\b/u, details);
      } else {
        // Few rows: PostgreSQL may well scan them. Without sequential scans, the plan's entries
        // are read through an index, never the whole table (whose size grows with every plan).
        const { id: planId } = await store.db
          .selectFrom("plan")
          .select("id")
          .where("slug", "=", planSlug)
          .executeTakeFirstOrThrow();
        const hits = searchIndexFor("postgres").matchingEntries(queryGrams("保育"), {
          kind: "plan",
          planId,
          periodId: null,
        });
        const matchOnly = store.db.selectFrom(hits).select("e.id").compile();
        const plan = await store.db.connection().execute(async (connection) => {
          await connection.executeQuery(CompiledQuery.raw("SET enable_seqscan = off"));
          return connection.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`EXPLAIN ${matchOnly.sql}`, [...matchOnly.parameters]),
          );
        });
        const text = plan.rows.map((r) => Object.values(r).join(" ")).join("\n");
        assert.match(text, /Index Scan (using|on) search_entry_(plan_period|document)/u, text);
        assert.doesNotMatch(text, /Seq Scan/u, text);
        const index = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes
          WHERE indexname = 'search_entry_document'`.execute(store.db);
        assert.match(index.rows[0]?.indexdef ?? "", /USING gin \(document\)/u);
      }
    });
  });

  it("keeps the index in step with the plan: a later report re-indexes it, a deleted plan leaves none", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      const db = store.db.withTables<{ search_entry: { plan_id: number } }>();
      const entries = async () =>
        Number(
          (
            await db
              .selectFrom("search_entry")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const once = await entries();
      assert.ok(once > 100);
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
      assert.equal(await entries(), (once + 1) * 2, "one more measure, two periods");
      if (dialect === "sqlite")
        await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)`.execute(
          store.db,
        );
      await store.db.deleteFrom("plan").where("slug", "=", planSlug).execute();
      assert.equal(await entries(), 0);
      if (dialect === "sqlite") {
        await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)`.execute(
          store.db,
        );
        const left = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts
          WHERE search_fts MATCH ${'"aaepnnaaialc"'}`.execute(store.db);
        assert.equal(left.rows[0]?.n, 0);
      }
    });
  });

  it("indexes the plans a store already holds when the search index is added", async () => {
    await withModelPlan(dialect, async (store, planSlug) => {
      // Take the store back to before the search index, keeping its plan.
      if (dialect === "sqlite") {
        for (const trigger of ["insert", "delete", "update"])
          await sql.raw(`DROP TRIGGER search_entry_fts_${trigger}`).execute(store.db);
        await sql`DROP TABLE search_fts`.execute(store.db);
      }
      await sql`DROP TABLE search_entry`.execute(store.db);
      await sql`DROP INDEX measure_relisting_of`.execute(store.db);
      await sql`DELETE FROM kysely_migration
        WHERE name IN ('002-search-index', '008-current-search-entries')`.execute(store.db);

      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.dialect),
        allowUnorderedMigrations: true,
      });
      const { error, results } = await migrator.migrateToLatest();
      assert.equal(error, undefined);
      assert.deepEqual(
        results?.map((r) => r.migrationName),
        ["002-search-index", "008-current-search-entries"],
      );
      assert.equal((await search(store, { planSlug, query: "保育" })).total, 6);
      const national = await searchMeasures(store, { query: "保育" });
      assert.equal(national?.total, 6, "008 marks the published period's entries current");
    });
  });
});
