import { it } from "node:test";
import { exampleExports } from "./example-exports.ts";
import { fuzz } from "./fuzz-harness.ts";
import { applyByteOp } from "./mutation-recipe.ts";
import {
  readWorkbookCase,
  workbookBytes,
  workbookRecipe,
  workbookValues,
} from "./plan-xlsx-case.ts";

it("reads 500 mutated workbooks or rejects them naming the file and the sheet or cell", async (t) => {
  const { xlsx } = await exampleExports();
  const values = await workbookValues(xlsx);
  // The bytes mutated are those of a small workbook (header and three rows): cheaper to read.
  const small = await workbookBytes(
    values,
    xlsx,
    { kind: "cells", rows: { from: 0, length: 3 }, edits: [], drop: [], renameSheet: null },
    applyByteOp,
  );
  await fuzz(t, "plan-xlsx", 500, workbookRecipe, async (recipe) =>
    readWorkbookCase(await workbookBytes(values, small, recipe, applyByteOp), recipe),
  );
});
