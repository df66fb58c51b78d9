/**
 * The indicator part of the scale bench (`npm run bench -- --scale N [--indicators-only]`): the
 * largest plan's indicator page and the national indicator search, each through HTTP with a URL
 * never asked before (every request renders), the search also called in the bench process and
 * beside a plain `LIKE` scan of the names. Kept apart from the scale runs
 * (`bench/indicator-scale-results.json`, its own section of BENCHMARKS.md), so a run of this part
 * alone never replaces the figures of a whole run.
 */
import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { searchIndicators } from "../src/store/search/indicator-search.ts";
import type { Store } from "../src/store/store.ts";
import { get } from "./bench-support.ts";

/** Names of 1, 2, 3 and 5 characters the generator uses, two words, and one found nowhere. */
export const INDICATOR_QUERIES = ["率", "件数", "受診率", "待機児童数", "市民 割合", "量子計算機"];

interface Latency {
  p50: number;
  p95: number;
}
export interface IndicatorQueryFigures {
  query: string;
  /** The prefecture narrowed to, or null for every one. */
  prefecture: string | null;
  http: Latency;
  /** `searchIndicators` called in the bench process (the page's query). */
  direct: Latency;
  /** A plain `LIKE '%word%'` count over every indicator's name. */
  like: Latency;
  /** The search's count (capped at 1,000 as the page caps it) and the LIKE scan's. */
  matches: [number, number];
}
export interface IndicatorRun {
  dialect: "sqlite" | "postgres";
  scale: number;
  date: string;
  machine: string;
  command: string;
  loadBefore: number[];
  loadAfter: number[];
  counts: { plans: number; indicators: number; values: number };
  /** The plan with the most indicators, its indicator page rendered on every request. */
  page: { path: string; indicators: number; status: number; bytes: number } & Latency;
  queries: IndicatorQueryFigures[];
  requests: number;
}

/** p50 and p95 in ms of `n` sequential calls, after 5 not counted. */
export async function timed(n: number, call: () => Promise<void>): Promise<Latency> {
  for (let i = 0; i < 5; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return { p50: Number(at(0.5).toFixed(2)), p95: Number(at(0.95).toFixed(2)) };
}

/** Measure the indicator page and queries on a served store. */
export async function measureIndicators(
  store: Store,
  origin: string,
  requests: number,
): Promise<Pick<IndicatorRun, "counts" | "page" | "queries">> {
  const count = async (table: "plan" | "indicator" | "indicator_value") => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  };
  const counts = {
    plans: await count("plan"),
    indicators: await count("indicator"),
    values: await count("indicator_value"),
  };
  const { rows: largest } = await sql<{ slug: string; n: number }>`
    select p.slug, count(*) as n from indicator i join plan p on p.id = i.plan_id
    group by p.slug order by count(*) desc, p.slug limit 1`.execute(store.db);
  let unique = 0;
  const slug = largest[0]?.slug ?? "431001-1";
  const path = `/plans/${slug}/indicators`;
  let status = 0;
  let bytes = 0;
  const page = await timed(requests, async () => {
    const got = await get(`${origin}${path}?bench=${++unique}`, "gzip");
    status = got.status;
    bytes = got.body.byteLength;
    if (got.status !== 200) throw new Error(`${path} answered ${got.status}`);
  });
  console.error(
    `  ${path} (${largest[0]?.n ?? 0} indicators): p50 ${page.p50} ms p95 ${page.p95} ms`,
  );

  // The prefecture of the last organization generated: a narrowed query.
  const { rows: last } = await sql<{ code: string }>`
    select code from organization order by id desc limit 1`.execute(store.db);
  const prefecture = last[0]?.code.slice(0, 2) ?? "43";
  const asked: Array<{ query: string; prefecture: string | null }> = [
    ...INDICATOR_QUERIES.map((query) => ({ query, prefecture: null })),
    { query: "率", prefecture },
    { query: "待機児童数", prefecture },
  ];
  const queries: IndicatorQueryFigures[] = [];
  for (const { query, prefecture: pref } of asked) {
    const options = {
      query,
      ...(pref === null ? {} : { prefecture: pref }),
      limit: 20,
      countLimit: 1000,
    };
    const url = () =>
      `${origin}/indicators?q=${encodeURIComponent(query)}${pref === null ? "" : `&pref=${pref}`}&bench=${++unique}`;
    const http = await timed(requests, async () => {
      const got = await get(url(), "gzip");
      if (got.status !== 200) throw new Error(`/indicators?q=${query} answered ${got.status}`);
    });
    const found = await searchIndicators(store, options);
    const direct = await timed(requests, async () => {
      await searchIndicators(store, options);
    });
    let likeMatches = 0;
    const like = await timed(requests, async () => {
      likeMatches = await likeScan(store, query, pref);
    });
    queries.push({
      query,
      prefecture: pref,
      http,
      direct,
      like,
      matches: [found.total, likeMatches],
    });
    console.error(
      `  /indicators?q=${query}${pref === null ? "" : ` pref ${pref}`}: http p50 ${http.p50} ms p95 ${http.p95} ms; direct p50 ${direct.p50} ms; LIKE p50 ${like.p50} ms; matches ${found.total} / ${likeMatches}`,
    );
  }
  return {
    counts,
    page: { path, indicators: Number(largest[0]?.n ?? 0), status, bytes, ...page },
    queries,
  };
}

/** Every indicator whose name holds each word (as typed, not folded), counted by `LIKE`. */
async function likeScan(store: Store, query: string, prefecture: string | null): Promise<number> {
  const words = query.split(/\s+/u).filter((w) => w !== "");
  const conditions = words.map(
    (w) => sql`i.name like ${`%${w.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`} escape '\\'`,
  );
  const { rows } = await sql<{ n: number }>`select count(*) as n from indicator i
    ${prefecture === null ? sql`` : sql`join plan p on p.id = i.plan_id join organization o on o.id = p.organization_id`}
    where ${sql.join(conditions, sql` and `)}
    ${prefecture === null ? sql`` : sql`and o.code like ${`${prefecture}%`}`}`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

export function keptIndicatorRuns(file: string): Record<string, IndicatorRun> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, IndicatorRun>;
}

/** The indicator section of BENCHMARKS.md, from every kept indicator run. */
export function indicatorReport(kept: Record<string, IndicatorRun>): string {
  const runs = Object.values(kept).sort(
    (a, b) => a.dialect.localeCompare(b.dialect) || a.scale - b.scale,
  );
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const lines = [
    "Each run's figures are kept in `bench/indicator-scale-results.json`; `--write` rebuilds this section from all of them. Every request asks for a URL never asked before (`&bench=N`), so the page cache never answers: each one searches (or loads the plan's indicators) and renders. Sequential requests from the bench process, after 5 not counted.",
    "",
    "| dialect | orgs | plans | indicators | values | date (UTC) | load avg (1 min) before → after | command |",
    "|---|---:|---:|---:|---:|---|---|---|",
  ];
  for (const r of runs)
    lines.push(
      `| ${r.dialect} | ${r.scale} | ${r.counts.plans} | ${r.counts.indicators} | ${r.counts.values} | ${r.date.slice(0, 16).replace("T", " ")} | ${r.loadBefore[0]?.toFixed(2)} → ${r.loadAfter[0]?.toFixed(2)} | \`${r.command}\` |`,
    );
  lines.push(
    "",
    `Machine: ${[...new Set(runs.map((r) => r.machine))].join("; ")}.`,
    "",
    "The plan with the most indicators, its indicator page (`/plans/:slug/indicators`, every indicator with its chart and table):",
    "",
    "| dialect | orgs | page | indicators | gzip bytes | p50 | p95 |",
    "|---|---:|---|---:|---:|---:|---:|",
  );
  for (const r of runs)
    lines.push(
      `| ${r.dialect} | ${r.scale} | \`${r.page.path}\` | ${r.page.indicators} | ${r.page.bytes} | ${ms(r.page.p50)} | ${ms(r.page.p95)} |`,
    );
  lines.push(
    "",
    'The national indicator search (`/indicators?q=…[&pref=…]`, 20 a page, the newest 1,000 matches counted and ordered): through HTTP; "direct" is `searchIndicators` in the bench process (no HTTP, no rendering); "LIKE" a plain `name LIKE \'%word%\'` count over every indicator (each word as typed, not folded). Matches: the search\'s count (capped at 1,000) / the LIKE count.',
    "",
    "| query | prefecture | dialect | orgs | http p50 | http p95 | direct p50 | direct p95 | LIKE p50 | matches |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  const keys = [
    ...new Set(
      runs.flatMap((r) =>
        r.queries.map((q) => `${q.query}\t${q.prefecture === null ? "" : "pref"}`),
      ),
    ),
  ];
  for (const k of keys)
    for (const r of runs) {
      const q = r.queries.find((x) => `${x.query}\t${x.prefecture === null ? "" : "pref"}` === k);
      if (!q) continue;
      lines.push(
        `| ${q.query} | ${q.prefecture ?? "all"} | ${r.dialect} | ${r.scale} | ${ms(q.http.p50)} | ${ms(q.http.p95)} | ${ms(q.direct.p50)} | ${ms(q.direct.p95)} | ${ms(q.like.p50)} | ${q.matches[0]} / ${q.matches[1]} |`,
      );
    }
  return lines.join("\n");
}
