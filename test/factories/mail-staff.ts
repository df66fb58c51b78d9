import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { assignDepartment } from "../../src/commands/departments/department-assigner.ts";
import type { ReminderMail } from "../../src/commands/reminders/reminder-queue.ts";
import type { MailSettings } from "../../src/mail/mail-settings.ts";
import type { Store } from "../../src/store/store.ts";
import type { StoreSeed } from "../store-targets.ts";
import { PASSWORD, type Staff, staffedPlan } from "./staff.ts";

export const BASE_URL = "https://shinchoku.city.example.jp";
export const MAIL: ReminderMail = { baseUrl: BASE_URL };
export const SENDER = "進捗管理システム <shinchoku@city.example.jp>";

/** Each person's address: `login@city.example.jp`. */
export const addressOf = (login: string) => `${login}@city.example.jp`;

/** Settings for the test mail server on 127.0.0.1 at `port`: no TLS, no credentials. */
export function testMailSettings(port: number, extra: Partial<MailSettings> = {}): MailSettings {
  return {
    host: "127.0.0.1",
    port,
    secure: false,
    user: null,
    password: null,
    from: SENDER,
    baseUrl: BASE_URL,
    ...extra,
  };
}

/**
 * The staffed plan with e-mail: admin, planner, nursery (保育幼稚園課) and transport (交通政策課)
 * have addresses; `nursery-quiet` (保育幼稚園課) has one but turned reminders off; the viewer has
 * none; item 1 belongs to 市民協働課, where nobody has an account.
 */
export async function mailStaffedPlan(store: Store): Promise<{ planSlug: string; staff: Staff }> {
  const value = await staffedPlan(store);
  for (const login of ["admin", "planner", "nursery", "transport"])
    await store.db
      .updateTable("account")
      .set({ email: addressOf(login) })
      .where("login", "=", login)
      .execute();
  await createAccount(store, {
    organizationCode: "431001",
    login: "nursery-quiet",
    displayName: "保育 静香",
    password: PASSWORD,
    role: "departmentEditor",
    department: "保育幼稚園課",
  });
  await store.db
    .updateTable("account")
    .set({ email: addressOf("nursery-quiet"), reminders_off: 1 })
    .where("login", "=", "nursery-quiet")
    .execute();
  await assignDepartment(store, value.staff.planner, {
    planSlug: value.planSlug,
    department: "市民協働課",
    itemNumbers: [1],
    role: "lead",
    createDepartment: true,
  });
  return value;
}

export const mailStaffedPlanSeed: StoreSeed<{ planSlug: string; staff: Staff }> = {
  name: "mail-staffed-plan",
  build: (store) => mailStaffedPlan(store),
};
