import { extname } from "node:path";
import { ShinchokuError } from "../../domain/errors.ts";
import type { PlanDraft } from "../../domain/plan-draft.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import { ImportReportBuilder } from "../../import/import-report.ts";
import { readSheets } from "../../import/mapping/sheet-reader.ts";
import type { SheetTable } from "../../import/mapping/sheet-table.ts";
import { readPlanJson } from "../../import/plan-json/plan-json-reader.ts";
import { isPdf } from "../../import/report-pdf/pdf-words.ts";
import { readReportPdf } from "../../import/report-pdf/report-pdf-reader.ts";
import { readReportText } from "../../import/report-text/report-text-reader.ts";
import { decodeReportText } from "../../import/report-text/report-text-source.ts";
import type { Store } from "../../store/store.ts";

/** How an uploaded plan file is read: a sheet through a mapping, or a reader of its own. */
export type PlanFormat = "sheet" | "text" | "pdf" | "json";

/**
 * The format of an uploaded plan file, from its name and first bytes; null for a file no
 * reader takes. A PDF is known by its first bytes whatever its name.
 */
export function planFormatOf(fileName: string, bytes: Uint8Array): PlanFormat | null {
  if (isPdf(bytes)) return "pdf";
  const type = extname(fileName).toLowerCase();
  if (type === ".xlsx" || type === ".csv" || type === ".tsv") return "sheet";
  if (type === ".txt") return "text";
  if (type === ".json") return "json";
  if (type === ".pdf") return "pdf";
  return null;
}

/** The sheets of a workbook or CSV/TSV, each refused as a whole when none is a table. */
export async function readUploadedSheets(bytes: Uint8Array, file: string): Promise<SheetTable[]> {
  const sheets = await readSheets(bytes, file, new ImportReportBuilder(file));
  const filled = (row: string[] | undefined) => (row ?? []).filter((c) => c.trim() !== "").length;
  const isTable = (s: SheetTable) =>
    s.rows.some((row, i) => filled(row) >= 2 && s.rows.slice(i + 1).some((r) => filled(r) >= 1));
  if (!sheets.some(isTable))
    throw new ShinchokuError(
      "invalid_input",
      "表がありません（見出しの行とその下に値のある行が、どのシートにも見つかりません）",
      { file, field: sheets.map((s) => s.name).join("、") || "シート" },
    );
  return sheets;
}

/**
 * A report text, report PDF or plan JSON read into a draft and its import report, as
 * `importReportBytes` will read it on commit; a plan JSON of another organization is refused.
 * @throws ShinchokuError naming the file, line or page.
 */
export async function readPlanFile(
  format: Exclude<PlanFormat, "sheet">,
  bytes: Uint8Array,
  file: string,
  organizationCode: string,
): Promise<{ draft: PlanDraft; report: ImportReportBuilder }> {
  if (format === "pdf") {
    if (!isPdf(bytes))
      throw new ShinchokuError(
        "invalid_input",
        "PDF ではありません（先頭が %PDF- ではありません）",
        {
          file,
          line: 1,
        },
      );
    return readReportPdf(bytes, file);
  }
  const lines = decodeReportText(bytes, file);
  if (format === "text") return readReportText(lines, file);
  const { draft, report, organization } = readPlanJson(lines.join("\n"), file);
  if (organization && organization.code !== organizationCode)
    throw new ShinchokuError(
      "forbidden",
      `別の団体（全国地方公共団体コード ${organization.code}）の計画です。自分の団体の計画だけを取り込めます`,
      { file, field: "organization.code" },
    );
  return { draft, report };
}

/** The organization's 全国地方公共団体コード: what every plan upload is imported under. */
export async function organizationCodeOf(store: Store, actor: Actor): Promise<string> {
  const org = await store.db
    .selectFrom("organization")
    .select("code")
    .where("id", "=", actor.organizationId)
    .executeTakeFirstOrThrow();
  return org.code;
}
