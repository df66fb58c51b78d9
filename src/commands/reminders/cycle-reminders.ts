import type { Transaction } from "kysely";
import type { Actor } from "../../domain/staff-policy.ts";
import { tokyoDate } from "../../domain/working-days.ts";
import type { Database } from "../../store/database.ts";
import { departmentRecipients, queueReminder, type ReminderMail } from "./reminder-queue.ts";
import { type PlanRef, periodOpenedText, returnedText } from "./reminder-texts.ts";

type Trx = Transaction<Database>;

/** The plan and period as a message names them. */
export async function planRef(trx: Trx, planId: number, periodId: number): Promise<PlanRef> {
  const row = await trx
    .selectFrom("reporting_period")
    .innerJoin("plan", "plan.id", "reporting_period.plan_id")
    .select(["plan.slug", "plan.title", "reporting_period.as_of", "reporting_period.deadline"])
    .where("reporting_period.id", "=", periodId)
    .where("plan.id", "=", planId)
    .executeTakeFirstOrThrow();
  return { slug: row.slug, title: row.title, asOf: row.as_of, deadline: row.deadline };
}

/**
 * A period was opened: tell each department that owns measures of the plan (lead or
 * contributing) how many are theirs, the deadline and where to update them. Called by
 * `openPeriod` inside its transaction.
 */
export async function queuePeriodOpened(
  trx: Trx,
  mail: ReminderMail,
  opened: { organizationId: number; planId: number; periodId: number; actor: Actor; at: string },
): Promise<void> {
  const plan = await planRef(trx, opened.planId, opened.periodId);
  const departments = await trx
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .innerJoin("department", "department.id", "measure_department.department_id")
    .select(["department.id", "department.name"])
    .select((eb) => eb.fn.count<number>("measure.id").distinct().as("measures"))
    .where("measure.plan_id", "=", opened.planId)
    .where("measure.relisting_of_measure_id", "is", null)
    .groupBy(["department.id", "department.name"])
    .orderBy("department.name")
    .execute();
  const today = tokyoDate(new Date(opened.at));
  for (const d of departments)
    await queueReminder(trx, {
      organizationId: opened.organizationId,
      planId: opened.planId,
      periodId: opened.periodId,
      departmentId: d.id,
      kind: "opened",
      key: `opened:${opened.periodId}:${d.id}`,
      createdBy: opened.actor.accountId,
      at: opened.at,
      recipients: await departmentRecipients(trx, opened.organizationId, d.id),
      text: periodOpenedText({
        baseUrl: mail.baseUrl,
        plan,
        department: d.name,
        measureCount: Number(d.measures),
        today,
      }),
    });
}

/**
 * A measure's draft was returned: tell its lead department (or, with no lead, every department
 * it is assigned to) with the reviewer's comment and a link to the measure. Called by
 * `reviewProgress` inside its transaction; one reminder per decision (`returned:{draft}:{version}`).
 */
export async function queueReturned(
  trx: Trx,
  mail: ReminderMail,
  returned: {
    organizationId: number;
    planId: number;
    periodId: number;
    measureId: number;
    progressId: number;
    version: number;
    comment: string;
    actor: Actor;
    at: string;
  },
): Promise<void> {
  const plan = await planRef(trx, returned.planId, returned.periodId);
  const measure = await trx
    .selectFrom("measure")
    .innerJoin("item", "item.id", "measure.item_id")
    .select(["measure.code", "measure.title", "item.number"])
    .where("measure.id", "=", returned.measureId)
    .executeTakeFirstOrThrow();
  const owners = await trx
    .selectFrom("measure_department")
    .innerJoin("department", "department.id", "measure_department.department_id")
    .select(["department.id", "department.name", "measure_department.role"])
    .where("measure_department.measure_id", "=", returned.measureId)
    .orderBy("department.name")
    .execute();
  const leads = owners.filter((o) => o.role === "lead");
  const reviewer = await trx
    .selectFrom("account")
    .select("display_name")
    .where("id", "=", returned.actor.accountId)
    .executeTakeFirst();
  const today = tokyoDate(new Date(returned.at));
  for (const d of leads.length > 0 ? leads : owners)
    await queueReminder(trx, {
      organizationId: returned.organizationId,
      planId: returned.planId,
      periodId: returned.periodId,
      departmentId: d.id,
      measureId: returned.measureId,
      kind: "returned",
      key: `returned:${returned.progressId}:${returned.version}:${d.id}`,
      createdBy: returned.actor.accountId,
      at: returned.at,
      recipients: await departmentRecipients(trx, returned.organizationId, d.id),
      text: returnedText({
        baseUrl: mail.baseUrl,
        plan,
        department: d.name,
        measure: {
          code: measure.code,
          title: measure.title,
          itemNumber: measure.number,
          reviewState: "returned",
        },
        reviewer: reviewer?.display_name ?? "企画課",
        comment: returned.comment,
        today,
      }),
    });
}
