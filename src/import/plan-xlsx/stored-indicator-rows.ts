import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import { INDICATOR_SHEET_HEADERS } from "../../export/indicator-sheet.ts";
import { columnLetter, PLAN_XLSX_SHEETS } from "../../export/plan-xlsx.ts";
import type { Database } from "../../store/database.ts";
import type { ResultValue, StoredIndicatorRow } from "./indicator-row-checker.ts";

/**
 * For each indicator: the cells the store writes in its row of the 指標 sheet now (`sheet`, the
 * store's workbook as the reader sees it), the open period's result and whether `actor` may enter
 * it (a measure's departments; an item's or a group's indicator: the planning division). A
 * workbook whose 指標 header is not the one we write is refused whole; when the store writes no
 * 指標 sheet (the plan has no indicator now) the map is empty and every row is unknown.
 */
export async function storedIndicatorRows(
  trx: Transaction<Database>,
  target: { file: string; planId: number; organizationId: number; openPeriodId: number },
  header: string[],
  sheet: string[][],
  actor: Actor,
): Promise<Map<string, StoredIndicatorRow>> {
  const [expectedHeader = [], ...rows] = sheet;
  // The plan has no indicator any more: every row is reported as unknown, not the header as changed.
  if (sheet.length === 0) return new Map();
  const differs = expectedHeader.findIndex((h, i) => header[i] !== h);
  if (differs >= 0 || header.length !== expectedHeader.length) {
    const at = differs >= 0 ? differs : Math.min(header.length, expectedHeader.length);
    throw new ShinchokuError(
      "invalid_input",
      `シート「${PLAN_XLSX_SHEETS.indicators}」の見出し行が書き出したときと異なります（${columnLetter(at)} 列: 「${header[at] ?? ""}」、正しくは「${expectedHeader[at] ?? "（なし）"}」）。列の追加・削除・並べ替えはしないでください`,
      { file: target.file, field: `${PLAN_XLSX_SHEETS.indicators}!${columnLetter(at)}1` },
    );
  }
  const indicators = await trx
    .selectFrom("indicator")
    .select(["id", "code", "measure_id"])
    .where("plan_id", "=", target.planId)
    .execute();
  const results = await trx
    .selectFrom("indicator_value")
    .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
    .select(["indicator.code", "indicator_value.value", "indicator_value.note"])
    .where("indicator.plan_id", "=", target.planId)
    .where("indicator_value.kind", "=", "result")
    .where("indicator_value.reporting_period_id", "=", target.openPeriodId)
    .execute();
  const owners = await trx
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .select(["measure.id", "measure_department.department_id"])
    .where("measure.plan_id", "=", target.planId)
    .execute();
  const departmentsOf = (measureId: number | null) =>
    owners.filter((o) => o.id === measureId).map((o) => o.department_id);
  const current = new Map<string, ResultValue>(
    results.map((r) => [r.code, { value: r.value, note: r.note }]),
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const idAt = expectedHeader.indexOf(INDICATOR_SHEET_HEADERS.id);
  const stored = new Map<string, StoredIndicatorRow>();
  for (const expected of rows) {
    const code = expected[idAt] ?? "";
    const indicator = byCode.get(code);
    if (!indicator) continue;
    stored.set(code, {
      expected,
      current: current.get(code) ?? null,
      mayEdit: can(actor, "progress.edit", {
        organizationId: target.organizationId,
        departmentIds: departmentsOf(indicator.measure_id),
      }),
    });
  }
  return stored;
}
