import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { Migrator, sql } from "kysely";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { IndicatorWriter } from "../../commands/indicator-writer.ts";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import { foldForSearch } from "../../domain/search-tokens.ts";
import { generateDataSet } from "../../generate/data-set-generator.ts";
import { ImportReportBuilder } from "../../import/import-report.ts";
import { migrationProvider } from "../migrations/index.ts";
import { loadPlanIndicators } from "../queries/indicator-query.ts";
import { searchIndicators } from "./indicator-search.ts";

const OPTIONS = {
  organizations: 4,
  plansPerOrganization: 1,
  periods: 3,
  seed: 7,
  fromYear: 2013,
  now: new Date("2024-04-01T00:00:00Z"),
};

forEachStore("the national indicator search", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  type Stored = { id: number; code: string; name: string; slug: string; org: string };
  let stored: Stored[];

  before(async () => {
    store = await freshStore(dialect);
    await generateDataSet(store, OPTIONS);
    stored = await store.db
      .selectFrom("indicator as i")
      .innerJoin("plan as p", "p.id", "i.plan_id")
      .innerJoin("organization as o", "o.id", "p.organization_id")
      .select(["i.id", "i.code", "i.name", "p.slug", "o.code as org"])
      .orderBy("i.id")
      .execute();
  });
  after(async () => {
    await store.dispose();
  });

  /** What should match: names holding the words, folded as the search folds them. */
  const holding = (words: string, among = stored) =>
    among.filter((s) => foldForSearch(s.name).includes(foldForSearch(words)));
  const key = (r: { plan: { slug: string }; code: string }) => `${r.plan.slug}/${r.code}`;

  it("finds every indicator whose name holds the words, in every organization, by organization code", async () => {
    const expected = holding("受診率");
    assert.ok(new Set(expected.map((s) => s.org)).size >= 2, "the data set spreads them");
    const found = await searchIndicators(store, { query: "受診率", limit: 100 });
    assert.equal(found.total, expected.length);
    assert.equal(found.totalCapped, false);
    assert.deepEqual(
      found.results.map(key).sort(),
      expected.map((s) => `${s.slug}/${s.code}`).sort(),
    );
    const orgs = found.results.map((r) => r.plan.organizationCode);
    assert.deepEqual(orgs, [...orgs].sort());
    assert.ok(found.results.every((r) => r.nameMatches.length > 0));
  });

  it("narrows to the plans of one prefecture's organizations", async () => {
    const prefecture = stored[0]?.org.slice(0, 2) ?? "";
    const expected = holding(
      "数",
      stored.filter((s) => s.org.startsWith(prefecture)),
    );
    assert.ok(expected.length > 0 && expected.length < holding("数").length);
    const found = await searchIndicators(store, { query: "数", prefecture, limit: 100 });
    assert.equal(found.total, Math.min(expected.length, 1000));
    assert.ok(found.results.every((r) => r.plan.organizationCode.startsWith(prefecture)));
  });

  it("counts at most countLimit matches, the newest, and says there are more", async () => {
    const newest = holding("者数").slice(-3);
    const found = await searchIndicators(store, { query: "者数", countLimit: 3, limit: 10 });
    assert.equal(found.total, 3);
    assert.equal(found.totalCapped, true);
    assert.deepEqual(
      found.results.map(key).sort(),
      newest.map((s) => `${s.slug}/${s.code}`).sort(),
    );
  });

  it("pages through the matches without overlap", async () => {
    const first = await searchIndicators(store, { query: "率", limit: 5 });
    const second = await searchIndicators(store, { query: "率", limit: 5, offset: 5 });
    assert.equal(first.results.length, 5);
    assert.equal(second.results.length, 5);
    const keys = new Set([...first.results, ...second.results].map(key));
    assert.equal(keys.size, 10);
  });

  it("gives each its owner, latest result, target and achievement as the plan's indicator page computes them", async () => {
    const found = await searchIndicators(store, { query: "件数", limit: 100 });
    const onMeasure = found.results.find((r) => r.owner.level === "measure" && r.achievement);
    assert.ok(onMeasure, "a measure's indicator with a result");
    const plan = await store.db
      .selectFrom("plan")
      .select("id")
      .where("slug", "=", onMeasure.plan.slug)
      .executeTakeFirstOrThrow();
    const { indicators, bands } = await loadPlanIndicators(store.db, plan.id, {
      publishedOnly: true,
    });
    const same = indicators.find((i) => i.code === onMeasure.code);
    assert.ok(same && same.place.level === "measure");
    assert.equal(onMeasure.owner.measureCode, same.place.measureCode);
    assert.equal(onMeasure.owner.levelName, same.place.levelName);
    assert.deepEqual(onMeasure.achievement, achievementOf(same, bands));
    assert.equal(onMeasure.latest?.fiscalYear, onMeasure.achievement?.fiscalYear);
    const kpi = (await searchIndicators(store, { query: "市民", limit: 100 })).results.find(
      (r) => r.owner.level === "group",
    );
    assert.ok(kpi, "a group's KPI");
    assert.equal(kpi.kind, "KPI");
    assert.ok(kpi.owner.title.length > 0);
  });

  it("answers a 1,000-character query, symbols only, or a malformed prefecture with nothing, never an error", async () => {
    const long = await searchIndicators(store, { query: "率".repeat(1000) });
    assert.equal(long.truncated, true);
    assert.equal(Array.from(long.query).length, 200);
    assert.equal(long.total, 0);
    const symbols = await searchIndicators(store, { query: "！？%_'\"" });
    assert.deepEqual([symbols.terms.length, symbols.total], [0, 0]);
    const wild = await searchIndicators(store, { query: "率", prefecture: "%" });
    assert.equal(wild.total, 0);
    const nowhere = await searchIndicators(store, { query: "率", prefecture: "99" });
    assert.equal(nowhere.total, 0);
  });

  it("finds an indicator an import writes, and one the writer updates stays found once", async () => {
    const measure = await store.db
      .selectFrom("measure")
      .select(["id", "plan_id"])
      .where("relisting_of_measure_id", "is", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const draft = {
      name: "ふるさと納税の寄附件数",
      unit: "件",
      kind: "活動指標",
      direction: "increase" as const,
      source: null,
      achievementForm: "auto" as const,
      values: [],
      line: null,
    };
    for (let round = 0; round < 2; round++)
      await store.db.transaction().execute(async (trx) => {
        const writer = new IndicatorWriter(trx, measure.plan_id, new ImportReportBuilder("test"));
        await writer.write({ measureId: measure.id }, [draft]);
      });
    const found = await searchIndicators(store, { query: "フルサト納税" });
    assert.deepEqual(
      found.results.map((r) => r.name),
      ["ふるさと納税の寄附件数"],
    );
  });

  it("migration 022 indexes the names of indicators stored before it", async () => {
    const before = await searchIndicators(store, { query: "受診率", limit: 100 });
    assert.ok(before.total > 0);
    // The store as it was before 022: no grams column, no name index.
    if (dialect === "sqlite") {
      for (const trigger of ["insert", "delete", "update"])
        await sql.raw(`DROP TRIGGER indicator_fts_${trigger}`).execute(store.db);
      await sql`DROP TABLE indicator_fts`.execute(store.db);
    } else await sql`ALTER TABLE indicator DROP COLUMN name_document`.execute(store.db);
    await sql`ALTER TABLE indicator DROP COLUMN name_grams`.execute(store.db);
    await sql`DELETE FROM kysely_migration WHERE name = '022-indicator-name-index'`.execute(
      store.db,
    );
    const migrator = new Migrator({
      db: store.db,
      provider: migrationProvider(store.dialect),
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    assert.equal(error, undefined);
    assert.deepEqual(
      results?.map((r) => r.migrationName),
      ["022-indicator-name-index"],
    );
    const after = await searchIndicators(store, { query: "受診率", limit: 100 });
    assert.deepEqual(after, before);
  });
});
