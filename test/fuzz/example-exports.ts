import type { PlanTree } from "../../src/domain/plan-tree.ts";
import { measuresCsv } from "../../src/export/measures-csv.ts";
import { planJson } from "../../src/export/plan-json.ts";
import { planXlsx } from "../../src/export/plan-xlsx.ts";
import { roadmapCsv } from "../../src/export/roadmap-csv.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

/** The model report's plan as our exports write it: the files the CSV, XLSX and JSON fuzzers mutate. */
export async function exampleExports() {
  const store = await freshStore("sqlite");
  try {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
    return {
      measuresCsv: measuresCsv(tree),
      roadmapCsv: roadmapCsv(tree),
      json: planJson(tree),
      xlsx: new Uint8Array(await planXlsx(tree)),
    };
  } finally {
    await store.dispose();
  }
}
