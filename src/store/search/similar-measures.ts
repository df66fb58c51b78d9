import type { Kysely } from "kysely";
import { CHARACTER_TOKEN_LENGTH } from "../../domain/search-tokens.ts";
import { similarTitleIndexFor } from "../dialect/similar-title-index.ts";
import type { Store } from "../store.ts";
import type { SearchTables } from "./search-entry-table.ts";

/** A measure of another organization's published plan whose title is alike. */
export interface SimilarMeasure {
  plan: { slug: string; title: string; organizationCode: string; organizationName: string };
  measureCode: string;
  measureTitle: string;
  item: { number: number | null; label: string; title: string };
  /** Its status in that plan's latest published period; null when none is set. */
  status: { code: string; name: string } | null;
  /** That period's as-of date. */
  period: string | null;
  /** Cosine similarity of the two titles' bigrams, weighted by rarity (0–1). */
  score: number;
}

export interface SimilarMeasureOptions {
  /** At most this many per measure (default 5). */
  limit?: number;
  /** The rarest title bigrams of the measure asked for candidates (default 4). */
  rareGrams?: number;
  /** Candidates read and compared at most, per measure (default 200). */
  candidates?: number;
  /** How far a gram's frequency is counted (default 200): grams past it are all "common". */
  countCap?: number;
}

/** Title grams asked about at most for one page (the count query holds one subquery each). */
const MAX_COUNTED_GRAMS = 64;
/** Fewer shared bigrams than this, or a lower score, is not "alike". */
const MIN_SHARED = 2;
const MIN_SCORE = 0.25;
/** A page lists several organizations rather than one organization's several measures. */
const PER_ORGANIZATION = 2;

/** A gram of two characters (encoded: twelve letters); single characters say little. */
const isBigram = (token: string) => token.length === 2 * CHARACTER_TOKEN_LENGTH;

/**
 * For each of a plan's measures (by code), up to five measures of other organizations' published
 * plans with the most alike titles (measure and item title, as indexed for search). Bounded in
 * cost whatever the number of organizations: the measures' title bigrams are counted in the
 * index up to `countCap` each (one query), each measure's `rareGrams` rarest ask for the newest
 * `candidates` current entries of other organizations holding any of them (one query per
 * measure), and those are ranked in the process by the cosine of their bigram sets, each gram
 * weighted by its rarity (ln(1 + cap / count); a candidate's grams not counted take the median
 * weight). At least two shared bigrams and a score of 0.25; at most two per organization.
 * @example const similar = await findSimilarMeasures(store, "431001-1", ["M0001"]);
 */
export async function findSimilarMeasures(
  store: Store,
  planSlug: string,
  measureCodes: readonly string[],
  options: SimilarMeasureOptions = {},
): Promise<Map<string, SimilarMeasure[]>> {
  const limit = options.limit ?? 5;
  const rareGrams = options.rareGrams ?? 4;
  const candidateLimit = options.candidates ?? 200;
  const cap = options.countCap ?? 200;
  const found = new Map<string, SimilarMeasure[]>();
  if (measureCodes.length === 0) return found;
  const db = store.db.withTables<SearchTables>();
  const own = await db
    .selectFrom("plan")
    .select(["id", "organization_id"])
    .where("slug", "=", planSlug)
    .executeTakeFirst();
  if (!own) return found;
  // A store of one organization (or none other published) has nothing to compare: one probe.
  const other = await db
    .selectFrom("search_entry as e")
    .innerJoin("plan as pl", "pl.id", "e.plan_id")
    .select("e.id")
    .where("e.current", "=", 1)
    .where("pl.organization_id", "<>", own.organization_id)
    .limit(1)
    .executeTakeFirst();
  // Titles are the same in every period: any one entry of the measure holds them.
  const entries = await db
    .selectFrom("search_entry as e")
    .innerJoin("measure as m", "m.id", "e.measure_id")
    .select(["m.code", "e.title_grams"])
    .where("e.plan_id", "=", own.id)
    .where("m.code", "in", [...measureCodes])
    .orderBy("e.id", "desc")
    .execute();
  const gramsOf = new Map<string, Set<string>>();
  if (!other) {
    for (const code of new Set(entries.map((e) => e.code))) found.set(code, []);
    return found;
  }
  for (const e of entries)
    if (!gramsOf.has(e.code))
      gramsOf.set(e.code, new Set(e.title_grams.split(" ").filter(isBigram)));
  const tokens = [...new Set([...gramsOf.values()].flatMap((g) => [...g]))].slice(
    0,
    MAX_COUNTED_GRAMS,
  );
  const index = similarTitleIndexFor(store.dialect);
  const raw = db as unknown as Kysely<unknown>;
  const counts = await index.titleTokenCounts(raw, tokens, cap);
  const weight = new Map(
    tokens.map((t, i) => [t, Math.log(1 + cap / Math.max(counts[i] ?? 1, 1))]),
  );

  const ranked = new Map<string, Array<{ entryId: number; planId: number; score: number }>>();
  for (const [code, grams] of gramsOf) {
    const known = [...grams].filter((g) => weight.has(g));
    const rarest = [...known]
      .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || (a < b ? -1 : 1))
      .slice(0, rareGrams);
    const candidates = await index.titleCandidates(raw, rarest, {
      excludeOrganizationId: own.organization_id,
      limit: candidateLimit,
    });
    const weights = known.map((g) => weight.get(g) ?? 0).sort((a, b) => a - b);
    const median = weights[Math.floor(weights.length / 2)] ?? 1;
    const w = (g: string) => weight.get(g) ?? median;
    const norm = Math.sqrt(known.reduce((sum, g) => sum + w(g) ** 2, 0));
    ranked.set(
      code,
      candidates
        .map((c) => {
          const theirs = new Set(c.title_grams.split(" ").filter(isBigram));
          let shared = 0;
          let dot = 0;
          for (const g of theirs)
            if (grams.has(g)) {
              shared++;
              dot += w(g) ** 2;
            }
          const theirNorm = Math.sqrt([...theirs].reduce((sum, g) => sum + w(g) ** 2, 0));
          const score = norm === 0 || theirNorm === 0 ? 0 : dot / (norm * theirNorm);
          return { entryId: c.id, planId: c.plan_id, shared, score };
        })
        .filter((c) => c.shared >= MIN_SHARED && c.score >= MIN_SCORE)
        .sort((a, b) => b.score - a.score || b.entryId - a.entryId),
    );
  }

  for (const code of ranked.keys()) found.set(code, []);
  const entryIds = [...new Set([...ranked.values()].flatMap((list) => list.map((c) => c.entryId)))];
  if (entryIds.length === 0) return found;
  const details = await db
    .selectFrom("search_entry as e")
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
    .leftJoin("status_definition as s", (join) =>
      join.onRef("s.plan_id", "=", "e.plan_id").onRef("s.code", "=", "p.status_code"),
    )
    .select([
      "e.id",
      "m.code",
      "m.title",
      "i.number",
      "i.label",
      "i.title as item_title",
      "pl.slug",
      "pl.title as plan_title",
      "o.id as organization_id",
      "o.code as organization_code",
      "o.name as organization_name",
      "rp.as_of",
      "s.code as status_code",
      "s.name as status_name",
    ])
    .where("e.id", "in", entryIds.slice(0, 1000))
    .execute();
  const detailById = new Map(details.map((d) => [Number(d.id), d]));
  for (const [code, list] of ranked) {
    const perOrganization = new Map<number, number>();
    const kept: SimilarMeasure[] = [];
    for (const c of list) {
      const d = detailById.get(c.entryId);
      if (!d || kept.length >= limit) continue;
      const seen = perOrganization.get(d.organization_id) ?? 0;
      if (seen >= PER_ORGANIZATION) continue;
      perOrganization.set(d.organization_id, seen + 1);
      kept.push({
        plan: {
          slug: d.slug,
          title: d.plan_title,
          organizationCode: d.organization_code,
          organizationName: d.organization_name,
        },
        measureCode: d.code,
        measureTitle: d.title,
        item: { number: d.number, label: d.label, title: d.item_title },
        status:
          d.status_code === null || d.status_name === null
            ? null
            : { code: d.status_code, name: d.status_name },
        period: d.as_of,
        score: Math.round(c.score * 1000) / 1000,
      });
    }
    found.set(code, kept);
  }
  return found;
}
