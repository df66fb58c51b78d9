import { type Kysely, sql } from "kysely";
import {
  DEFAULT_SCORE_BANDS,
  type IndicatorDirection,
  type IndicatorValue,
  type IndicatorValueKind,
  type ScoreBand,
} from "../../domain/indicator.ts";
import { type Achievement, achievementOf } from "../../domain/indicator-achievement.ts";
import { type MatchRange, matchRanges } from "../../domain/search-snippet.ts";
import {
  MAX_QUERY_LENGTH,
  queryGrams,
  type SearchTerm,
  termSpellings,
} from "../../domain/search-tokens.ts";
import { withVariants } from "../../domain/search-variants.ts";
import type { Database } from "../database.ts";
import { compareValues } from "../queries/indicator-query.ts";
import type { Store } from "../store.ts";

export interface IndicatorSearchOptions {
  /** As typed; cut to {@link MAX_QUERY_LENGTH} characters. Every term must be in the name. */
  query: string;
  /** A prefecture's JIS X 0401 code ("43"): the indicators of its organizations' plans. */
  prefecture?: string;
  limit?: number;
  offset?: number;
  /** Matches counted (and ordered) at most: the newest this many. {@link INDICATOR_CANDIDATES} by default. */
  countLimit?: number;
}

/** What an indicator is on, as the public plan page names it. */
export interface IndicatorOwner {
  level: "measure" | "item" | "group";
  /** The plan's name of that level (取組, 施策…). */
  levelName: string;
  /** The measure's code (M0001) for a measure's indicator. */
  measureCode: string | null;
  /** The item's number, for a measure's or an item's indicator (its page's address). */
  itemNumber: number | null;
  title: string;
}

export interface IndicatorSearchResult {
  plan: { slug: string; title: string; organizationCode: string; organizationName: string };
  code: string;
  name: string;
  nameMatches: MatchRange[];
  unit: string | null;
  kind: string;
  direction: IndicatorDirection | null;
  owner: IndicatorOwner;
  /** The latest result (a fiscal year's, else its latest published mid-year one), with its note. */
  latest: { fiscalYear: number; value: string | null; note: string | null } | null;
  /** The latest result's year judged against its target (null without a result). */
  achievement: Achievement | null;
}

export interface IndicatorSearch {
  query: string;
  truncated: boolean;
  terms: SearchTerm[];
  total: number;
  /** Whether more indicators match than `total` counts. */
  totalCapped: boolean;
  results: IndicatorSearchResult[];
}

/** Matches ranked at most when not told otherwise: the newest ones. */
export const INDICATOR_CANDIDATES = 1000;
/** Results per page at most. */
export const MAX_INDICATOR_LIMIT = 100;

/**
 * Indicators of every plan whose name holds every term of the query (the measure search's
 * bigram tokens, variants included), optionally of one prefecture's organizations: the newest
 * `countLimit` matches (by indicator id) read through the name index and no more, ordered by
 * organization code, plan and indicator code, one page of them with owner, latest result, target
 * and achievement. Mid-year results come from published periods only. A query of symbols only, or
 * a prefecture code that is not two digits, finds nothing; neither is an error.
 * @example await searchIndicators(store, { query: "待機児童", prefecture: "43" })
 */
export async function searchIndicators(
  store: Store,
  options: IndicatorSearchOptions,
): Promise<IndicatorSearch> {
  const db = store.db;
  const chars = Array.from(options.query);
  const query = chars.slice(0, MAX_QUERY_LENGTH).join("");
  const terms = withVariants(queryGrams(query), []);
  const outcome = { query, truncated: chars.length > MAX_QUERY_LENGTH, terms };
  const prefecture = options.prefecture;
  // Codes are digits only: nothing in them is a LIKE wildcard.
  if (terms.length === 0 || (prefecture !== undefined && !/^\d{2}$/u.test(prefecture)))
    return { ...outcome, total: 0, totalCapped: false, results: [] };
  const countLimit = Math.max(Math.trunc(options.countLimit ?? INDICATOR_CANDIDATES), 1);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_INDICATOR_LIMIT);
  const offset = Math.max(Math.trunc(options.offset ?? 0), 0);

  const candidates = await matchingIndicators(store, terms, prefecture, countLimit + 1);
  const kept = candidates.slice(0, countLimit);
  const planIds = [...new Set(kept.map((c) => c.plan_id))];
  const plans =
    planIds.length === 0
      ? []
      : await db
          .selectFrom("plan as pl")
          .innerJoin("organization as o", "o.id", "pl.organization_id")
          .select(["pl.id", "pl.slug", "pl.title", "o.code", "o.name"])
          .where("pl.id", "in", planIds)
          .execute();
  const planById = new Map(plans.map((p) => [p.id, p]));
  const ordered = kept
    .map((c) => ({ ...c, org: planById.get(c.plan_id)?.code ?? "" }))
    .sort(
      (a, b) =>
        (a.org < b.org ? -1 : a.org > b.org ? 1 : 0) ||
        a.plan_id - b.plan_id ||
        CODES.compare(a.code, b.code) ||
        a.id - b.id,
    );
  const page = ordered.slice(offset, offset + limit);
  const results = await details(db, page, planById, terms);
  return {
    ...outcome,
    total: ordered.length,
    totalCapped: candidates.length > countLimit,
    results,
  };
}

type Candidate = { id: number; plan_id: number; code: string };

/** Indicator codes in their numeric order (I0002 before I0010, as the plan page orders them). */
const CODES = new Intl.Collator("ja", { numeric: true });

/**
 * The newest `limit` indicators (highest id first) whose name holds every term. Every plan: the
 * name index's matches, read newest first up to the limit (FTS5 streams them so; PostgreSQL's GIN
 * index over the stored `name_document` gives the matches, sorted and cut). A prefecture: its plans' indicators, read by plan
 * through the (plan_id, code) index, their grams (SQLite) or stored document (PostgreSQL)
 * matched against the terms.
 */
async function matchingIndicators(
  store: Store,
  terms: readonly SearchTerm[],
  prefecture: string | undefined,
  limit: number,
): Promise<Candidate[]> {
  const db = store.db as unknown as Kysely<unknown>;
  // Public indicators only: not retired, and no revision of a period not yet published (a
  // definition, a rename or new targets being made in an open period stay out until published).
  const isPublic = sql`i.retired = 0 AND NOT EXISTS (SELECT 1 FROM indicator_revision r
    JOIN reporting_period rp ON rp.id = r.reporting_period_id
    WHERE r.indicator_id = i.id AND rp.state <> 'published')`;
  const plans =
    prefecture === undefined
      ? null
      : sql`SELECT p.id FROM plan p JOIN organization o ON o.id = p.organization_id
          WHERE o.code LIKE ${`${prefecture}%`}`;
  if (store.dialect === "postgres") {
    // Tokens are letters a–p only: nothing in them is tsquery syntax.
    const spelling = (t: SearchTerm) =>
      t.prefix ? `${t.tokens[0]}:*` : `(${t.tokens.join(" <-> ")})`;
    const text = terms.map((t) => `(${termSpellings(t).map(spelling).join(" | ")})`).join(" & ");
    // A prefecture's plans first, their indicators' stored documents matched one by one (a
    // materialized CTE keeps the planner from starting at the country's matches in the GIN
    // index: 待機児童数 matched 11,882 indicators nationally against 247 in prefecture 47).
    const from =
      plans === null
        ? sql`indicator i`
        : sql`(WITH pref AS MATERIALIZED (SELECT id, plan_id, code, retired, name_document
            FROM indicator WHERE plan_id IN (${plans})) SELECT * FROM pref) i`;
    const { rows } = await sql<Candidate>`SELECT i.id, i.plan_id, i.code FROM ${from}
      WHERE i.name_document @@ to_tsquery('simple', ${text}) AND ${isPublic}
      ORDER BY i.id DESC LIMIT ${limit}`.execute(db);
    return rows;
  }
  if (plans !== null) {
    const found = terms.map((t) => {
      const any = termSpellings(t).map(
        (s) =>
          sql`instr(' ' || i.name_grams || ' ', ${s.prefix ? ` ${s.tokens[0]}` : ` ${s.tokens.join(" ")} `}) > 0`,
      );
      return sql`(${sql.join(any, sql` OR `)})`;
    });
    const { rows } = await sql<Candidate>`SELECT i.id, i.plan_id, i.code FROM indicator i
      WHERE i.plan_id IN (${plans}) AND ${sql.join(found, sql` AND `)} AND ${isPublic}
      ORDER BY i.id DESC LIMIT ${limit}`.execute(db);
    return rows;
  }
  // Tokens are letters a–p only, so quoting them is all the escaping FTS5 needs.
  const spelling = (t: SearchTerm) => (t.prefix ? `"${t.tokens[0]}"*` : `"${t.tokens.join(" ")}"`);
  const match = terms.map((t) => `(${termSpellings(t).map(spelling).join(" OR ")})`).join(" AND ");
  const { rows } = await sql<Candidate>`SELECT i.id, i.plan_id, i.code
    FROM indicator_fts f CROSS JOIN indicator i
    WHERE indicator_fts MATCH ${match} AND i.id = f.rowid AND ${isPublic}
    ORDER BY f.rowid DESC LIMIT ${limit}`.execute(db);
  return rows;
}

type PlanRow = { id: number; slug: string; title: string; code: string; name: string };

/** A page's indicators with their owners, values, and their plans' levels and score bands. */
async function details(
  db: Kysely<Database>,
  page: Candidate[],
  planById: Map<number, PlanRow>,
  terms: readonly SearchTerm[],
): Promise<IndicatorSearchResult[]> {
  if (page.length === 0) return [];
  const ids = page.map((c) => c.id);
  const planIds = [...new Set(page.map((c) => c.plan_id))];
  const [rows, values, levels, bands] = await Promise.all([
    db
      .selectFrom("indicator as ind")
      .leftJoin("measure as m", "m.id", "ind.measure_id")
      .leftJoin("item as mi", "mi.id", "m.item_id")
      .leftJoin("item as it", "it.id", "ind.item_id")
      .leftJoin("plan_group as g", "g.id", "ind.group_id")
      .select([
        "ind.id",
        "ind.name",
        "ind.unit",
        "ind.kind",
        "ind.direction",
        "ind.achievement_form",
        "m.code as measure_code",
        "m.title as measure_title",
        "mi.number as measure_item_number",
        "it.number as item_number",
        "it.title as item_title",
        "g.level as group_level",
        "g.label as group_label",
        "g.title as group_title",
      ])
      .where("ind.id", "in", ids)
      .execute(),
    db
      .selectFrom("indicator_value as v")
      .leftJoin("reporting_period as rp", "rp.id", "v.reporting_period_id")
      .select([
        "v.indicator_id",
        "v.kind",
        "v.fiscal_year",
        "v.final",
        "v.value",
        "v.note",
        "rp.as_of",
        "rp.state",
      ])
      .where("v.indicator_id", "in", ids)
      .execute(),
    db
      .selectFrom("plan_level")
      .select(["plan_id", "key", "name"])
      .where("plan_id", "in", planIds)
      .execute(),
    db
      .selectFrom("indicator_score_band")
      .select(["plan_id", "label", "minimum"])
      .where("plan_id", "in", planIds)
      .orderBy("plan_id")
      .orderBy("position")
      .execute(),
  ]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const valuesOf = new Map<number, IndicatorValue[]>();
  for (const v of values) {
    // The public side: a mid-year result of a period not published yet is not shown.
    if (v.as_of !== null && v.state !== "published") continue;
    const list = valuesOf.get(v.indicator_id) ?? [];
    list.push({
      kind: v.kind as IndicatorValueKind,
      fiscalYear: v.fiscal_year,
      final: v.final === 1,
      periodAsOf: v.as_of,
      value: v.value,
      note: v.note,
    });
    valuesOf.set(v.indicator_id, list);
  }
  const bandsOf = (planId: number): ScoreBand[] => {
    const own = bands.filter((b) => b.plan_id === planId);
    return own.length > 0 ? own : [...DEFAULT_SCORE_BANDS];
  };
  const levelName = (planId: number, key: string) =>
    levels.find((l) => l.plan_id === planId && l.key === key)?.name ?? key;
  return page.flatMap((c): IndicatorSearchResult[] => {
    const r = rowById.get(c.id);
    const plan = planById.get(c.plan_id);
    if (!r || !plan) return [];
    const list = (valuesOf.get(c.id) ?? []).sort(compareValues);
    const indicator = {
      direction: r.direction as IndicatorDirection | null,
      achievementForm: r.achievement_form as "auto" | "ratio",
      values: list,
    };
    const achievement = achievementOf(indicator, bandsOf(c.plan_id));
    const results = list.filter((v) => v.kind === "result" && v.fiscalYear !== null);
    const year = achievement?.fiscalYear ?? results.at(-1)?.fiscalYear ?? null;
    const ofYear = results.filter((v) => v.fiscalYear === year);
    const last = ofYear.find((v) => v.periodAsOf === null) ?? ofYear.at(-1) ?? null;
    const owner: IndicatorOwner =
      r.measure_code !== null
        ? {
            level: "measure",
            levelName: levelName(c.plan_id, "measure"),
            measureCode: r.measure_code,
            itemNumber: r.measure_item_number,
            title: r.measure_title ?? "",
          }
        : r.group_level !== null
          ? {
              level: "group",
              levelName: levelName(c.plan_id, r.group_level),
              measureCode: null,
              itemNumber: null,
              title: `${r.group_label ?? ""} ${r.group_title ?? ""}`.trim(),
            }
          : {
              level: "item",
              levelName: levelName(c.plan_id, "item"),
              measureCode: null,
              itemNumber: r.item_number,
              title: r.item_title ?? "",
            };
    return [
      {
        plan: {
          slug: plan.slug,
          title: plan.title,
          organizationCode: plan.code,
          organizationName: plan.name,
        },
        code: c.code,
        name: r.name,
        nameMatches: matchRanges(r.name, terms),
        unit: r.unit,
        kind: r.kind,
        direction: indicator.direction,
        owner,
        latest:
          last && last.fiscalYear !== null
            ? { fiscalYear: last.fiscalYear, value: last.value, note: last.note }
            : null,
        achievement,
      },
    ];
  });
}
