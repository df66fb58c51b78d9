import { it } from "node:test";
import { fuzz } from "./fuzz-harness.ts";
import { applyRecipe, mutationRecipe } from "./mutation-recipe.ts";
import { readReportCase, reportTextBase, spaceAlignedBase } from "./report-text-case.ts";

it("reads 10,000 mutated report texts into a draft or rejects them naming a line", async (t) => {
  const base = reportTextBase();
  await fuzz(
    t,
    "report-text",
    10_000,
    mutationRecipe({ maxWindow: 60, wholePercent: 5, hugeWeight: 25 }),
    (recipe) => readReportCase(applyRecipe(base, recipe)),
  );
});

it("reads 1,000 mutated space-aligned report texts into a draft or rejects them naming a line", async (t) => {
  const base = spaceAlignedBase();
  await fuzz(
    t,
    "report-text-space-aligned",
    1_000,
    mutationRecipe({ maxWindow: 120, wholePercent: 5, hugeWeight: 25 }),
    (recipe) => readReportCase(applyRecipe(base, recipe)),
  );
});
