import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ShinchokuError } from "../domain/errors.ts";
import { measurePlacements } from "../domain/plan-tree.ts";
import { fieldsCsv } from "../export/fields-csv.ts";
import { indicatorsCsv } from "../export/indicators-csv.ts";
import { measuresCsv } from "../export/measures-csv.ts";
import { planJson } from "../export/plan-json.ts";
import { planXlsx } from "../export/plan-xlsx.ts";
import { reportPdf } from "../export/report-pdf.ts";
import { roadmapCsv } from "../export/roadmap-csv.ts";
import { loadPlanIndicators, loadPublicIndicators } from "../store/queries/indicator-query.ts";
import { loadMeasureDepartments } from "../store/queries/measure-departments-query.ts";
import { loadMeasureFields } from "../store/queries/measure-fields-query.ts";
import { listPlans, loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { openConfiguredStore } from "./database-url.ts";
import { standardOutput } from "./standard-streams.ts";

export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: "string", default: "csv" },
      table: { type: "string", default: "measures" },
      plan: { type: "string" },
      period: { type: "string" },
      out: { type: "string" },
      "no-bom": { type: "boolean", default: false },
    },
  });
  if (!["csv", "json", "xlsx", "pdf"].includes(values.format)) {
    console.error(
      `shinchoku export: --format は csv か json、または xlsx か pdf です（指定: ${values.format}）`,
    );
    return 2;
  }
  // A binary file never goes to a terminal or a pipe by accident.
  if (["xlsx", "pdf"].includes(values.format) && values.out === undefined) {
    console.error(`shinchoku export: --format ${values.format} には --out FILE が必要です`);
    return 2;
  }
  if (!["measures", "roadmap", "fields", "indicators"].includes(values.table)) {
    console.error(
      `shinchoku export: --table は measures、roadmap、fields、indicators のいずれかです（指定: ${values.table}）`,
    );
    return 2;
  }
  if (values.period !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(values.period)) {
    console.error(
      `shinchoku export: --period は YYYY-MM-DD で指定してください（指定: ${values.period}）`,
    );
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const plans = await listPlans(store.db);
    const slug = values.plan ?? (plans.length === 1 ? plans[0]?.slug : undefined);
    if (slug === undefined) {
      const known = plans.map((p) => `${p.slug}（${p.title}）`).join("、") || "なし";
      throw new ShinchokuError(
        "not_found",
        `書き出す計画を --plan で指定してください（登録済み: ${known}）`,
        { field: "plan" },
      );
    }
    const tree = await loadPlanTree(store.db, slug, values.period);
    if (!tree) {
      throw new ShinchokuError(
        "not_found",
        `計画 ${slug}${values.period ? ` の基準日 ${values.period} の報告` : ""}がありません`,
        { field: values.period ? "period" : "plan" },
      );
    }
    const bom = !values["no-bom"];
    const output =
      values.format === "pdf"
        ? await reportPdf(tree, {
            // The printed report is public: mid-year results of published periods only.
            indicators: await loadPublicIndicators(store.db, tree),
          })
        : values.format === "xlsx"
          ? await planXlsx(tree, {
              indicators: (
                await loadPlanIndicators(store.db, tree.id, { asOf: tree.period?.asOf ?? null })
              ).indicators,
            })
          : values.format === "json"
            ? planJson(
                tree,
                await loadPlanIndicators(store.db, tree.id, { asOf: tree.period?.asOf ?? null }),
              )
            : values.table === "roadmap"
              ? roadmapCsv(tree, { bom })
              : values.table === "indicators"
                ? indicatorsCsv(
                    (
                      await loadPlanIndicators(store.db, tree.id, {
                        asOf: tree.period?.asOf ?? null,
                      })
                    ).indicators,
                    { bom },
                  )
                : values.table === "fields"
                  ? fieldsCsv(
                      await loadMeasureFields(store.db, tree.id, tree.period?.asOf ?? null),
                      {
                        bom,
                      },
                    )
                  : measuresCsv(tree, {
                      bom,
                      departments: await loadMeasureDepartments(
                        store.db,
                        tree.id,
                        measurePlacements(tree).map((p) => p.measure.code),
                      ),
                    });
    if (values.out) await writeFile(values.out, output);
    else standardOutput().write(output);
    return 0;
  } finally {
    await store.close();
  }
}
