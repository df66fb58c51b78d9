import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRoadmapCell } from "../domain/roadmap-entry.ts";
import { generatedItems } from "./generated-plan.ts";
import { generateOrganizations } from "./organization-generator.ts";
import { generatePlan } from "./plan-generator.ts";
import { loadModelVocabulary } from "./vocabulary-loader.ts";

const vocabulary = loadModelVocabulary();
const orgs = generateOrganizations(60, 1);
const firstOrg = orgs[0] ?? assert.fail("no organization");
const plans = orgs.map((organization, i) =>
  generatePlan(vocabulary, {
    organization,
    index: 1 + (i % 2),
    periods: 6,
    fromYear: 2013,
    seed: 1,
  }),
);
const ORDER = ["not_started", "preparing", "in_progress", "completed"];

describe("the plan generator", () => {
  it("gives the same plan for the same spec, and another for another seed", () => {
    const spec = { organization: firstOrg, index: 1, periods: 4, fromYear: 2013, seed: 9 } as const;
    assert.deepEqual(generatePlan(vocabulary, spec), generatePlan(vocabulary, spec));
    assert.notDeepEqual(
      generatePlan(vocabulary, spec),
      generatePlan(vocabulary, { ...spec, seed: 10 }),
    );
  });

  it("varies the shapes: pillar counts, areas in some plans, item counts, level names", () => {
    const pillars = new Set(plans.map((p) => p.pillars.length));
    assert.ok(pillars.size >= 4, `pillar counts ${[...pillars]}`);
    assert.ok([...pillars].every((n) => n >= 2 && n <= 6));
    const withAreas = plans.filter((p) =>
      p.pillars.some((g) => g.children.some((c) => c.level === "area")),
    );
    assert.ok(withAreas.length > 0 && withAreas.length < plans.length);
    const items = plans.map((p) => generatedItems(p).length);
    assert.ok(Math.min(...items) >= 10 && Math.max(...items) <= 150);
    assert.ok(new Set(items).size > 20);
    assert.ok(new Set(plans.map((p) => p.levels.map((l) => l.name).join("/"))).size >= 3);
  });

  it("numbers items 1…n and measures M0001… in document order, 1–4 measures an item", () => {
    for (const plan of plans.slice(0, 10)) {
      const items = generatedItems(plan);
      assert.deepEqual(
        items.map((i) => i.number),
        items.map((_, i) => i + 1),
      );
      assert.ok(items.every((i) => i.measures.length >= 1 && i.measures.length <= 4));
      const codes = items.flatMap((i) => i.measures.map((m) => m.code));
      assert.deepEqual(
        codes,
        codes.map((_, i) => `M${String(i + 1).padStart(4, "0")}`),
      );
    }
  });

  it("re-lists only original measures of another item of the same plan, without roadmap or progress", () => {
    let relistings = 0;
    for (const plan of plans) {
      const items = generatedItems(plan);
      const itemOf = new Map(items.flatMap((i) => i.measures.map((m) => [m.code, i] as const)));
      const byCode = new Map(items.flatMap((i) => i.measures.map((m) => [m.code, m] as const)));
      for (const item of items)
        for (const m of item.measures) {
          if (m.relistingOf === null) continue;
          relistings++;
          const original = byCode.get(m.relistingOf);
          assert.ok(original, `${plan.slug} ${m.code} → ${m.relistingOf}`);
          assert.equal(original.relistingOf, null);
          assert.notEqual(itemOf.get(m.relistingOf), item);
          assert.equal(m.title, original.title);
          assert.deepEqual([m.roadmap, m.progress], [[], []]);
        }
    }
    assert.ok(relistings > 20, `${relistings} re-listings`);
  });

  it("gives every original measure a roadmap cell per fiscal year and progress per period that does not go back from 完了 or 中止", () => {
    let figures = 0;
    const statuses = new Set<string>();
    for (const plan of plans) {
      assert.deepEqual(
        plan.periods.map((p) => p.asOf),
        ["2013-09-30", "2014-03-31", "2014-09-30", "2015-03-31", "2015-09-30", "2016-03-31"],
      );
      for (const m of generatedItems(plan).flatMap((i) => i.measures)) {
        if (m.relistingOf !== null) continue;
        assert.deepEqual(
          m.roadmap.map((r) => r.fiscalYear),
          plan.fiscalYears,
        );
        const first = parseRoadmapCell(m.roadmap.find((r) => r.text !== "—")?.text ?? "");
        assert.equal(first.continued, false, "a roadmap starts with an activity");
        assert.equal(m.progress.length, 6);
        m.progress.forEach((p, k) => {
          statuses.add(p.statusCode);
          const before = m.progress[k - 1];
          if (before?.statusCode === "completed" || before?.statusCode === "discontinued")
            assert.equal(p.statusCode, before.statusCode);
          else if (before && p.statusCode !== "discontinued")
            assert.ok(ORDER.indexOf(p.statusCode) >= ORDER.indexOf(before.statusCode));
          for (const f of p.figures) {
            figures++;
            assert.ok(p.narrative.includes(f.text), `${f.text} in ${p.narrative}`);
          }
        });
      }
    }
    assert.deepEqual([...statuses].sort(), [...ORDER, "discontinued"].sort());
    assert.ok(figures > 50, `${figures} figures`);
  });

  it("speaks of the organization, not of 熊本, in its titles and narratives", () => {
    const plan = plans[0];
    assert.ok(plan?.title.startsWith(orgs[0]?.name ?? "?"));
    const text = JSON.stringify(plans);
    assert.doesNotMatch(text, /熊本|くまもと/u);
  });
});
