import type { Transaction } from "kysely";
import {
  type ConfirmedFigure,
  type FigureInput,
  validateFigures,
} from "../../domain/confirmed-figure.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import { figuresOfProgress } from "../../store/queries/progress-figures-query.ts";
import type { Store } from "../../store/store.ts";
import { confirmApiToken } from "../api/api-token-lock.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { measureByCode, periodByAsOf } from "./cycle-context.ts";
import {
  type IndicatorResultInput,
  saveIndicatorResults,
  validateIndicatorResults,
} from "./indicator-result-saver.ts";

/** The longest progress narrative accepted (the model report's longest is under 300 characters). */
export const MAX_NARRATIVE_LENGTH = 2000;

export interface ProgressEdit {
  planSlug: string;
  asOf: string;
  measureCode: string;
  narrative: string;
  statusCode: string | null;
  /** The version the editor started from: a save on top of someone else's is refused. */
  expectedVersion: number;
  /**
   * The figures a person confirmed, in order: they replace the stored ones (an empty list
   * removes them all). Left out, the stored figures stay as they are (a workbook has none).
   */
  figures?: readonly FigureInput[] | undefined;
  /**
   * False saves a draft (`draft`) that the planning division does not see yet; the editor
   * submits it later (`submitDrafts`). True, the default, submits at once (`submitted`).
   */
  submit?: boolean | undefined;
  /**
   * This period's results of the measure's indicators as typed (blank removes one), kept with
   * the draft as mid-year results. Left out, the stored results stay as they are.
   */
  indicatorResults?: readonly IndicatorResultInput[] | undefined;
}

/** The stored progress when a save collides with another: what the second person is shown. */
export class ProgressConflict extends ShinchokuError {
  constructor(
    readonly current: {
      narrative: string;
      statusCode: string | null;
      version: number;
      updatedBy: string | null;
      updatedAt: string;
      figures: ConfirmedFigure[];
    },
  ) {
    super(
      "conflict",
      "この取組は、あなたが編集を始めた後に他の人が保存しました。最新の内容を確認して、もう一度保存してください",
      { field: "narrative" },
    );
  }
}

/**
 * Save a measure's progress as a draft of the open period (submitted for review, or kept as
 * the department's own draft with `submit: false`). A department
 * editor saves only their own department's measures; a save based on an old version is refused
 * with what is stored now, so no update is lost silently.
 */
export async function saveProgress(
  store: Store,
  actor: Actor,
  edit: ProgressEdit,
  now = new Date(),
) {
  return store.db.transaction().execute((trx) => saveProgressIn(trx, actor, edit, now));
}

/**
 * The same save inside a transaction the caller holds, so that several saves (a workbook's
 * rows) commit together or not at all.
 */
export async function saveProgressIn(
  trx: Transaction<Database>,
  actor: Actor,
  edit: ProgressEdit,
  now = new Date(),
) {
  const narrative = edit.narrative.replace(/\r\n?/gu, "\n").trim();
  if (narrative.length > MAX_NARRATIVE_LENGTH) {
    throw new ShinchokuError(
      "invalid_input",
      `進捗状況は${MAX_NARRATIVE_LENGTH}文字以内にしてください（${narrative.length}文字）`,
      { field: "narrative" },
    );
  }
  if (narrative === "")
    throw new ShinchokuError("invalid_input", "進捗状況を入力してください", { field: "narrative" });
  const figures = edit.figures === undefined ? undefined : validateFigures(edit.figures);
  const indicatorResults =
    edit.indicatorResults === undefined
      ? undefined
      : validateIndicatorResults(edit.indicatorResults);
  const at = now.toISOString();
  // A revoked token saves nothing, however late the revocation came before this commit.
  await confirmApiToken(trx, actor);
  // Side by side with other saves; never across a publish or a department assignment.
  const plan = await lockPlan(trx, edit.planSlug, "share");
  const measure = await measureByCode(trx, plan.id, edit.measureCode);
  if (
    !can(actor, "progress.edit", {
      organizationId: plan.organization_id,
      departmentIds: measure.departmentIds,
    })
  ) {
    throw new ShinchokuError("forbidden", "この取組の進捗状況を編集する権限がありません");
  }
  if (measure.relisting_of_measure_id !== null) {
    throw new ShinchokuError("invalid_input", "再掲の取組は、再掲元の取組で編集してください", {
      field: "measure",
    });
  }
  const period = await periodByAsOf(trx, plan.id, edit.asOf);
  if (period.state !== "open")
    throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
      field: "period",
    });
  if (edit.statusCode !== null) {
    const status = await trx
      .selectFrom("status_definition")
      .select("code")
      .where("plan_id", "=", plan.id)
      .where("code", "=", edit.statusCode)
      .executeTakeFirst();
    if (!status)
      throw new ShinchokuError("invalid_input", "状況区分を一覧から選んでください", {
        field: "statusCode",
      });
  }
  const current = await trx
    .selectFrom("progress")
    .leftJoin("account", "account.id", "progress.updated_by")
    .select([
      "progress.id",
      "progress.narrative",
      "progress.status_code",
      "progress.version",
      "progress.review_state",
      "progress.updated_at",
      "account.display_name",
    ])
    .where("progress.measure_id", "=", measure.id)
    .where("progress.reporting_period_id", "=", period.id)
    .executeTakeFirst();
  const currentFigures = current ? await figuresOfProgress(trx, current.id) : [];
  if (current && current.version !== edit.expectedVersion) {
    throw new ProgressConflict({
      narrative: current.narrative,
      statusCode: current.status_code,
      version: current.version,
      updatedBy: current.display_name,
      updatedAt: current.updated_at,
      figures: currentFigures,
    });
  }
  const reviewState = edit.submit === false ? "draft" : "submitted";
  const values = {
    narrative,
    status_code: edit.statusCode,
    // A person's save confirms the status chosen: a suggestion is replaced by it.
    status_suggested: 0,
    status_words: null,
    review_state: reviewState,
    review_comment: null,
    updated_by: actor.accountId,
    updated_at: at,
  };
  let version: number;
  let progressId: number;
  if (current) {
    progressId = current.id;
    version = current.version + 1;
    const updated = await trx
      .updateTable("progress")
      .set({ ...values, version })
      .where("id", "=", current.id)
      .where("version", "=", current.version)
      .executeTakeFirst();
    // A concurrent writer between our read and this update: the version guard catches it.
    if (Number(updated.numUpdatedRows) !== 1)
      throw new ShinchokuError("conflict", "同時に保存されました。もう一度お試しください", {
        field: "narrative",
      });
  } else {
    version = 1;
    progressId = (
      await trx
        .insertInto("progress")
        .values({ ...values, measure_id: measure.id, reporting_period_id: period.id, version })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  if (figures !== undefined) await replaceFigures(trx, progressId, figures);
  if (indicatorResults !== undefined)
    await saveIndicatorResults(
      trx,
      {
        planId: plan.id,
        measureId: measure.id,
        periodId: period.id,
        fiscalYear: fiscalYearOf(period.as_of),
      },
      indicatorResults,
    );

  await recordAudit(trx, {
    actor,
    action: "progress.save",
    entity: "progress",
    entityId: `${measure.code}@${period.as_of}`,
    planId: plan.id,
    measureId: measure.id,
    before: current
      ? {
          narrative: current.narrative,
          statusCode: current.status_code,
          version: current.version,
          reviewState: current.review_state,
          figures: currentFigures,
        }
      : null,
    after: {
      narrative,
      statusCode: edit.statusCode,
      version,
      reviewState,
      figures: figures ?? currentFigures,
    },
    at,
  });
  return { version };
}

/** A progress row's figures become exactly these, in this order. */
async function replaceFigures(
  trx: Transaction<Database>,
  progressId: number,
  figures: readonly ConfirmedFigure[],
): Promise<void> {
  await trx.deleteFrom("progress_figure").where("progress_id", "=", progressId).execute();
  if (figures.length === 0) return;
  await trx
    .insertInto("progress_figure")
    .values(figures.map((f, position) => ({ progress_id: progressId, position, ...f })))
    .execute();
}
