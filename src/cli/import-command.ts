import { parseArgs } from "node:util";
import { formatImportReport } from "../import/import-report.ts";
import { importReportFile } from "../import/report-importer.ts";
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
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    console.error("shinchoku import: 取り込むファイルを一つ指定してください");
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const orgCode = values["org-code"];
    const { report, planSlug } = await importReportFile(store, file, {
      ...(orgCode
        ? {
            organization: {
              code: orgCode,
              ...(values["org-name"] ? { name: values["org-name"] } : {}),
            },
          }
        : {}),
      ...(values.plan ? { planSlug: values.plan } : {}),
    });
    if (values.json) console.log(JSON.stringify({ plan: planSlug, ...report }, null, 2));
    else console.log(`${formatImportReport(report)}\n計画: ${planSlug}（${store.description}）`);
    return 0;
  } finally {
    await store.close();
  }
}
