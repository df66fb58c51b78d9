import { ShinchokuError } from "../../domain/errors.ts";
import { parseFiscalYear } from "../../domain/fiscal-year.ts";
import { groupLevelKeys } from "../../domain/plan-tree.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import { DEFAULT_STATUS_SCHEME, type StatusDefinition } from "../../domain/status-scheme.ts";
import type { Store } from "../../store/store.ts";
import { isUniqueViolation } from "../../store/unique-violation.ts";
import { recordAudit } from "../audit-recorder.ts";
import { isIsoDate } from "../cycle/cycle-context.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { checkedTitle } from "./structure-scope.ts";

/** The status scales offered when a plan is made; `lines` takes the typed lines. */
export const STATUS_PRESETS = {
  default: DEFAULT_STATUS_SCHEME,
  abcd: ["A", "B", "C", "D"].map((code) => ({ code, name: code })),
} as const satisfies Record<string, readonly StatusDefinition[]>;

export interface NewPlan {
  title: string;
  /** Lower-case letters, digits and hyphens; empty: `<organization code>-<n>`. */
  slug: string;
  /** Level names top down, one to six; the last is the item level. */
  levels: readonly string[];
  /** What the plan calls a measure (取組). */
  measureLevel: string;
  firstFiscalYear: string;
  lastFiscalYear: string;
  statusPreset: "default" | "abcd" | "lines";
  /** With `lines`: one status name a line. */
  statusLines: string;
  /** Optional: the asOf date of the first reporting period, opened at once. */
  firstAsOf: string;
}

const MAX_LEVELS = 6;

/**
 * Make an empty plan of the actor's organization from the staff form: its levels with their
 * names, the fiscal-year span of its roadmap, its status scale and, when given, its first
 * reporting period (open). Every field is checked before anything is written; the plan, its
 * levels, statuses and period are stored in one transaction with a `plan.create` audit event.
 * A plan of one level gets one group level named 計画 with one group, since every item stands in a group.
 * @throws ShinchokuError `invalid_input` naming the field, `conflict` (slug taken), `forbidden`.
 * @example await createPlan(store, planner, { title: "行財政改革計画", slug: "", levels: ["柱", "項目"], measureLevel: "取組", firstFiscalYear: "2024", lastFiscalYear: "2027", statusPreset: "default", statusLines: "", firstAsOf: "" })
 */
export async function createPlan(store: Store, actor: Actor, input: NewPlan, now = new Date()) {
  if (!can(actor, "plan.structure", { organizationId: actor.organizationId }))
    throw new ShinchokuError("forbidden", "計画を作成する権限がありません");
  const checked = checkPlan(input);
  const at = now.toISOString();
  const write = () =>
    store.db.transaction().execute(async (trx) => {
      const org = await trx
        .selectFrom("organization")
        .select(["id", "code"])
        .where("id", "=", actor.organizationId)
        .executeTakeFirstOrThrow();
      let slug = checked.slug;
      if (slug === "") {
        const count = await trx
          .selectFrom("plan")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organization_id", "=", org.id)
          .executeTakeFirstOrThrow();
        let n = Number(count.n) + 1;
        const taken = async (s: string) =>
          (await trx.selectFrom("plan").select("id").where("slug", "=", s).executeTakeFirst()) !==
          undefined;
        while (await taken(`${org.code}-${n}`)) n++;
        slug = `${org.code}-${n}`;
      } else if (
        await trx.selectFrom("plan").select("id").where("slug", "=", slug).executeTakeFirst()
      )
        throw new ShinchokuError("conflict", `識別子「${slug}」は別の計画が使っています`, {
          field: "slug",
        });
      const plan = await trx
        .insertInto("plan")
        .values({
          organization_id: org.id,
          slug,
          title: checked.title,
          first_fiscal_year: checked.firstFiscalYear,
          last_fiscal_year: checked.lastFiscalYear,
          contact: null,
          created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("plan_level")
        .values(checked.levels.map((l, position) => ({ plan_id: plan.id, position, ...l })))
        .execute();
      await trx
        .insertInto("status_definition")
        .values(
          checked.statuses.map((s, position) => ({
            plan_id: plan.id,
            position,
            code: s.code,
            name: s.name,
          })),
        )
        .execute();
      if (checked.implicitGroup)
        await trx
          .insertInto("plan_group")
          .values({
            plan_id: plan.id,
            parent_id: null,
            level: "pillar",
            number: 1,
            label: "",
            title: checked.title,
            position: 0,
          })
          .execute();
      if (checked.firstAsOf !== null)
        await trx
          .insertInto("reporting_period")
          .values({
            plan_id: plan.id,
            as_of: checked.firstAsOf,
            published_on: null,
            deadline: null,
            state: "open",
            created_at: at,
          })
          .execute();
      // The public list of plans names it from now on.
      await bumpRevision(trx, now);
      await recordAudit(trx, {
        actor,
        action: "plan.create",
        entity: "plan",
        entityId: slug,
        planId: plan.id,
        after: {
          title: checked.title,
          levels: checked.levels.map((l) => l.name),
          fiscalYears: [checked.firstFiscalYear, checked.lastFiscalYear],
          statuses: checked.statuses.map((s) => s.name),
          firstAsOf: checked.firstAsOf,
        },
        at,
      });
      return { id: plan.id, slug };
    });
  // Two plans made at once both find the same address free (PostgreSQL's READ COMMITTED): the
  // second insert breaks plan.slug's unique constraint and its transaction rolls back. A slug the
  // planner typed is refused as taken; one made here is made again from the plans now stored.
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (checked.slug !== "" || attempt === 3)
        throw new ShinchokuError(
          "conflict",
          `識別子「${checked.slug || "（自動）"}」は別の計画が使っています`,
          {
            field: "slug",
          },
        );
    }
  }
}

function checkPlan(input: NewPlan) {
  const title = checkedTitle(input.title, "title", 200);
  const slug = input.slug.normalize("NFKC").trim();
  if (slug !== "" && !/^[a-z0-9][a-z0-9-]{0,62}$/u.test(slug))
    throw new ShinchokuError(
      "invalid_input",
      "識別子は英小文字・数字・ハイフンで、63文字以内にしてください",
      { field: "slug" },
    );
  const names = input.levels.map((l) => l.replace(/[ \t\u3000]+/gu, " ").trim()).filter(Boolean);
  if (names.length === 0 || names.length > MAX_LEVELS)
    throw new ShinchokuError(
      "invalid_input",
      `階層の名前を1行に1つ、1から${MAX_LEVELS}まで入力してください（今は${names.length}）`,
      { field: "levels" },
    );
  const long = names.find((n) => [...n].length > 20);
  if (long)
    throw new ShinchokuError("invalid_input", `階層の名前「${long}」は20文字以内にしてください`, {
      field: "levels",
    });
  if (new Set(names).size !== names.length)
    throw new ShinchokuError("invalid_input", "階層の名前が重複しています", { field: "levels" });
  const measureLevel = checkedTitle(input.measureLevel, "measureLevel", 20);
  const groupNames = names.length === 1 ? ["計画"] : names.slice(0, -1);
  const keys = groupLevelKeys(groupNames.length);
  const levels = [
    ...groupNames.map((name, i) => ({ key: keys[i] ?? "category", name })),
    { key: "item", name: names.at(-1) ?? "" },
    { key: "measure", name: measureLevel },
  ];
  const firstFiscalYear = checkedFiscalYear(input.firstFiscalYear, "firstFiscalYear", "最初の年度");
  const lastFiscalYear = checkedFiscalYear(input.lastFiscalYear, "lastFiscalYear", "最後の年度");
  if (lastFiscalYear < firstFiscalYear || lastFiscalYear - firstFiscalYear > 30)
    throw new ShinchokuError(
      "invalid_input",
      "最後の年度は最初の年度から30年以内の、同じか後の年度にしてください",
      { field: "lastFiscalYear" },
    );
  const statuses = statusScale(input);
  const asOf = input.firstAsOf.normalize("NFKC").trim();
  if (asOf !== "" && !isIsoDate(asOf))
    throw new ShinchokuError("invalid_input", "最初の基準日を YYYY-MM-DD の形で入力してください", {
      field: "firstAsOf",
    });
  return {
    title,
    slug,
    levels,
    implicitGroup: names.length === 1,
    firstFiscalYear,
    lastFiscalYear,
    statuses,
    firstAsOf: asOf === "" ? null : asOf,
  };
}

/** 2024, ２０２４, 令和6年度 or R6 alike. */
function checkedFiscalYear(value: string, field: string, what: string): number {
  const fy = parseFiscalYear(value);
  if (fy === null || fy < 1989 || fy > 2200)
    throw new ShinchokuError(
      "invalid_input",
      `${what}を西暦（2024）か和暦（令和6年度）で入力してください`,
      { field },
    );
  return fy;
}

function statusScale(input: NewPlan): readonly StatusDefinition[] {
  if (input.statusPreset === "default") return STATUS_PRESETS.default;
  if (input.statusPreset === "abcd") return STATUS_PRESETS.abcd;
  const names = input.statusLines
    .split(/\r?\n/u)
    .map((l) => l.normalize("NFKC").replace(/\s+/gu, " ").trim())
    .filter(Boolean);
  const field = "statusLines";
  if (names.length < 2 || names.length > 12)
    throw new ShinchokuError(
      "invalid_input",
      `状況区分を1行に1つ、2から12まで入力してください（今は${names.length}）`,
      { field },
    );
  const long = names.find((n) => [...n].length > 20);
  if (long)
    throw new ShinchokuError("invalid_input", `状況区分「${long}」は20文字以内にしてください`, {
      field,
    });
  if (new Set(names).size !== names.length)
    throw new ShinchokuError("invalid_input", "状況区分が重複しています", { field });
  // The name is the code: the plan's own scale, as a mapped status column brings it.
  return names.map((name) => ({ code: name, name }));
}
