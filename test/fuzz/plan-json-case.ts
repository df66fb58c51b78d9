import fc from "fast-check";
import { readPlanJson } from "../../src/import/plan-json/plan-json-reader.ts";
import {
  decodeReportText,
  MAX_REPORT_BYTES,
} from "../../src/import/report-text/report-text-source.ts";
import { guardedCase } from "./fuzz-harness.ts";
import { lineCount, namesLine } from "./fuzz-locations.ts";
import {
  applyRecipe,
  type MutationBase,
  type MutationRecipe,
  mutationRecipe,
} from "./mutation-recipe.ts";

export const JSON_FILE = "fuzzed.json";

/** Nesting put into the document: JSON.parse does not recurse, a reader written by hand might. */
export interface Nesting {
  /** Where: the value of a line of the document (modulo its lines), or a group under the pillars. */
  at: number;
  depth: number;
  kind: "array" | "object" | "groups";
}

export interface JsonCase {
  nesting: Nesting | null;
  recipe: MutationRecipe;
}

export const jsonCase: fc.Arbitrary<JsonCase> = fc.record({
  nesting: fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({
        at: fc.nat(),
        depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1_000, max: 20_000 })),
        kind: fc.constantFrom("array" as const, "object" as const, "groups" as const),
      }),
    },
  ),
  // The document is pretty-printed: a line is mostly one `"key": value`, and the "cells" are
  // what the colon separates. Most cases keep the whole document (a window is rarely JSON).
  recipe: mutationRecipe({ maxWindow: 400, wholePercent: 80, hugeWeight: 2 }),
});

/** A JSON export as lines to mutate: the opening brace kept in front. */
export function jsonBase(json: string): MutationBase {
  const [first = "{", ...rest] = json.replace(/\n$/u, "").split("\n");
  return { prefix: [first], body: rest, header: first, separator: ":" };
}

function nested(n: Nesting): string {
  if (n.kind === "array") return `${"[".repeat(n.depth)}${"]".repeat(n.depth)}`;
  if (n.kind === "object") return `${'{"a":'.repeat(n.depth)}1${"}".repeat(n.depth)}`;
  const group = '{"level":"category","number":1,"label":"","title":"t","children":[';
  return `${group.repeat(n.depth)}${"]}".repeat(n.depth)}`;
}

/** The bytes of a case: the nesting put in, then the recipe applied to the lines. */
export function jsonCaseBytes(json: string, c: JsonCase): Uint8Array {
  let text = json;
  if (c.nesting) {
    const inner = nested(c.nesting);
    if (c.nesting.kind === "groups") text = text.replace('"pillars": [', `"pillars": [${inner},`);
    else {
      const lines = text.split("\n");
      const at = c.nesting.at % lines.length;
      lines[at] = (lines[at] ?? "").replace(/:\s.*?(,?)$/u, `: ${inner}$1`);
      text = lines.join("\n");
    }
  }
  return applyRecipe(jsonBase(text), c.recipe);
}

/**
 * Read bytes as `shinchoku import FILE.json` does (decode, then read the plan); a rejection must
 * name the file and either a line it has or a field (or only the file, when it is over the size
 * limit).
 */
export function readPlanJsonCase(bytes: Uint8Array, file = JSON_FILE) {
  return guardedCase(
    () => readPlanJson(decodeReportText(bytes, file).join("\n"), file),
    (error) =>
      namesLine(error, [file], lineCount(bytes)) ||
      (error.location.file === file &&
        ((error.location.field ?? "") !== "" || bytes.length > MAX_REPORT_BYTES)),
  );
}
