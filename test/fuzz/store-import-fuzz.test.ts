import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import type { PlanTree } from "../../src/domain/plan-tree.ts";
import { measuresCsv } from "../../src/export/measures-csv.ts";
import { importPlanWorkbook } from "../../src/import/plan-xlsx/plan-workbook-importer.ts";
import { importReportBytes } from "../../src/import/report-importer.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import type { Store } from "../../src/store/store.ts";
import { laterReportText } from "../factories/model-report.ts";
import { forEachStore } from "../store-targets.ts";
import { fuzz, guardedCase } from "./fuzz-harness.ts";
import { lineCount, namesLine } from "./fuzz-locations.ts";
import { applyByteOp, applyRecipe, mutationRecipe } from "./mutation-recipe.ts";
import { csvBase } from "./plan-csv-case.ts";
import { workbookBytes, workbookRecipe, workbookValues } from "./plan-xlsx-case.ts";
import { reportTextBase } from "./report-text-case.ts";
import { exportSnapshot, storeCopies } from "./store-copies.ts";

/** A later period than the template's open one, so that a sound file can be imported. */
const LATER = "2014-09-30";

const storeCase = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("txt" as const),
      recipe: mutationRecipe({ maxWindow: 60, wholePercent: 30, hugeWeight: 25 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("csv" as const),
      recipe: mutationRecipe({ maxWindow: 40, wholePercent: 30, hugeWeight: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("xlsx" as const), recipe: workbookRecipe }),
  },
);

const RUNS = { sqlite: 150, postgres: 30 };

forEachStore("fuzzed imports into a store holding the example plan", (dialect) => {
  it(`imports ${RUNS[dialect]} mutated files with their report, or refuses them with a location and writes nothing`, async (t) => {
    const copies = await storeCopies(dialect);
    let store: Store | null = null;
    try {
      const text = reportTextBase(
        laterReportText().replace("(平成 26 年 3 月末時点)", "(平成 26 年 9 月末時点)"),
      );
      store = await copies.copy();
      const tree = (await loadPlanTree(store.db, copies.planSlug)) as PlanTree;
      const csv = csvBase(measuresCsv(tree).replaceAll(tree.period?.asOf ?? "", LATER));
      const values = await workbookValues(copies.xlsx);
      const small = await workbookBytes(
        values,
        copies.xlsx,
        { kind: "cells", rows: { from: 0, length: 3 }, edits: [], drop: [], renameSheet: null },
        applyByteOp,
      );
      const before = await exportSnapshot(store, copies.planSlug);

      await fuzz(t, `store-import (${dialect})`, RUNS[dialect], storeCase, async (c) => {
        const file = `fuzzed.${c.kind}`;
        const bytes =
          c.kind === "xlsx"
            ? await workbookBytes(values, small, c.recipe, applyByteOp)
            : applyRecipe(c.kind === "txt" ? text : csv, c.recipe);
        const current = store as Store;
        let imported: unknown;
        const outcome = await guardedCase(
          async () => {
            imported =
              c.kind === "xlsx"
                ? await importPlanWorkbook(current, bytes, file, copies.staff.nursery)
                : await importReportBytes(current, bytes, file);
          },
          // Refused by the reader: the file and a line (text, CSV) or the file (a workbook). Refused
          // when storing (another plan, no organization, a period already there): the file and a
          // field.
          (error) =>
            (c.kind !== "xlsx" && namesLine(error, [file], lineCount(bytes))) ||
            (error.location.file === file &&
              (c.kind === "xlsx" || error.location.field !== undefined)),
        );
        if (outcome === "rejected") {
          assert.equal(
            await exportSnapshot(current, copies.planSlug),
            before,
            "a refused import wrote something",
          );
          return outcome;
        }
        if (c.kind === "xlsx") {
          const report = imported as Awaited<ReturnType<typeof importPlanWorkbook>>;
          for (const row of report.rows)
            if (row.refusal)
              assert.ok(row.row >= 2 && row.refusal.columns.length > 0, JSON.stringify(row));
        } else {
          const { report } = imported as Awaited<ReturnType<typeof importReportBytes>>;
          assert.equal(report.source, file);
        }
        await current.close();
        store = null;
        store = await copies.copy();
        return outcome;
      });
    } finally {
      await store?.close();
      await copies.dispose();
    }
  });
});
