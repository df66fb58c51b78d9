import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { logIn } from "../../src/commands/auth/login-authenticator.ts";
import { findSession } from "../../src/commands/auth/session-store.ts";
import { assignDepartment } from "../../src/commands/departments/department-assigner.ts";
import type { Actor } from "../../src/domain/staff-policy.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import type { Store } from "../../src/store/store.ts";
import type { StoreSeed } from "../store-targets.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "./model-report.ts";

export const PASSWORD = "correct horse battery staple";

/** The people of the reporting cycle, signed in. */
export interface Staff {
  admin: Actor;
  planner: Actor;
  /** 保育幼稚園課: items 56–58. */
  nursery: Actor;
  /** 交通政策課: items 25–30. */
  transport: Actor;
  viewer: Actor;
  /** A planner of another city. */
  outsider: Actor;
  tokens: Record<string, string>;
}

/** The model report imported, departments assigned, one account of each role signed in. */
export async function staffedPlan(store: Store): Promise<{ planSlug: string; staff: Staff }> {
  const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
  await store.db
    .insertInto("organization")
    .values({ code: "130001", name: "東京都", created_at: new Date().toISOString() })
    .execute();
  const people: Array<[string, string, string | undefined, string]> = [
    ["admin", "administrator", undefined, KUMAMOTO.code],
    ["planner", "planner", undefined, KUMAMOTO.code],
    ["nursery", "departmentEditor", "保育幼稚園課", KUMAMOTO.code],
    ["transport", "departmentEditor", "交通政策課", KUMAMOTO.code],
    ["viewer", "viewer", undefined, KUMAMOTO.code],
    ["outsider", "planner", undefined, "130001"],
  ];
  const tokens: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  for (const [login, role, department, organizationCode] of people) {
    await createAccount(store, {
      organizationCode,
      login,
      displayName: login,
      password: PASSWORD,
      role,
      ...(department ? { department, createDepartment: true } : {}),
    });
    const { token } = await logIn(store, { login, password: PASSWORD, address: "127.0.0.1" });
    const session = await findSession(store, token);
    if (!session) throw new Error(`no session for ${login}`);
    tokens[login] = token;
    actors[login] = session.actor;
  }
  const planner = actors.planner as Actor;
  await assignDepartment(store, planner, {
    planSlug,
    department: "保育幼稚園課",
    itemNumbers: [56, 57, 58],
    role: "lead",
  });
  await assignDepartment(store, planner, {
    planSlug,
    department: "交通政策課",
    itemNumbers: [25, 26, 27, 28, 29, 30],
    role: "lead",
  });
  return { planSlug, staff: { ...(actors as unknown as Omit<Staff, "tokens">), tokens } };
}

/**
 * `staffedPlan` built once per test process and copied for each test: the sessions and API
 * tokens are rows of the store, so they hold in every copy.
 * @example const { store, value: { planSlug, staff } } = await seededStore(dialect, staffedPlanSeed);
 */
export const staffedPlanSeed: StoreSeed<{ planSlug: string; staff: Staff }> = {
  name: "staffed-plan",
  build: (store) => staffedPlan(store),
};

/** The ID of the first measure of an item. */
export async function measureCodeOf(
  store: Store,
  planSlug: string,
  itemNumber: number,
): Promise<string> {
  const row = await store.db
    .selectFrom("measure")
    .innerJoin("item", "item.id", "measure.item_id")
    .innerJoin("plan", "plan.id", "measure.plan_id")
    .select("measure.code")
    .where("plan.slug", "=", planSlug)
    .where("item.number", "=", itemNumber)
    .orderBy("measure.position")
    .executeTakeFirstOrThrow();
  return row.code;
}

/** The codes of the measures assigned to a department (lead or contributing), re-listings left out. */
export async function departmentMeasureCodes(store: Store, department: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("measure_department as md")
    .innerJoin("department as d", "d.id", "md.department_id")
    .innerJoin("measure as m", "m.id", "md.measure_id")
    .select("m.code")
    .where("d.name", "=", department)
    .where("m.relisting_of_measure_id", "is", null)
    .orderBy("m.code")
    .execute();
  return rows.map((r) => r.code);
}
