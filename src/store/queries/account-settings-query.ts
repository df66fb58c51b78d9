import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A person's own e-mail address and whether they want reminders, as their account page shows them. */
export async function accountSettings(db: Kysely<Database>, accountId: number) {
  const row = await db
    .selectFrom("account")
    .select(["email", "reminders_off"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  return { email: row?.email ?? null, remindersOn: row?.reminders_off !== 1 };
}
