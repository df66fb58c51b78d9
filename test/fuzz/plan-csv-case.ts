import { readPlanCsv } from "../../src/import/plan-csv/plan-csv-reader.ts";
import { guardedCase } from "./fuzz-harness.ts";
import { lineCount, namesLine } from "./fuzz-locations.ts";
import {
  applyRecipe,
  type MutationBase,
  type MutationRecipe,
  windowOf,
} from "./mutation-recipe.ts";

export const MEASURES_FILE = "measures.csv";
export const ROADMAP_FILE = "roadmap.csv";

/** A CSV export as a base to mutate: the header in front, the rows as body. */
export function csvBase(csv: string): MutationBase {
  const [header = "", ...rows] = csv.replace(/^\ufeff/u, "").split(/\r\n/u);
  return { prefix: [header], body: rows.filter((r) => r !== ""), header, separator: "," };
}

/** A measures CSV and, in some cases, the roadmap CSV of the same measures, both mutated. */
export interface CsvCase {
  measures: MutationRecipe;
  roadmap: MutationRecipe | null;
}

/** The files of a case: the roadmap keeps the rows of the measures in the measures' window. */
export function csvCaseFiles(measures: MutationBase, roadmap: MutationBase, recipe: CsvCase) {
  const measuresBytes = applyRecipe(measures, recipe.measures);
  if (!recipe.roadmap) return { measuresBytes, roadmapBytes: null };
  const ids = new Set(windowOf(measures, recipe.measures.window).map((l) => l.split(",")[13]));
  const rows = roadmap.body.filter((r) => ids.has(r.split(",")[0] ?? ""));
  const roadmapBytes = applyRecipe(
    { ...roadmap, body: rows.length > 0 ? rows : roadmap.body.slice(0, 1) },
    { ...recipe.roadmap, window: { whole: true, from: 0, length: 0 } },
  );
  return { measuresBytes, roadmapBytes };
}

/** Read the files as the CSV import does; a rejection must name one of them and a line of it. */
export function readCsvCase(measuresBytes: Uint8Array, roadmapBytes: Uint8Array | null) {
  const lines = Math.max(lineCount(measuresBytes), roadmapBytes ? lineCount(roadmapBytes) : 0);
  return guardedCase(
    () =>
      readPlanCsv(
        { bytes: measuresBytes, file: MEASURES_FILE },
        roadmapBytes ? { bytes: roadmapBytes, file: ROADMAP_FILE } : undefined,
      ),
    (error) => namesLine(error, [MEASURES_FILE, ROADMAP_FILE], lines),
  );
}
