import { PLAN_XLSX_SHEETS } from "../../export/plan-xlsx.ts";
import type { IndicatorRowResult } from "./indicator-row-checker.ts";
import type { WorkbookRowResult } from "./workbook-row-checker.ts";

/** Rows of a sheet by what became of them. */
export type RowCounts = { rows: number; changed: number; unchanged: number; refused: number };

/** What the import of a filled-in workbook did, row by row. Printed by the CLI (or as JSON). */
export interface WorkbookImportReport {
  source: string;
  planSlug: string;
  /** The open period whose drafts the changes were saved to. */
  asOf: string;
  /** The period the workbook was written with (the open one, or the one before it). */
  workbookAsOf: string;
  counts: RowCounts;
  /** Every row of the 取組 sheet, in sheet order. */
  rows: WorkbookRowResult[];
  /** The 指標 sheet's rows (results entered), or null for a workbook without that sheet. */
  indicators: { counts: RowCounts; rows: IndicatorRowResult[] } | null;
}

/** Whether the import stores anything: a changed row on either sheet. */
export function workbookChanges(report: WorkbookImportReport): number {
  return report.counts.changed + (report.indicators?.counts.changed ?? 0);
}

/** Rows refused on either sheet. */
export function workbookRefusals(report: WorkbookImportReport): number {
  return report.counts.refused + (report.indicators?.counts.refused ?? 0);
}

/**
 * The report as lines for a terminal: the counts, then each changed or refused row (and each
 * row with a note) as `FILE:取組!ROW: ID …`, as a compiler would print it.
 * @example console.log(formatWorkbookImportReport(report));
 */
export function formatWorkbookImportReport(report: WorkbookImportReport): string {
  const c = report.counts;
  const lines = [
    `取込結果: ${report.source}（計画 ${report.planSlug}）`,
    `  ブックの基準日 ${report.workbookAsOf} → 受付中の報告期 ${report.asOf} の下書きに保存`,
    `  行 ${c.rows} / 変更 ${c.changed} / 変更なし ${c.unchanged} / 取込不可 ${c.refused}`,
  ];
  for (const r of report.rows) {
    const where = `  ${report.source}:${PLAN_XLSX_SHEETS.measures}!${r.row}: ${r.measureCode || "（ID なし）"}`;
    if (r.outcome === "changed") lines.push(`${where} 変更（${r.changed.join("、")}）`);
    else if (r.refusal) lines.push(`${where} 取込不可: ${r.refusal.message} (${r.refusal.code})`);
    else if (r.note) lines.push(`${where} 変更なし: ${r.note}`);
  }
  if (report.indicators) {
    const i = report.indicators.counts;
    lines.push(
      `  指標 ${i.rows} / 実績値の変更 ${i.changed} / 変更なし ${i.unchanged} / 取込不可 ${i.refused}`,
    );
    for (const r of report.indicators.rows) {
      const where = `  ${report.source}:${PLAN_XLSX_SHEETS.indicators}!${r.row}: ${r.indicatorCode || "（ID なし）"}`;
      if (r.outcome === "changed") lines.push(`${where} 変更（${r.changed.join("、")}）`);
      else if (r.refusal) lines.push(`${where} 取込不可: ${r.refusal.message} (${r.refusal.code})`);
    }
  }
  if (workbookChanges(report) === 0) lines.push("  保存した変更はありません");
  return lines.join("\n");
}
