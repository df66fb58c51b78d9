import assert from "node:assert/strict";
import { measurePlacements, type PlanTree } from "../../src/domain/plan-tree.ts";
import { printableText } from "../../src/export/pdf/report-fonts.ts";
import type { Store } from "../../src/store/store.ts";

/**
 * Whether `actual` is `expected` as a PDF prints it: a printed line break that fell on a space
 * drops that space (a PDF has no character for it), so `actual` may lack some of `expected`'s
 * spaces — and differ in nothing else.
 * @example printedAs("設置済 熊本県", "設置済熊本県") // true
 */
export function printedAs(expected: string, actual: string): boolean {
  let i = 0;
  for (const ch of actual) {
    while (expected[i] === " " && ch !== " ") i++;
    if (expected[i] !== ch) return false;
    i++;
  }
  return expected.slice(i).trim() === "";
}

/** Every measure row of a tree as the texts a printed report shows of it, in document order. */
export function printedMeasures(tree: PlanTree) {
  return measurePlacements(tree).map(({ category, item, measure }) => ({
    where: `${category.label} No.${item.number ?? "-"} ${item.label}. ${measure.title}`,
    category: `${category.label} ${category.title}`,
    item: `${item.number ?? "-"} ${item.label}. ${item.title}`,
    title: measure.title,
    relistingOf: measure.relistingOf?.itemNumber ?? null,
    roadmap: measure.roadmap.map((r) => `${r.fiscalYear}:${r.text}`).join(" | "),
    progress: measure.progress?.narrative ?? "",
  }));
}

/**
 * Assert that a plan read back from a PDF has the measures of the plan it was printed from, in
 * the same places, with the same titles, roadmap texts and progress texts — as printed: a
 * character the fonts cannot draw is 〓, a space at a line break may be gone, and `fold` maps
 * what the PDF's font names differently (one glyph for ～ and 〜, say).
 */
export function assertSamePrinted(
  expectedTree: PlanTree,
  actualTree: PlanTree,
  fold: (text: string) => string = (text) => text,
): void {
  const expected = printedMeasures(expectedTree);
  const actual = printedMeasures(actualTree);
  assert.equal(actual.length, expected.length, "measure rows");
  for (const [i, e] of expected.entries()) {
    const a = actual[i];
    assert.ok(a, e.where);
    for (const key of ["category", "item", "title", "roadmap", "progress"] as const) {
      const want = fold(printableText(e[key]));
      assert.ok(
        printedAs(want, a[key]),
        `${e.where}: ${key}\n  expected ${want}\n  actual   ${a[key]}`,
      );
    }
    assert.equal(a.relistingOf, e.relistingOf, `${e.where}: re-listing`);
  }
}

/** Rows of the tables an import writes, for "nothing was stored". */
export async function storedRows(store: Store) {
  const count = async (table: "organization" | "plan" | "item" | "measure" | "progress") =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organizations: await count("organization"),
    plans: await count("plan"),
    items: await count("item"),
    measures: await count("measure"),
    progress: await count("progress"),
  };
}
