import type { Kysely } from "kysely";
import {
  type MatchRange,
  matchRanges,
  type Snippet,
  searchSnippet,
} from "../../domain/search-snippet.ts";
import { MAX_QUERY_LENGTH, queryGrams, type SearchTerm } from "../../domain/search-tokens.ts";
import { optedInVariants, withVariants } from "../../domain/search-variants.ts";
import { effectiveTitle } from "../../domain/title-revision.ts";
import type { Database } from "../database.ts";
import { type SearchScope, searchIndexFor } from "../dialect/search-index.ts";
import type { Store } from "../store.ts";
import type { SearchTables } from "./search-entry-table.ts";

export interface MeasureSearchOptions {
  /**
   * The plan searched. Left out, every plan is searched, each in its latest published reporting
   * period (a plan with none is not searched): the national search.
   */
  planSlug?: string;
  /** As typed; cut to {@link MAX_QUERY_LENGTH} characters. Every term must match. */
  query: string;
  /** A published reporting period (as-of date) of the plan; the latest published one otherwise. */
  period?: string;
  /** A prefecture's JIS X 0401 code ("43"): the plans of its organizations (codes 43….). */
  prefecture?: string;
  /** An organization's 全国地方公共団体コード ("431001"): its plans. */
  organization?: string;
  /** A status code of the plan, or {@link UNSET_STATUS} for progress without one. */
  status?: string;
  pillar?: number;
  /** A group path: "1-2-3" (a category), "1-2" (pillar I's area 2 and its categories), "2-1". */
  category?: string;
  /** Measures with an activity (anything but —) in this fiscal year's roadmap. */
  fiscalYear?: number;
  /** A department's id: measures it leads or contributes to, as assigned now (not indexed). */
  department?: number;
  limit?: number;
  offset?: number;
  /**
   * Count the matches up to this many only, and say when there are more (`totalCapped`). The
   * national search always has one ({@link NATIONAL_CANDIDATES} by default) and ranks only that
   * many of the newest matches: past it, the results come from the most recently indexed plans.
   */
  countLimit?: number;
}

export interface MeasureSearchResult {
  /** The plan the measure belongs to, and its organization. */
  plan: { slug: string; title: string; organizationCode: string; organizationName: string };
  measureCode: string;
  measureTitle: string;
  titleMatches: MatchRange[];
  item: { number: number | null; label: string; title: string; titleMatches: MatchRange[] };
  status: { code: string; name: string } | null;
  /** Whether that status was suggested from the narrative (本文から自動判定), not confirmed. */
  statusSuggested?: boolean;
  /** The lead department (担当課) as assigned now; null when none is. */
  leadDepartment: string | null;
  /** The reporting period the result's progress is from (as-of date). */
  period: string | null;
  /** An excerpt of the progress or of a roadmap cell where the query matched. */
  snippet: (Snippet & { source: "progress" | "roadmap"; fiscalYear: number | null }) | null;
  /** Where the measure is re-listed (re-listings are references and are not listed themselves). */
  relistedAt: Array<{ code: string; itemNumber: number | null; itemTitle: string }>;
}

export interface MeasureSearch {
  /** The query as searched (cut to the maximum length) and its terms; no terms, no search. */
  query: string;
  truncated: boolean;
  terms: SearchTerm[];
  /** The period searched; null in the national search, where each plan has its own. */
  period: string | null;
  total: number;
  /** Whether there are more matches than `total` counts (see `countLimit`). */
  totalCapped: boolean;
  results: MeasureSearchResult[];
}

/** The status filter for progress whose status is not set yet (the same value as the measure list's). */
export const UNSET_STATUS = "unset";

/**
 * The national search ranks at most this many of the newest matching entries (its count limit
 * when it is not given one).
 */
export const NATIONAL_CANDIDATES = 1000;

/** Results per page at most. */
export const MAX_SEARCH_LIMIT = 100;

/**
 * Search a plan's measures through the store's full-text index: ranked (title matches above
 * progress and roadmap matches, then by item number), narrowed by the filters, with the
 * matches marked. Null when there is no such plan. A query of symbols only has no terms and
 * gives no results, not an error. Without `planSlug`, the same search over every plan's latest
 * published period (never null), narrowed by prefecture and organization as well.
 * @example const found = await searchMeasures(store, { planSlug: "431001-1", query: "保育" });
 * @example const national = await searchMeasures(store, { query: "保育", prefecture: "43" });
 */
export async function searchMeasures(
  store: Store,
  options: MeasureSearchOptions,
): Promise<MeasureSearch | null> {
  const db = store.db.withTables<SearchTables>();
  const { planSlug } = options;
  const plan =
    planSlug === undefined
      ? null
      : await db
          .selectFrom("plan")
          .select(["id", "search_variants"])
          .where("slug", "=", planSlug)
          .executeTakeFirst();
  if (planSlug !== undefined && !plan) return null;
  const chars = Array.from(options.query);
  const query = chars.slice(0, MAX_QUERY_LENGTH).join("");
  // Notational variants (障害/障がい…) widen the query, never the stored text; the groups a
  // plan opts into (保育所/保育園) apply to its own search only.
  const terms = withVariants(queryGrams(query), optedInVariants(plan?.search_variants ?? null));
  const periods = plan
    ? await db
        .selectFrom("reporting_period")
        .select(["id", "as_of"])
        .where("plan_id", "=", plan.id)
        .where("state", "=", "published")
        .orderBy("as_of")
        .execute()
    : [];
  const period = periods.find((p) => p.as_of === options.period) ?? periods.at(-1) ?? null;
  const outcome = {
    query,
    truncated: chars.length > MAX_QUERY_LENGTH,
    terms,
    period: period?.as_of ?? null,
  };
  if (terms.length === 0) return { ...outcome, total: 0, totalCapped: false, results: [] };

  const { status, pillar, fiscalYear, department } = options;
  if (plan === null && [status, pillar, options.category, fiscalYear, department].some(given))
    throw new Error("the national search narrows by prefecture and organization only");
  // Codes are digits only: nothing in them is a LIKE wildcard.
  const prefecture = /^\d{2}$/u.test(options.prefecture ?? "") ? options.prefecture : undefined;
  const organization = options.organization;
  // A group path is numbers and hyphens only: nothing in it is a LIKE wildcard.
  const category = /^\d+(?:-\d+)*$/u.test(options.category ?? "") ? options.category : undefined;
  // The national search reads the current entries newest first and ranks the first countLimit
  // (NATIONAL_CANDIDATES without one): its work does not grow with the number of plans. A
  // narrower query, or a prefecture or organization, finds fewer than that, and then every
  // match is ranked.
  const countLimit =
    options.countLimit !== undefined
      ? Math.max(Math.trunc(options.countLimit), 1)
      : plan === null
        ? NATIONAL_CANDIDATES
        : undefined;
  const plansAsked =
    prefecture === undefined && organization === undefined
      ? undefined
      : db
          .selectFrom("plan as scoped")
          .innerJoin("organization as so", "so.id", "scoped.organization_id")
          .select("scoped.id")
          .$if(prefecture !== undefined, (qb) => qb.where("so.code", "like", `${prefecture}%`))
          .$if(organization !== undefined, (qb) => qb.where("so.code", "=", organization ?? ""));
  const index = searchIndexFor(store.dialect);
  const currentIds =
    plan || plansAsked ? null : await index.currentEntryIds(db as unknown as Kysely<unknown>);
  const scoped = (extra: number): SearchScope =>
    plan
      ? { kind: "plan", planId: plan.id, periodId: period?.id ?? null }
      : {
          kind: "current",
          limit: (countLimit ?? NATIONAL_CANDIDATES) + extra,
          ids: currentIds,
          ...(plansAsked ? { planIds: plansAsked } : {}),
        };
  // The count reads one more than it counts, to tell whether there are more.
  const matchedIn = (scope: SearchScope) =>
    db
      .selectFrom(index.matchingEntries(terms, scope))
      .leftJoin("progress as p", (join) =>
        join
          .onRef("p.measure_id", "=", "e.measure_id")
          .onRef("p.reporting_period_id", "=", "e.reporting_period_id"),
      )
      .$if(status === UNSET_STATUS, (qb) => qb.where("p.status_code", "is", null))
      .$if(status !== undefined && status !== UNSET_STATUS, (qb) =>
        qb.where("p.status_code", "=", status ?? ""),
      )
      .$if(pillar !== undefined, (qb) => qb.where("e.pillar_number", "=", pillar ?? 0))
      .$if(category !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb("e.group_path", "=", category ?? ""),
            eb("e.group_path", "like", `${category}-%`),
          ]),
        ),
      )
      .$if(fiscalYear !== undefined, (qb) =>
        qb.where(({ exists, selectFrom }) =>
          exists(
            selectFrom("roadmap_entry as r")
              .select("r.id")
              .whereRef("r.measure_id", "=", "e.measure_id")
              .where("r.fiscal_year", "=", fiscalYear ?? 0)
              .where("r.none", "=", 0),
          ),
        ),
      )
      // Read from measure_department at search time: a new assignment needs no reindex.
      .$if(department !== undefined, (qb) =>
        qb.where(({ exists, selectFrom }) =>
          exists(
            selectFrom("measure_department as md")
              .select("md.id")
              .whereRef("md.measure_id", "=", "e.measure_id")
              .where("md.department_id", "=", department ?? 0),
          ),
        ),
      );

  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_SEARCH_LIMIT);
  const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
  // Every match in scope (one plan's, or the newest current ones: bounded either way) with what
  // it is ranked by, in one query; the page's details are read for its 20 entries only.
  const candidates = await matchedIn(scoped(1))
    .select(["e.id", "e.measure_id", "e.plan_id", "e.item_number", "e.rank"])
    .execute();
  const candidatePlanIds = [...new Set(candidates.map((c) => c.plan_id))];
  const plans =
    candidatePlanIds.length === 0
      ? []
      : await db
          .selectFrom("plan as pl")
          .innerJoin("organization as o", "o.id", "pl.organization_id")
          .select(["pl.id", "pl.slug", "pl.title", "o.code", "o.name"])
          .where("pl.id", "in", candidatePlanIds)
          .execute();
  const planById = new Map(plans.map((p) => [p.id, p]));
  // Best rank first; then (in the national search) by organization code and plan; then in the
  // plan's order: item number (items without one last), then entry id, which is the measures'
  // order within a plan's period (reindexPlan writes them so).
  // The national scope read one entry more than it keeps, to tell there are more: the oldest.
  const kept = plan ? candidates : [...candidates].sort((a, b) => b.id - a.id).slice(0, countLimit);
  const ranked = kept
    .map((c) => ({ ...c, rank: Number(c.rank), code: planById.get(c.plan_id)?.code ?? "" }))
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
        a.plan_id - b.plan_id ||
        (a.item_number ?? Number.MAX_SAFE_INTEGER) - (b.item_number ?? Number.MAX_SAFE_INTEGER) ||
        a.id - b.id,
    )
    .slice(0, countLimit ?? candidates.length);
  const page = ranked.slice(offset, offset + limit);
  const entryIds = page.map((c) => c.id);
  const ids = page.map((c) => c.measure_id);
  const planIds = [...new Set(page.map((c) => c.plan_id))];
  const [details, leads, roadmap, relistings, statuses] =
    ids.length === 0
      ? [[], [], [], [], []]
      : await Promise.all([
          db
            .selectFrom("search_entry as e")
            .innerJoin("measure as m", "m.id", "e.measure_id")
            .innerJoin("item as i", "i.id", "m.item_id")
            .leftJoin("reporting_period as rp", "rp.id", "e.reporting_period_id")
            .leftJoin("progress as p", (join) =>
              join
                .onRef("p.measure_id", "=", "e.measure_id")
                .onRef("p.reporting_period_id", "=", "e.reporting_period_id"),
            )
            .select([
              "e.id",
              "e.measure_id",
              "rp.as_of",
              "m.code",
              "m.title",
              "i.id as item_id",
              "i.number",
              "i.label",
              "i.title as item_title",
              "p.narrative",
              "p.status_code",
              "p.status_suggested",
            ])
            .where("e.id", "in", entryIds)
            .execute(),
          db
            .selectFrom("measure_department as lead")
            .innerJoin("department as d", "d.id", "lead.department_id")
            .select(["lead.measure_id", "d.name"])
            .where("lead.measure_id", "in", ids)
            .where("lead.role", "=", "lead")
            .orderBy("d.name")
            .execute(),
          db
            .selectFrom("roadmap_entry")
            .select(["measure_id", "fiscal_year", "text"])
            .where("measure_id", "in", ids)
            .orderBy("fiscal_year")
            .execute(),
          db
            .selectFrom("measure")
            .innerJoin("item", "item.id", "measure.item_id")
            .select([
              "measure.relisting_of_measure_id",
              "measure.code",
              "item.number",
              "item.title",
            ])
            .where("measure.relisting_of_measure_id", "in", ids)
            .orderBy("measure.position")
            .orderBy("measure.id")
            .execute(),
          db
            .selectFrom("status_definition")
            .select(["plan_id", "code", "name"])
            .where("plan_id", "in", planIds)
            .execute(),
        ]);
  const titleAt = await periodTitles(db, ids, details);
  const detailById = new Map(
    details.map((d) => [
      d.id,
      {
        ...d,
        title: titleAt("m", d.measure_id, d.as_of) ?? d.title,
        item_title: titleAt("i", d.item_id, d.as_of) ?? d.item_title,
      },
    ]),
  );
  const rows = page.flatMap((c) => {
    const detail = detailById.get(c.id);
    const plan = planById.get(c.plan_id);
    if (!detail || !plan) return [];
    return [
      {
        ...detail,
        measure_id: c.measure_id,
        plan_id: c.plan_id,
        plan_slug: plan.slug,
        plan_title: plan.title,
        organization_code: plan.code,
        organization_name: plan.name,
        // The first by name, as the measure's page lists them.
        lead_department: leads.find((l) => l.measure_id === c.measure_id)?.name ?? null,
      },
    ];
  });

  const results = rows.map((r): MeasureSearchResult => {
    const progress = r.narrative === null ? null : searchSnippet(r.narrative, terms);
    const cell = progress
      ? undefined
      : roadmap
          .filter((c) => c.measure_id === r.measure_id)
          .map((c) => ({ fiscalYear: c.fiscal_year, snippet: searchSnippet(c.text, terms) }))
          .find((c) => c.snippet !== null);
    return {
      plan: {
        slug: r.plan_slug,
        title: r.plan_title,
        organizationCode: r.organization_code,
        organizationName: r.organization_name,
      },
      measureCode: r.code,
      measureTitle: r.title,
      titleMatches: matchRanges(r.title, terms),
      item: {
        number: r.number,
        label: r.label,
        title: r.item_title,
        titleMatches: matchRanges(r.item_title, terms),
      },
      status: statusOf(statuses, r.plan_id, r.status_code),
      statusSuggested: r.status_code !== null && Number(r.status_suggested) === 1,
      leadDepartment: r.lead_department,
      period: r.as_of,
      snippet: progress
        ? { ...progress, source: "progress", fiscalYear: null }
        : cell?.snippet
          ? { ...cell.snippet, source: "roadmap", fiscalYear: cell.fiscalYear }
          : null,
      relistedAt: relistings
        .filter((l) => l.relisting_of_measure_id === r.measure_id)
        .map((l) => ({ code: l.code, itemNumber: l.number, itemTitle: l.title })),
    };
  });
  const capped = countLimit !== undefined && candidates.length > countLimit;
  return { ...outcome, total: ranked.length, totalCapped: capped, results };
}

function statusOf(
  statuses: ReadonlyArray<{ plan_id: number; code: string; name: string }>,
  planId: number,
  code: string | null,
): { code: string; name: string } | null {
  const found = statuses.find((s) => s.plan_id === planId && s.code === code);
  return found ? { code: found.code, name: found.name } : null;
}

const given = (value: unknown): boolean => value !== undefined;

/**
 * A result's measure and item titles as its period published them, where a later period renamed
 * them (`title_revision`); undefined where the row's title holds. One query for the page.
 */
async function periodTitles(
  db: Kysely<Database>,
  measureIds: number[],
  details: ReadonlyArray<{ item_id: number }>,
) {
  const itemIds = [...new Set(details.map((d) => d.item_id))];
  const rows =
    measureIds.length === 0
      ? []
      : await db
          .selectFrom("title_revision as r")
          .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
          .select(["r.measure_id", "r.item_id", "r.title", "p.as_of as asOf"])
          .where((eb) =>
            eb.or([
              eb("r.measure_id", "in", measureIds),
              ...(itemIds.length > 0 ? [eb("r.item_id", "in", itemIds)] : []),
            ]),
          )
          .execute();
  const byOwner = new Map<string, Array<{ asOf: string; title: string }>>();
  for (const r of rows) {
    const key = r.measure_id !== null ? `m${r.measure_id}` : `i${r.item_id}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), r]);
  }
  return (kind: "m" | "i", id: number, asOf: string | null) => {
    const revisions = byOwner.get(`${kind}${id}`);
    return revisions && asOf !== null ? (effectiveTitle(revisions, asOf) ?? undefined) : undefined;
  };
}
