import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Transaction } from "kysely";
import { recordAudit } from "../../commands/audit-recorder.ts";
import { saveIndicatorResultIn } from "../../commands/cycle/indicator-result-saver.ts";
import { saveProgressIn } from "../../commands/cycle/progress-saver.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import { measurePlacements, type PlanTree } from "../../domain/plan-tree.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import {
  columnLetter,
  PLAN_XLSX_HEADERS,
  PLAN_XLSX_SHEETS,
  planXlsx,
} from "../../export/plan-xlsx.ts";
import type { Database } from "../../store/database.ts";
import { loadPlanIndicators } from "../../store/queries/indicator-query.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { checkIndicatorRows } from "./indicator-row-checker.ts";
import { type PlanWorkbook, readPlanWorkbook, workbookSheets } from "./plan-workbook-reader.ts";
import { storedIndicatorRows } from "./stored-indicator-rows.ts";
import { MAX_WORKBOOK_BYTES, tooLarge } from "./workbook-container.ts";
import type { WorkbookImportReport } from "./workbook-import-report.ts";
import { checkWorkbookRows, type StoredMeasureRow } from "./workbook-row-checker.ts";

type Trx = Transaction<Database>;

/**
 * Import a workbook file a department filled in: the size is checked before the file is read.
 * @example const report = await importPlanWorkbookFile(store, "plan.xlsx", editor);
 */
export async function importPlanWorkbookFile(
  store: Store,
  path: string,
  actor: Actor,
  now = new Date(),
): Promise<WorkbookImportReport> {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new ShinchokuError("invalid_input", "ファイルが見つかりません", { file: path });
  });
  if (!info.isFile())
    throw new ShinchokuError("invalid_input", "ファイルではありません", { file: path });
  // Refused before reading: a 100 MB file is not held in memory to be rejected.
  if (info.size > MAX_WORKBOOK_BYTES) throw tooLarge(info.size, file);
  return importPlanWorkbook(store, await readFile(path), file, actor, now);
}

/**
 * Apply a filled-in plan workbook (our XLSX export) as drafts of the plan's open reporting
 * period, with the rights of `actor`: rows matched by 取組ID, each changed row saved as a
 * department's save would be (authorization, status scheme, audit record), refused rows
 * reported with the reason. One transaction: a workbook refused as a whole (not ours,
 * password-protected, too large, formulas, another plan's or period's, header changed) stores
 * nothing, and so does any error while saving.
 * @example
 * const report = await importPlanWorkbook(store, bytes, "plan.xlsx", editor);
 * console.log(formatWorkbookImportReport(report));
 */
export async function importPlanWorkbook(
  store: Store,
  bytes: Uint8Array,
  file: string,
  actor: Actor,
  now = new Date(),
  options: WorkbookImportOptions = {},
): Promise<WorkbookImportReport> {
  const workbook = await readPlanWorkbook(bytes, file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const run = store.db.transaction().execute(async (trx) => {
    const { plan, open } = await targetOf(trx, workbook, actor);
    const tree = await loadPlanTree(trx, plan.slug, workbook.asOf, { includeUnpublished: true });
    if (!tree) throw new Error(`plan ${plan.slug} as of ${workbook.asOf} vanished`);
    // The store's own workbook now, read back as the person's is: what every cell is compared to.
    // Its 指標 sheet only when the person's has one (an older export imports as before).
    const indicators = workbook.indicators
      ? (await loadPlanIndicators(trx, tree.id, { asOf: workbook.asOf })).indicators
      : [];
    const storeSheets = await workbookSheets(await planXlsx(tree, { indicators }), "(store)");
    const stored = await storedRows(
      trx,
      tree,
      workbook,
      storeSheets,
      open,
      actor,
      plan.organization_id,
    );
    const { results, edits } = checkWorkbookRows(workbook, stored, tree.statuses);
    // Every row of both sheets is checked before anything is saved: a bad cell stores nothing.
    const indicatorCheck = workbook.indicators
      ? checkIndicatorRows(
          workbook.indicators,
          await storedIndicatorRows(
            trx,
            { file, planId: plan.id, organizationId: plan.organization_id, openPeriodId: open.id },
            workbook.indicators.header,
            storeSheets.get(PLAN_XLSX_SHEETS.indicators) ?? [],
            actor,
          ),
          { file, workbookYear: fiscalYearOf(workbook.asOf), openYear: fiscalYearOf(open.as_of) },
        )
      : null;
    for (const edit of edits) {
      await saveProgressIn(
        trx,
        actor,
        {
          planSlug: plan.slug,
          asOf: open.as_of,
          measureCode: edit.measureCode,
          narrative: edit.narrative,
          statusCode: edit.statusCode,
          expectedVersion: edit.expectedVersion,
        },
        now,
      );
    }
    for (const edit of indicatorCheck?.edits ?? []) {
      await saveIndicatorResultIn(
        trx,
        actor,
        { planSlug: plan.slug, asOf: open.as_of, code: edit.indicatorCode, result: edit.result },
        now,
      );
    }
    const countIn = (rows: ReadonlyArray<{ outcome: string }>) => {
      const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
      return {
        rows: rows.length,
        changed: count("changed"),
        unchanged: count("unchanged"),
        refused: count("refused"),
      };
    };
    const report: WorkbookImportReport = {
      source: file,
      planSlug: plan.slug,
      asOf: open.as_of,
      workbookAsOf: workbook.asOf,
      counts: countIn(results),
      rows: results,
      indicators: indicatorCheck
        ? { counts: countIn(indicatorCheck.results), rows: indicatorCheck.results }
        : null,
    };
    // The saves carry their own audit records; this one ties them to the file they came from.
    if (edits.length > 0 || (indicatorCheck?.edits.length ?? 0) > 0) {
      await recordAudit(trx, {
        actor,
        action: "progress.import",
        entity: "reporting_period",
        entityId: open.id,
        planId: plan.id,
        after: {
          source: file,
          sha256,
          ...report.counts,
          ...(report.indicators ? { indicators: report.indicators.counts } : {}),
        },
        at: now.toISOString(),
      });
    }
    // A preview sees exactly what the import would do, and keeps none of it.
    if (options.dryRun) throw new DryRunRollback(report);
    await options.onStored?.(trx, report);
    return report;
  });
  try {
    return await run;
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

/** Ways to run a workbook import: checked and rolled back (a preview), or with more to keep. */
export interface WorkbookImportOptions {
  /** Check every row and save as the import would, then roll everything back: a preview. */
  dryRun?: boolean;
  /** Called inside the transaction after the rows are saved (not on a dry run). */
  onStored?: (trx: Trx, report: WorkbookImportReport) => Promise<void>;
}

/** Thrown to roll back a dry run's transaction, carrying its report out. */
class DryRunRollback extends Error {
  constructor(readonly report: WorkbookImportReport) {
    super("dry run");
  }
}

/** The plan and open period a workbook is for, checked against the importing person. */
async function targetOf(trx: Trx, workbook: PlanWorkbook, actor: Actor) {
  const { file } = workbook;
  const plan = await trx
    .selectFrom("plan")
    .select(["id", "slug", "organization_id"])
    .where("slug", "=", workbook.planSlug)
    // Held until commit, as every save holds it (lockPlan): no publish between check and write.
    .forShare()
    .executeTakeFirst();
  if (!plan)
    throw new ShinchokuError("not_found", `計画 ${workbook.planSlug} がありません`, {
      file,
      field: "計画ID",
    });
  // Someone who may edit no measure of this organization at all is refused before anything else.
  const own = actor.departmentId === null ? [] : [actor.departmentId];
  if (!can(actor, "progress.edit", { organizationId: plan.organization_id, departmentIds: own }))
    throw new ShinchokuError("forbidden", "この計画の進捗状況を取り込む権限がありません", { file });
  const periods = await trx
    .selectFrom("reporting_period")
    .select(["id", "as_of", "state"])
    .where("plan_id", "=", plan.id)
    .orderBy("as_of")
    .execute();
  const open = periods.find((p) => p.state === "open");
  if (!open)
    throw new ShinchokuError(
      "invalid_state",
      "受付中の報告期がありません。報告期を開いてから取り込んでください",
      { file, field: "period" },
    );
  // The drafts of the open period start from the period before: a workbook written then is
  // as good as one written now.
  const before = periods.filter((p) => p.state === "published" && p.as_of < open.as_of).at(-1);
  if (workbook.asOf !== open.as_of && workbook.asOf !== before?.as_of) {
    throw new ShinchokuError(
      "invalid_input",
      `このブックは基準日 ${workbook.asOf} のものです。受付中の報告期（${open.as_of}）${before ? `か、その前の報告期（${before.as_of}）` : ""}に書き出したブックを取り込んでください`,
      { file, field: "基準日" },
    );
  }
  return { plan, open };
}

/** For each measure: what the store would write in its row now, its draft and who may edit it. */
async function storedRows(
  trx: Trx,
  tree: PlanTree,
  workbook: PlanWorkbook,
  sheets: Map<string, string[][]>,
  open: { id: number; as_of: string },
  actor: Actor,
  organizationId: number,
): Promise<Map<string, StoredMeasureRow>> {
  const [header = [], ...rows] = sheets.get(PLAN_XLSX_SHEETS.measures) ?? [];
  const differs = header.findIndex((h, i) => workbook.header[i] !== h);
  if (differs >= 0 || workbook.header.length !== header.length) {
    const at = differs >= 0 ? differs : Math.min(header.length, workbook.header.length);
    throw new ShinchokuError(
      "invalid_input",
      `シート「${PLAN_XLSX_SHEETS.measures}」の見出し行が書き出したときと異なります（${columnLetter(at)} 列: 「${workbook.header[at] ?? ""}」、正しくは「${header[at] ?? "（なし）"}」）。列の追加・削除・並べ替えはしないでください`,
      { file: workbook.file, field: columnLetter(at) },
    );
  }
  const drafts = await trx
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .select(["measure.code", "progress.narrative", "progress.status_code", "progress.version"])
    .where("progress.reporting_period_id", "=", open.id)
    .execute();
  const draftBy = new Map(drafts.map((d) => [d.code, d]));
  const owners = await trx
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .select(["measure.code", "measure_department.department_id"])
    .where("measure.plan_id", "=", tree.id)
    .execute();
  const departmentsBy = new Map<string, number[]>();
  for (const o of owners)
    departmentsBy.set(o.code, [...(departmentsBy.get(o.code) ?? []), o.department_id]);
  const nodes = new Map(measurePlacements(tree).map((p) => [p.measure.code, p.measure]));
  const text = (s: string) => s.replace(/\r\n?/gu, "\n").trim();
  const idAt = header.indexOf(PLAN_XLSX_HEADERS.id);

  const stored = new Map<string, StoredMeasureRow>();
  for (const expected of rows) {
    const code = expected[idAt] ?? "";
    const node = nodes.get(code);
    if (!node) continue;
    const draft = draftBy.get(code);
    stored.set(code, {
      expected,
      relisting: node.relistingOf !== null,
      draft: draft
        ? {
            narrative: text(draft.narrative),
            statusCode: draft.status_code,
            version: draft.version,
          }
        : null,
      baseline:
        workbook.asOf === open.as_of
          ? null
          : {
              narrative: text(node.progress?.narrative ?? ""),
              statusCode: node.progress?.statusCode ?? null,
            },
      mayEdit: can(actor, "progress.edit", {
        organizationId,
        departmentIds: departmentsBy.get(code) ?? [],
      }),
    });
  }
  return stored;
}
