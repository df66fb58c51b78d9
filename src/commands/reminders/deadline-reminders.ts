import { addWorkingDays, tokyoDate } from "../../domain/working-days.ts";
import type { Store } from "../../store/store.ts";
import { lockPlan } from "../plan-lock.ts";
import { planRef } from "./cycle-reminders.ts";
import {
  departmentRecipients,
  plannerRecipients,
  queueReminder,
  type ReminderMail,
} from "./reminder-queue.ts";
import {
  type DepartmentProgress,
  deadlineReminderText,
  digestText,
  type MeasureRef,
} from "./reminder-texts.ts";

/** A reminder the check made (or, in a dry run, would make). */
export interface DueReminder {
  plan: string;
  asOf: string;
  deadline: string;
  kind: "deadline" | "digest";
  /** null: the planning division's digest. */
  department: string | null;
  recipients: Array<{ name: string; email: string }>;
  subject: string;
}

class DryRun extends Error {
  constructor(readonly made: DueReminder[]) {
    super("dry run");
  }
}

/**
 * The periodic check: for every open period with a deadline whose reminder day has come
 * (`reminderDays` working days before the deadline, or later while the period is open), remind
 * each department that still has measures not submitted (never updated, or returned; by lead
 * department), and send
 * the planning division a digest. Idempotent: one reminder per department per period per kind,
 * by the reminder's unique key, so the check may run as often as wanted and on every app server.
 * A period opened on or after its reminder day gets none (its opening message gave the deadline).
 * A dry run makes the same decisions in a transaction it rolls back.
 * @example await queueDueReminders(store, { baseUrl: "https://shinchoku.example.jp" }, { reminderDays: 3 })
 */
export async function queueDueReminders(
  store: Store,
  mail: ReminderMail,
  options: { reminderDays: number; now?: Date; dryRun?: boolean },
): Promise<DueReminder[]> {
  const now = options.now ?? new Date();
  const today = tokyoDate(now);
  const at = now.toISOString();
  const periods = await store.db
    .selectFrom("reporting_period")
    .innerJoin("plan", "plan.id", "reporting_period.plan_id")
    .select([
      "reporting_period.id",
      "reporting_period.deadline",
      "reporting_period.created_at",
      "plan.slug",
    ])
    .where("reporting_period.state", "=", "open")
    .where("reporting_period.deadline", "is not", null)
    .orderBy("reporting_period.id")
    .execute();
  const made: DueReminder[] = [];
  for (const period of periods) {
    let remindOn: string;
    try {
      remindOn = addWorkingDays(period.deadline as string, -options.reminderDays);
    } catch {
      continue; // a deadline outside the holiday table (not accepted since 018) cannot be counted to
    }
    if (today < remindOn || tokyoDate(new Date(period.created_at)) >= remindOn) continue;
    try {
      made.push(
        ...(await store.db.transaction().execute(async (trx) => {
          // Shared, like a save: a publish in flight finishes first, and then the period is closed.
          const plan = await lockPlan(trx, period.slug, "share");
          const still = await trx
            .selectFrom("reporting_period")
            .select("state")
            .where("id", "=", period.id)
            .executeTakeFirst();
          if (still?.state !== "open") return [];
          const ref = await planRef(trx, plan.id, period.id);
          const drafts = await trx
            .selectFrom("progress")
            .innerJoin("measure", "measure.id", "progress.measure_id")
            .innerJoin("item", "item.id", "measure.item_id")
            .leftJoin("measure_department", (j) =>
              j
                .onRef("measure_department.measure_id", "=", "measure.id")
                .on("measure_department.role", "=", "lead"),
            )
            .leftJoin("department", "department.id", "measure_department.department_id")
            .select([
              "department.id as departmentId",
              "department.name as department",
              "measure.code",
              "measure.title",
              "item.number as itemNumber",
              "progress.review_state as reviewState",
            ])
            .where("progress.reporting_period_id", "=", period.id)
            .orderBy("department.name")
            .orderBy("item.number")
            .orderBy("measure.position")
            .execute();
          const byDepartment = new Map<
            number | null,
            { name: string | null; drafts: MeasureRef[] }
          >();
          for (const d of drafts) {
            const entry = byDepartment.get(d.departmentId) ?? { name: d.department, drafts: [] };
            entry.drafts.push(d);
            byDepartment.set(d.departmentId, entry);
          }
          const result: DueReminder[] = [];
          const progress: DepartmentProgress[] = [];
          for (const [departmentId, { name, drafts: mine }] of byDepartment) {
            // Not yet submitted: never updated, returned, or any state before submission.
            const missing = mine.filter(
              (d) => d.reviewState !== "submitted" && d.reviewState !== "accepted",
            );
            let reminded = false;
            if (departmentId !== null && name !== null && missing.length > 0) {
              const recipients = await departmentRecipients(
                trx,
                plan.organization_id,
                departmentId,
              );
              const text = deadlineReminderText({
                baseUrl: mail.baseUrl,
                plan: ref,
                department: name,
                missing,
                today,
              });
              reminded = await queueReminder(trx, {
                organizationId: plan.organization_id,
                planId: plan.id,
                periodId: period.id,
                departmentId,
                kind: "deadline",
                key: `deadline:${period.id}:${departmentId}`,
                createdBy: null,
                at,
                recipients,
                text,
              });
              if (reminded)
                result.push({
                  plan: ref.slug,
                  asOf: ref.asOf,
                  deadline: ref.deadline ?? "",
                  kind: "deadline",
                  department: name,
                  recipients: recipients.map((r) => ({ name: r.name, email: r.email })),
                  subject: text.subject,
                });
            }
            const counts: Record<string, number> = {};
            for (const d of mine) counts[d.reviewState] = (counts[d.reviewState] ?? 0) + 1;
            progress.push({ department: name, counts, reminded });
          }
          const planners = await plannerRecipients(trx, plan.organization_id);
          const digest = digestText({
            baseUrl: mail.baseUrl,
            plan: ref,
            departments: progress,
            today,
          });
          if (
            await queueReminder(trx, {
              organizationId: plan.organization_id,
              planId: plan.id,
              periodId: period.id,
              departmentId: null,
              kind: "digest",
              key: `digest:${period.id}`,
              createdBy: null,
              at,
              recipients: planners,
              text: digest,
            })
          )
            result.push({
              plan: ref.slug,
              asOf: ref.asOf,
              deadline: ref.deadline ?? "",
              kind: "digest",
              department: null,
              recipients: planners.map((r) => ({ name: r.name, email: r.email })),
              subject: digest.subject,
            });
          if (options.dryRun) throw new DryRun(result);
          return result;
        })),
      );
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
      made.push(...error.made);
    }
  }
  return made;
}
