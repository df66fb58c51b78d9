import { extname } from "node:path";
import { parseArgs } from "node:util";
import { formatImportReport } from "../import/import-report.ts";
import { importMappedSheetFile } from "../import/mapping/mapped-sheet-importer.ts";
import { importPlanCsvFiles } from "../import/plan-csv/plan-csv-importer.ts";
import { importPlanWorkbookFile } from "../import/plan-xlsx/plan-workbook-importer.ts";
import {
  formatWorkbookImportReport,
  workbookRefusals,
} from "../import/plan-xlsx/workbook-import-report.ts";
import { importReportFile } from "../import/report-importer.ts";
import type { Store } from "../store/store.ts";
import { actingAccount } from "./acting-account.ts";
import { openConfiguredStore } from "./database-url.ts";

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "org-code": { type: "string" },
      "org-name": { type: "string" },
      plan: { type: "string" },
      json: { type: "boolean", default: false },
      as: { type: "string" },
      roadmap: { type: "string" },
      indicators: { type: "string" },
      mapping: { type: "string" },
      // Without it, a department the organization lacks refuses the import (a typo, most likely).
      "create-departments": { type: "boolean", default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    console.error("shinchoku import: 取り込むファイルを一つ指定してください");
    return 2;
  }
  const type = extname(file).toLowerCase();
  if (values.mapping !== undefined) return importMapped(file, values.mapping, values);
  if (type === ".xlsx" && values.as === undefined) {
    console.error(
      "shinchoku import: Excel ブックは --as LOGIN（権限を使う職員のログイン名）を付けて取り込みます",
    );
    return 2;
  }
  if ((values.roadmap !== undefined || values.indicators !== undefined) && type !== ".csv") {
    console.error(
      "shinchoku import: --roadmap と --indicators は取組の CSV を取り込むときに指定します",
    );
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    if (type === ".xlsx") return await importWorkbook(store, file, values.as ?? "", values.json);
    const orgCode = values["org-code"];
    const importFile = type === ".csv" ? importPlanCsvFiles : importReportFile;
    const { report, planSlug } = await importFile(store, file, {
      ...(values.roadmap ? { roadmapPath: values.roadmap } : {}),
      ...(values.indicators ? { indicatorsPath: values.indicators } : {}),
      ...(orgCode
        ? {
            organization: {
              code: orgCode,
              ...(values["org-name"] ? { name: values["org-name"] } : {}),
            },
          }
        : {}),
      ...(values.plan ? { planSlug: values.plan } : {}),
      createDepartments: values["create-departments"],
    });
    if (values.json) console.log(JSON.stringify({ plan: planSlug, ...report }, null, 2));
    else console.log(`${formatImportReport(report)}\n計画: ${planSlug}（${store.description}）`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A city's workbook or CSV/TSV through a column mapping (docs/import-mapping.md). */
async function importMapped(
  file: string,
  mapping: string,
  values: {
    "org-code"?: string;
    "org-name"?: string;
    plan?: string;
    json: boolean;
    "create-departments": boolean;
  },
): Promise<number> {
  const store = await openConfiguredStore();
  try {
    const orgCode = values["org-code"];
    const { report, planSlug, unchanged } = await importMappedSheetFile(store, file, mapping, {
      ...(orgCode
        ? {
            organization: {
              code: orgCode,
              ...(values["org-name"] ? { name: values["org-name"] } : {}),
            },
          }
        : {}),
      ...(values.plan ? { planSlug: values.plan } : {}),
      createDepartments: values["create-departments"],
    });
    if (values.json) console.log(JSON.stringify({ plan: planSlug, unchanged, ...report }, null, 2));
    else
      console.log(
        `${formatImportReport(report)}\n計画: ${planSlug}${unchanged ? "（変更なし）" : ""}（${store.description}）`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * A filled-in plan workbook, with the rights of the account `--as` names. The command line has
 * no session (whoever runs it holds the database's credentials): `--as` names the staff member
 * whose rights apply — a department editor's workbook is checked against their department — and
 * whom the audit trail names. Exit 0 when every row was taken or unchanged, 1 when a row was
 * refused (the other rows' changes are stored).
 */
async function importWorkbook(store: Store, file: string, login: string, json: boolean) {
  const report = await importPlanWorkbookFile(
    store,
    file,
    (await actingAccount(store, login)).actor,
  );
  if (json) console.log(JSON.stringify(report, null, 2));
  else console.log(`${formatWorkbookImportReport(report)}\n（${store.description}）`);
  return workbookRefusals(report) > 0 ? 1 : 0;
}
