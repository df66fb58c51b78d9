import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { publishPeriod } from "../../src/commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../src/commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../../src/commands/cycle/progress-saver.ts";
import { periodDigest } from "../../src/store/queries/open-drafts-query.ts";
import type { Store } from "../../src/store/store.ts";
import { SESSION_COOKIE } from "../../src/web/staff/staff-env.ts";
import { startAppServer } from "../app-server.ts";
import { type ApiFixture, apiFixture } from "../factories/api-tokens.ts";
import { csrfOf } from "../factories/staff-client.ts";
import { freshStore } from "../store-targets.ts";

/** An answer as the client saw it: its status and parsed JSON body (when there is one). */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The model report with staff, two department tokens and the app served over HTTP on a port of
 * its own, for requests that really run at the same time (each on its own connection, and on
 * PostgreSQL each transaction on its own pooled connection).
 */
export async function raceFixture(dialect: "sqlite" | "postgres") {
  const store = await freshStore(dialect);
  const f = await apiFixture(store, { open: false });
  const server = await startAppServer(store);
  const planner = await staffForm(server.origin, f.staff.tokens.planner ?? "", f.planSlug);
  const admin = await staffForm(server.origin, f.staff.tokens.admin ?? "", f.planSlug);
  let periods = 0;
  return {
    store,
    f,
    origin: server.origin,
    planner,
    admin,
    /** A new as-of date, later than every one handed out before. */
    nextAsOf: () => {
      const n = periods++;
      return `${2014 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-28`;
    },
    /**
     * The fields of the publish form as the confirmation page gives them now (its digest, the
     * unchanged measures marked 「前回から変更なし」): read before a race, posted during it.
     */
    publishForm: (asOf: string) => publishForm(store, f.planSlug, asOf),
    /** The original measures a department owns (its token may save them), in order. */
    codesOf: (department: string) => codesOf(store, f.planSlug, department),
    dispose: async () => {
      await server.close();
      await store.dispose();
    },
  };
}

export type RaceFixture = Awaited<ReturnType<typeof raceFixture>>;

/** A signed-in person's form posts over HTTP, with the session's CSRF token. */
async function staffForm(origin: string, sessionToken: string, planSlug: string) {
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;
  const page = await fetch(`${origin}/staff/plans/${planSlug}`, { headers: { cookie } });
  const csrf = csrfOf(await page.text());
  if (!csrf) throw new Error("no CSRF token on the staff page");
  return async (path: string, form: Record<string, string>): Promise<number> => {
    const res = await fetch(`${origin}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...form }),
    });
    await res.arrayBuffer();
    return res.status;
  };
}

/**
 * The publish form's fields with the confirmation's digest of the period as it is now (what the
 * confirmation page shows; read from the store, since the page offers no form while drafts
 * wait, and a race test publishes then too).
 */
async function publishForm(store: Store, planSlug: string, asOf: string) {
  const period = await store.db
    .selectFrom("reporting_period as r")
    .innerJoin("plan", "plan.id", "r.plan_id")
    .select("r.id")
    .where("plan.slug", "=", planSlug)
    .where("r.as_of", "=", asOf)
    .executeTakeFirstOrThrow();
  const digest = await periodDigest(store.db, period.id);
  return { asOf, publishedOn: asOf, digest, unchanged: "mark" };
}

async function codesOf(store: Store, planSlug: string, department: string) {
  const rows = await store.db
    .selectFrom("measure")
    .innerJoin("plan", "plan.id", "measure.plan_id")
    .innerJoin("measure_department as md", "md.measure_id", "measure.id")
    .innerJoin("department", "department.id", "md.department_id")
    .select("measure.code")
    .where("plan.slug", "=", planSlug)
    .where("department.name", "=", department)
    .where("measure.relisting_of_measure_id", "is", null)
    .orderBy("measure.code")
    .execute();
  return rows.map((r) => r.code);
}

/** `PUT …/draft` with a token: the answer's status and body. */
export async function putDraft(
  origin: string,
  planSlug: string,
  code: string,
  token: string,
  body: { narrative: string; expectedVersion: number },
): Promise<Answer> {
  const res = await fetch(`${origin}/api/v1/plans/${planSlug}/measures/${code}/draft`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ ...body, statusCode: null }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Run `action` after `ms` milliseconds: requests fired a few ms apart. */
export function after<T>(ms: number, action: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms)).then(action);
}

/** The period's drafts' versions by measure ID. */
export async function versionsOf(store: Store, periodAsOf: string, planSlug: string) {
  const rows = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period as r", "r.id", "progress.reporting_period_id")
    .innerJoin("plan", "plan.id", "r.plan_id")
    .select(["measure.code", "progress.version"])
    .where("plan.slug", "=", planSlug)
    .where("r.as_of", "=", periodAsOf)
    .execute();
  return new Map(rows.map((r) => [r.code, r.version]));
}

/** A period's state (`open`, `published`), or null when there is no such period. */
export async function periodState(store: Store, planSlug: string, asOf: string) {
  const row = await store.db
    .selectFrom("reporting_period as r")
    .innerJoin("plan", "plan.id", "r.plan_id")
    .select("r.state")
    .where("plan.slug", "=", planSlug)
    .where("r.as_of", "=", asOf)
    .executeTakeFirst();
  return row?.state ?? null;
}

/**
 * Open a period whose waiting drafts were all accepted: a department saved `codes` and the
 * planning division accepted each, as right before the publish of the issue.
 */
export async function openAllAccepted(r: RaceFixture, asOf: string, codes: readonly string[]) {
  const { store, f } = r;
  await openPeriod(store, f.staff.planner, { planSlug: f.planSlug, asOf, deadline: null });
  for (const code of codes) {
    const actor = (await r.codesOf("保育幼稚園課")).includes(code)
      ? f.staff.nursery
      : f.staff.transport;
    const { version } = await saveProgress(store, actor, {
      planSlug: f.planSlug,
      asOf,
      measureCode: code,
      narrative: `受理前の下書き ${code}`,
      statusCode: null,
      expectedVersion: 1,
    });
    await reviewProgress(store, f.staff.planner, {
      planSlug: f.planSlug,
      asOf,
      measureCode: code,
      decision: "accept",
      comment: "",
      expectedVersion: version,
    });
  }
}

/**
 * Whatever a race left open is accepted and published, so that the next round can open a
 * period (every draft a refused publish waited for is accepted first).
 */
export async function closePeriod(r: RaceFixture, asOf: string) {
  const { store, f } = r;
  if ((await periodState(store, f.planSlug, asOf)) !== "open") return;
  const waiting = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period as p", "p.id", "progress.reporting_period_id")
    .innerJoin("plan", "plan.id", "p.plan_id")
    .select(["measure.code", "progress.version"])
    .where("plan.slug", "=", f.planSlug)
    .where("p.as_of", "=", asOf)
    .where("progress.review_state", "in", ["submitted", "returned"])
    .execute();
  for (const w of waiting)
    await reviewProgress(store, f.staff.planner, {
      planSlug: f.planSlug,
      asOf,
      measureCode: w.code,
      decision: "accept",
      comment: "",
      expectedVersion: w.version,
    });
  await publishPeriod(store, f.staff.planner, {
    planSlug: f.planSlug,
    asOf,
    publishedOn: asOf,
  });
}

export type { ApiFixture };
