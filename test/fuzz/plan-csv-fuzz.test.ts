import { it } from "node:test";
import fc from "fast-check";
import { exampleExports } from "./example-exports.ts";
import { fuzz } from "./fuzz-harness.ts";
import { mutationRecipe } from "./mutation-recipe.ts";
import { csvBase, csvCaseFiles, readCsvCase } from "./plan-csv-case.ts";

it("reads 10,000 mutated CSV files into a draft or rejects them naming a line", async (t) => {
  const exports = await exampleExports();
  const measures = csvBase(exports.measuresCsv);
  const roadmap = csvBase(exports.roadmapCsv);
  const recipe = mutationRecipe({ maxWindow: 15, wholePercent: 2, hugeWeight: 1 });
  await fuzz(
    t,
    "plan-csv",
    10_000,
    fc.record({
      measures: recipe,
      roadmap: fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: recipe },
      ),
    }),
    (c) => {
      const { measuresBytes, roadmapBytes } = csvCaseFiles(measures, roadmap, c);
      return readCsvCase(measuresBytes, roadmapBytes);
    },
  );
});
