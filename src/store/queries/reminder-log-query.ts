import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** The last reminder a department was sent for a period: when, and to whom. */
export interface LastReminder {
  at: string;
  to: string;
}

/**
 * The last reminder of each department for a reporting period, by department id. The reminder
 * e-mails (issue 16, point 6) keep their log in a table of their own; until that table is in
 * the schema, no department has been reminded and the dashboard shows 「—」. This is the one
 * place to read it from.
 */
export async function lastReminders(
  _db: Kysely<Database>,
  _periodId: number,
): Promise<Map<number, LastReminder>> {
  return new Map();
}
