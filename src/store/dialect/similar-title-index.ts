import { type Kysely, sql } from "kysely";
import type { DialectName } from "./dialect-name.ts";

/** A current entry whose titles hold one of the asked grams. */
export interface TitleCandidate {
  id: number;
  measure_id: number;
  plan_id: number;
  title_grams: string;
}

/**
 * The title side of the bigram index, for similar measures: how common a title gram is, and the
 * current entries (each plan's latest published period) whose titles hold any of a few grams.
 * Both reads are bounded by a LIMIT, whatever the size of the index. This and
 * `search-index-*.ts` are where the stores differ.
 */
export interface SimilarTitleIndex {
  /** For each token, how many current entries hold it in their titles, counted up to `cap`. */
  titleTokenCounts(db: Kysely<unknown>, tokens: readonly string[], cap: number): Promise<number[]>;
  /**
   * The newest `limit` current entries holding any of `tokens` in their titles, leaving out the
   * plans of one organization.
   */
  titleCandidates(
    db: Kysely<unknown>,
    tokens: readonly string[],
    options: { excludeOrganizationId: number; limit: number },
  ): Promise<TitleCandidate[]>;
}

// Tokens are letters a–p only (encodeGram): quoting them is all the escaping FTS5 and
// to_tsquery need, and they are passed as parameters besides.
const sqlite: SimilarTitleIndex = {
  async titleTokenCounts(db, tokens, cap) {
    if (tokens.length === 0) return [];
    const counts = tokens.map(
      (token, i) => sql`(SELECT count(*) FROM (SELECT 1 FROM search_fts CROSS JOIN search_entry c
        WHERE search_fts MATCH ${`title_grams : "${token}"`} AND c.id = search_fts.rowid
          AND c.current = 1 LIMIT ${cap})) AS ${sql.ref(`n${i}`)}`,
    );
    const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(counts)}`.execute(db);
    return tokens.map((_, i) => Number(rows[0]?.[`n${i}`] ?? 0));
  },
  async titleCandidates(db, tokens, { excludeOrganizationId, limit }) {
    if (tokens.length === 0) return [];
    const match = `title_grams : (${tokens.map((t) => `"${t}"`).join(" OR ")})`;
    const { rows } = await sql<TitleCandidate>`SELECT c.id, c.measure_id, c.plan_id, c.title_grams
      FROM search_fts CROSS JOIN search_entry c
      WHERE search_fts MATCH ${match} AND c.id = search_fts.rowid AND c.current = 1
        AND c.plan_id NOT IN (SELECT id FROM plan WHERE organization_id = ${excludeOrganizationId})
      ORDER BY search_fts.rowid DESC LIMIT ${limit}`.execute(db);
    return rows;
  },
};

const postgres: SimilarTitleIndex = {
  async titleTokenCounts(db, tokens, cap) {
    if (tokens.length === 0) return [];
    // `:A` keeps to the title grams (weight A); `current = 1` as the partial GIN index says it.
    const counts = tokens.map(
      (token, i) => sql`(SELECT count(*) FROM (SELECT 1 FROM search_entry c
        WHERE c.current = 1 AND c.document @@ to_tsquery('simple', ${`${token}:A`})
        LIMIT ${cap}) AS found) AS ${sql.ref(`n${i}`)}`,
    );
    const { rows } = await sql<Record<string, string | number>>`SELECT ${sql.join(counts)}`.execute(
      db,
    );
    return tokens.map((_, i) => Number(rows[0]?.[`n${i}`] ?? 0));
  },
  async titleCandidates(db, tokens, { excludeOrganizationId, limit }) {
    if (tokens.length === 0) return [];
    const query = tokens.map((t) => `${t}:A`).join(" | ");
    const { rows } = await sql<TitleCandidate>`SELECT c.id, c.measure_id, c.plan_id, c.title_grams
      FROM search_entry c
      WHERE c.current = 1 AND c.document @@ to_tsquery('simple', ${query})
        AND c.plan_id NOT IN (SELECT id FROM plan WHERE organization_id = ${excludeOrganizationId})
      ORDER BY c.id DESC LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      measure_id: Number(r.measure_id),
      plan_id: Number(r.plan_id),
    }));
  },
};

export function similarTitleIndexFor(dialect: DialectName): SimilarTitleIndex {
  return dialect === "postgres" ? postgres : sqlite;
}
