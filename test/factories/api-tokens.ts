import { issueApiToken } from "../../src/commands/api/api-token-issuer.ts";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import type { Store } from "../../src/store/store.ts";
import { measureCodeOf, PASSWORD, type Staff, staffedPlan } from "./staff.ts";

/** The as-of date of the period the API tests open. */
export const OPEN_AS_OF = "2014-03-31";

export interface ApiFixture {
  planSlug: string;
  staff: Staff;
  /** API tokens issued by the administrator: 保育幼稚園課 and 交通政策課. */
  tokens: { nursery: string; transport: string };
  tokenIds: { nursery: number; transport: number };
  /** A measure of each department (items 56 and 25). */
  codes: { nursery: string; transport: string };
}

/**
 * The model report with staff and departments (see staff.ts), an API token for each of two
 * departments, and, unless `open: false`, the period 2014-03-31 opened for drafts.
 */
export async function apiFixture(
  store: Store,
  options: { open?: boolean } = {},
): Promise<ApiFixture> {
  const { planSlug, staff } = await staffedPlan(store);
  const nursery = await issueApiToken(store, staff.admin, {
    department: "保育幼稚園課",
    name: "保育システム連携",
  });
  const transport = await issueApiToken(store, staff.admin, {
    department: "交通政策課",
    name: "交通連携",
  });
  if (options.open !== false)
    await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
  return {
    planSlug,
    staff,
    tokens: { nursery: nursery.token, transport: transport.token },
    tokenIds: { nursery: nursery.id, transport: transport.id },
    codes: {
      nursery: await measureCodeOf(store, planSlug, 56),
      transport: await measureCodeOf(store, planSlug, 25),
    },
  };
}

/** Request options for the API: a bearer token and, when given, a JSON body. */
export function bearer(token: string, method = "GET", body?: unknown): RequestInit {
  return {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/**
 * A token of another organization (東京都, which staffedPlan adds): issued by an administrator
 * of that organization to a department of it.
 */
export async function foreignToken(store: Store): Promise<string> {
  const org = await store.db
    .selectFrom("organization")
    .select("id")
    .where("code", "=", "130001")
    .executeTakeFirstOrThrow();
  await createAccount(store, {
    organizationCode: "130001",
    login: "tokyo-editor",
    displayName: "tokyo-editor",
    password: PASSWORD,
    role: "departmentEditor",
    department: "保育幼稚園課",
    createDepartment: true,
  });
  const admin = await createAccount(store, {
    organizationCode: "130001",
    login: "tokyo-admin",
    displayName: "tokyo-admin",
    password: PASSWORD,
    role: "administrator",
  });
  const actor = {
    accountId: admin.id,
    organizationId: org.id,
    role: "administrator" as const,
    departmentId: null,
  };
  return (await issueApiToken(store, actor, { department: "保育幼稚園課", name: "東京" })).token;
}
