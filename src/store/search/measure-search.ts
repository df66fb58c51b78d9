import { sql } from "kysely";
import {
  type MatchRange,
  matchRanges,
  type Snippet,
  searchSnippet,
} from "../../domain/search-snippet.ts";
import { MAX_QUERY_LENGTH, queryGrams, type SearchTerm } from "../../domain/search-tokens.ts";
import { searchIndexFor } from "../dialect/search-index.ts";
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
   * Count the matches up to this many only, and say when there are more (`totalCapped`): the
   * national search keeps the count of a one-character query bounded this way.
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
      : await db.selectFrom("plan").select("id").where("slug", "=", planSlug).executeTakeFirst();
  if (planSlug !== undefined && !plan) return null;
  const chars = Array.from(options.query);
  const query = chars.slice(0, MAX_QUERY_LENGTH).join("");
  const terms = queryGrams(query);
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
  // Codes are digits only: nothing in them is a LIKE wildcard.
  const prefecture = /^\d{2}$/u.test(options.prefecture ?? "") ? options.prefecture : undefined;
  const organization = options.organization;
  // A group path is numbers and hyphens only: nothing in it is a LIKE wildcard.
  const category = /^\d+(?:-\d+)*$/u.test(options.category ?? "") ? options.category : undefined;
  const matched = db
    .selectFrom("search_entry as e")
    .innerJoin(searchIndexFor(store.dialect).matchingEntries(terms), (join) =>
      join.onRef("hit.entry_id", "=", "e.id"),
    )
    .innerJoin("measure as m", "m.id", "e.measure_id")
    .innerJoin("item as i", "i.id", "m.item_id")
    .innerJoin("plan as pl", "pl.id", "e.plan_id")
    .innerJoin("organization as o", "o.id", "pl.organization_id")
    .leftJoin("reporting_period as rp", "rp.id", "e.reporting_period_id")
    .leftJoin("progress as p", (join) =>
      join
        .onRef("p.measure_id", "=", "e.measure_id")
        .onRef("p.reporting_period_id", "=", "e.reporting_period_id"),
    )
    .$if(plan !== null, (qb) =>
      qb
        .where("e.plan_id", "=", plan?.id ?? 0)
        .where("e.reporting_period_id", period ? "=" : "is", period?.id ?? null),
    )
    // Every plan in its latest published period: published, and no published period after it.
    // Drafts never match, and a plan's older periods are not searched twice.
    .$if(plan === null, (qb) =>
      qb
        .where("rp.state", "=", "published")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("reporting_period as later")
                .select("later.id")
                .whereRef("later.plan_id", "=", "e.plan_id")
                .where("later.state", "=", "published")
                .whereRef("later.as_of", ">", "rp.as_of"),
            ),
          ),
        ),
    )
    .$if(prefecture !== undefined, (qb) => qb.where("o.code", "like", `${prefecture}%`))
    .$if(organization !== undefined, (qb) => qb.where("o.code", "=", organization ?? ""))
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
  const countLimit =
    options.countLimit === undefined ? undefined : Math.max(Math.trunc(options.countLimit), 1);
  const [count, rows] = await Promise.all([
    countLimit === undefined
      ? matched.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()
      : db
          .selectFrom(
            matched
              .select("e.id")
              .limit(countLimit + 1)
              .as("capped"),
          )
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow(),
    matched
      .select((eb) => [
        "e.measure_id",
        "e.plan_id",
        "pl.slug as plan_slug",
        "pl.title as plan_title",
        "o.code as organization_code",
        "o.name as organization_name",
        "rp.as_of",
        "m.code",
        "m.title",
        "i.number",
        "i.label",
        "i.title as item_title",
        "p.narrative",
        "p.status_code",
        eb
          .selectFrom("measure_department as lead")
          .innerJoin("department as d", "d.id", "lead.department_id")
          .select("d.name")
          .whereRef("lead.measure_id", "=", "e.measure_id")
          .where("lead.role", "=", "lead")
          .orderBy("d.name")
          .limit(1)
          .as("lead_department"),
      ])
      .orderBy("hit.rank", "desc")
      // One plan when a plan is searched: then these two change nothing.
      .orderBy("o.code")
      .orderBy("e.plan_id")
      .orderBy(sql`coalesce(e.item_number, 2147483647)`)
      .orderBy("m.position")
      .orderBy("e.id")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);

  const ids = rows.map((r) => r.measure_id);
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const [roadmap, relistings, statuses] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
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
  const n = Number(count.n);
  const capped = countLimit !== undefined && n > countLimit;
  return { ...outcome, total: capped ? countLimit : n, totalCapped: capped, results };
}

function statusOf(
  statuses: ReadonlyArray<{ plan_id: number; code: string; name: string }>,
  planId: number,
  code: string | null,
): { code: string; name: string } | null {
  const found = statuses.find((s) => s.plan_id === planId && s.code === code);
  return found ? { code: found.code, name: found.name } : null;
}
