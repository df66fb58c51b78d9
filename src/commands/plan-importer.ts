import type { Transaction } from "kysely";
import { encodeContact } from "../domain/contact-line.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { draftGroups, draftItems, type PlanDraft } from "../domain/plan-draft.ts";
import { DEFAULT_STATUS_SCHEME } from "../domain/status-scheme.ts";
import type { ImportCounts, ImportReport, ImportReportBuilder } from "../import/import-report.ts";
import type { Database } from "../store/database.ts";
import { reindexPlan } from "../store/search/search-indexer.ts";
import type { Store } from "../store/store.ts";
import { IndicatorWriter } from "./indicator-writer.ts";
import { MeasureExtrasWriter } from "./measure-extras-writer.ts";
import { resolveOrganization } from "./organization-resolver.ts";
import { mergeDraft } from "./plan-merger.ts";
import { bumpRevision } from "./revision-bumper.ts";

export interface ImportOptions {
  /** The organization the plan belongs to; needed when the store does not tell. */
  organization?: { code: string; name?: string };
  /** The plan to add the report to, or the slug a new plan gets. */
  planSlug?: string;
  sha256: string;
  now?: Date;
  /**
   * Whether departments the data names and the organization lacks are created (and listed in the
   * import report) or refuse the import. Data imports create them by default; `shinchoku import`
   * refuses unless given `--create-departments`.
   */
  createDepartments?: boolean;
  /**
   * Called inside the import's transaction once the plan and period are stored, so that what the
   * caller keeps beside them (the audit record of a staff upload, its mapping) commits with them
   * or not at all.
   */
  onStored?: (trx: Transaction<Database>, stored: StoredImport) => Promise<void>;
}

/** What an import stored, as `onStored` sees it. */
export interface StoredImport {
  planId: number;
  planSlug: string;
  periodId: number;
  report: ImportReport;
}

type Trx = Transaction<Database>;

/**
 * Store a plan draft as one transaction: a new plan, or a later reporting period of a plan the
 * store already has (measures matched by item number and title, roadmap updated, progress
 * added, nothing duplicated). On any error nothing is stored.
 */
export async function importPlanDraft(
  store: Store,
  draft: PlanDraft,
  builder: ImportReportBuilder,
  options: ImportOptions,
): Promise<{ report: ImportReport; planSlug: string }> {
  const now = (options.now ?? new Date()).toISOString();
  return store.db.transaction().execute(async (trx) => {
    const org = await resolveOrganization(trx, options.organization, options.planSlug, now);
    const plan = await findOrCreatePlan(trx, org, draft, options.planSlug, now);
    const existingPeriod = await trx
      .selectFrom("reporting_period")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("as_of", "=", draft.period.asOf)
      .executeTakeFirst();
    if (existingPeriod) {
      throw new ShinchokuError(
        "duplicate_period",
        `基準日 ${draft.period.asOf} の報告は取込済みです`,
        {
          file: builder.source,
          field: "基準日",
        },
      );
    }
    const period = await trx
      .insertInto("reporting_period")
      .values({
        plan_id: plan.id,
        as_of: draft.period.asOf,
        published_on: draft.period.publishedOn,
        deadline: null,
        state: "published",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    if (!plan.isNew && draft.statusScale) await extendStatusScale(trx, plan.id, draft);
    const extras = new MeasureExtrasWriter(
      trx,
      { id: plan.id, organizationId: org.id },
      { id: period.id, asOf: draft.period.asOf },
      now,
      new IndicatorWriter(trx, plan.id, builder, draft.indicatorScheme),
      options.createDepartments ?? true,
    );
    const matched = await mergeDraft(trx, plan, draft, period.id, builder, now, extras);
    extras.reportCreated(builder);
    const report: ImportReport = {
      source: builder.source,
      asOf: draft.period.asOf,
      counts: countDraft(draft),
      matched: plan.isNew ? null : matched,
      messages: builder.messages,
      furniture: builder.furniture,
    };
    await trx
      .insertInto("import_run")
      .values({
        plan_id: plan.id,
        reporting_period_id: period.id,
        source: builder.source,
        sha256: options.sha256,
        imported_at: now,
        report: JSON.stringify(report),
      })
      .execute();
    await options.onStored?.(trx, {
      planId: plan.id,
      planSlug: plan.slug,
      periodId: period.id,
      report,
    });
    await bumpRevision(trx, new Date(now));
    await reindexPlan(trx, plan.id);
    return { report, planSlug: plan.slug };
  });
}

async function findOrCreatePlan(
  trx: Trx,
  org: { id: number; code: string },
  draft: PlanDraft,
  slug: string | undefined,
  now: string,
) {
  const first = Math.min(...draft.fiscalYears);
  const last = Math.max(...draft.fiscalYears);
  const found = await trx
    .selectFrom("plan")
    .selectAll()
    .where((eb) =>
      slug
        ? eb("slug", "=", slug)
        : eb.and([eb("organization_id", "=", org.id), eb("title", "=", draft.title)]),
    )
    // Locked before its periods are read: two imports of one report cannot both add it.
    .forUpdate()
    .executeTakeFirst();
  if (found) {
    await trx
      .updateTable("plan")
      .set({
        first_fiscal_year: Math.min(found.first_fiscal_year, first),
        last_fiscal_year: Math.max(found.last_fiscal_year, last),
        contact: encodeContact(draft.contact) ?? found.contact,
      })
      .where("id", "=", found.id)
      .execute();
    return { id: found.id, slug: found.slug, isNew: false };
  }
  if (slug !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/u.test(slug)) {
    throw new ShinchokuError(
      "invalid_input",
      `計画の識別子「${slug}」は英小文字・数字・ハイフンで指定してください`,
      { field: "slug" },
    );
  }
  const count = await trx
    .selectFrom("plan")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", org.id)
    .executeTakeFirstOrThrow();
  const newSlug = slug ?? `${org.code}-${Number(count.n) + 1}`;
  const plan = await trx
    .insertInto("plan")
    .values({
      organization_id: org.id,
      slug: newSlug,
      title: draft.title,
      first_fiscal_year: first,
      last_fiscal_year: last,
      contact: encodeContact(draft.contact),
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("plan_level")
    .values(
      draft.levels.map((l, position) => ({ plan_id: plan.id, position, key: l.key, name: l.name })),
    )
    .execute();
  const scale = draft.statusScale ?? DEFAULT_STATUS_SCHEME;
  if (scale.length > 0)
    await trx
      .insertInto("status_definition")
      .values(
        scale.map((s, position) => ({
          plan_id: plan.id,
          position,
          code: s.code,
          name: s.name,
          progress_status: s.progressStatus ?? null,
        })),
      )
      .execute();
  return { id: plan.id, slug: newSlug, isNew: true };
}

/** A later period's values not yet on the plan's scale are added after the known ones. */
async function extendStatusScale(trx: Trx, planId: number, draft: PlanDraft) {
  const known = await trx
    .selectFrom("status_definition")
    .select(["code", "position"])
    .where("plan_id", "=", planId)
    .execute();
  let position = known.reduce((max, s) => Math.max(max, s.position), -1) + 1;
  for (const s of draft.statusScale ?? []) {
    if (known.some((k) => k.code === s.code)) continue;
    await trx
      .insertInto("status_definition")
      .values({
        plan_id: planId,
        code: s.code,
        name: s.name,
        position: position++,
        progress_status: s.progressStatus ?? null,
      })
      .execute();
  }
}

export function countDraft(draft: PlanDraft): ImportCounts {
  const groups = draftGroups(draft);
  const items = draftItems(draft);
  const measures = items.flatMap((i) => i.measures);
  return {
    pillars: draft.pillars.length,
    areas: groups.filter((g) => g.level === "area").length,
    categories: groups.filter((g) => g.level === "category").length,
    items: items.filter((i) => i.number !== null).length,
    unnumberedItems: items.filter((i) => i.number === null).length,
    measures: measures.length,
    relistings: measures.filter((m) => m.relisting).length,
    roadmapEntries: measures.reduce((n, m) => n + m.roadmap.length, 0),
    progressEntries: measures.filter((m) => m.progress !== null).length,
  };
}
