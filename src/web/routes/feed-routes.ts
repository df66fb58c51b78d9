import type { Context, Hono } from "hono";
import { formatWarekiDate } from "../../domain/era.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { findOrganization } from "../../store/queries/organization-query.ts";
import { loadProgressHistory } from "../../store/queries/progress-history-query.ts";
import { loadPublications } from "../../store/queries/publication-query.ts";
import { type MeasureSearch, searchMeasures } from "../../store/search/measure-search.ts";
import type { Store } from "../../store/store.ts";
import { ATOM_TYPE, atomFeed, type FeedEntry } from "../feeds/atom-feed.ts";
import {
  measureChangeEntries,
  planUrn,
  publicationDate,
  publicationEntries,
} from "../feeds/plan-feed-entries.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { itemPlaces } from "../views/plan-lookup.ts";
import { progressChanges } from "../views/progress-changes.ts";
import { pageContext } from "./page-context.ts";
import type { PlanTreeLoader } from "./plan-tree-loader.ts";

/** Entries of a search feed at most: the first page of results, best first. */
const SEARCH_FEED_SIZE = 20;

const originOf = (c: Context) => new URL(c.req.url).origin;
const selfOf = (c: Context) => {
  const url = new URL(c.req.url);
  return `${url.origin}${url.pathname}${url.search}`;
};
const atom = (c: Context, body: string) => c.body(body, 200, { "Content-Type": ATOM_TYPE });
const notFound = (c: Context) => {
  const page = pageContext(c);
  return c.html(notFoundPage(page.lang, page.path, "notFoundPage"), 404);
};
/** The date of a plan's first period, for a feed with no entry yet. */
const firstDate = (tree: PlanTree) => tree.periods[0]?.asOf ?? "2000-01-01";

/**
 * Atom feeds (RFC 4287) to follow what a city publishes, linked from the pages with
 * `<link rel="alternate" type="application/atom+xml">`:
 * `/plans/:slug/feed.atom` (its publications), `/plans/:slug/items/:number/feed.atom` and
 * `/plans/:slug/measures/:code/feed.atom` (changes of text or status, period by period),
 * `/orgs/:code/feed.atom` (the publications of its plans), and the search's
 * `/plans/:slug/search/feed.atom?q=` and `/search/feed.atom?q=` (the best results). Feeds are
 * functions of the data like the pages, so the page cache keeps them.
 */
export function feedRoutes(app: Hono, store: Store, planTreeFor: PlanTreeLoader): void {
  app.get("/plans/:slug/feed.atom", async (c) => {
    const tree = await planTreeFor(c);
    if (!tree) return notFound(c);
    const history = await loadProgressHistory(store.db, tree.id);
    const changed = (asOf: string, previous: string | null) =>
      previous === null ? 0 : progressChanges(tree, history, previous, asOf).length;
    return atom(
      c,
      atomFeed({
        id: planUrn(tree.slug, "publications"),
        title: `${tree.organization.name}「${tree.title}」の公表`,
        author: tree.organization.name,
        self: selfOf(c),
        page: `${originOf(c)}/plans/${encodeURIComponent(tree.slug)}`,
        entries: publicationEntries(tree, originOf(c), changed),
        emptyUpdated: firstDate(tree),
      }),
    );
  });

  app.get("/plans/:slug/items/:number/feed.atom", async (c) => {
    const tree = await planTreeFor(c);
    const number = c.req.param("number");
    const place = tree
      ? itemPlaces(tree).find((p) => p.item.number !== null && String(p.item.number) === number)
      : undefined;
    if (!tree || !place || place.item.number === null) return notFound(c);
    const itemNumber = place.item.number;
    const measures = place.item.measures;
    const codes = measures.map((m) => m.relistingOf?.code ?? m.code);
    const history = await loadProgressHistory(store.db, tree.id, { measureCodes: codes });
    const entries: FeedEntry[] = measures
      .filter((m) => !m.relistingOf)
      .flatMap((m) =>
        measureChangeEntries(tree, originOf(c), m, itemNumber, history.get(m.code) ?? []),
      );
    return atom(
      c,
      atomFeed({
        id: planUrn(tree.slug, "item", String(itemNumber)),
        title: `${tree.title}：No.${itemNumber} ${place.item.title} の進捗状況`,
        author: tree.organization.name,
        self: selfOf(c),
        page: `${originOf(c)}/plans/${encodeURIComponent(tree.slug)}/items/${itemNumber}`,
        entries,
        emptyUpdated: firstDate(tree),
      }),
    );
  });

  app.get("/plans/:slug/measures/:code/feed.atom", async (c) => {
    const tree = await planTreeFor(c);
    const code = c.req.param("code");
    const place = tree
      ? itemPlaces(tree).find((p) => p.item.measures.some((m) => m.code === code))
      : undefined;
    const measure = place?.item.measures.find((m) => m.code === code);
    if (!tree || !place || !measure) return notFound(c);
    // A re-listing follows its original: it has no progress of its own.
    const source = measure.relistingOf?.code ?? measure.code;
    const history = await loadProgressHistory(store.db, tree.id, { measureCodes: [source] });
    const base = `${originOf(c)}/plans/${encodeURIComponent(tree.slug)}`;
    return atom(
      c,
      atomFeed({
        id: planUrn(tree.slug, "measure", measure.code),
        title: `${tree.title}：${measure.title} の進捗状況`,
        author: tree.organization.name,
        self: selfOf(c),
        page:
          place.item.number === null
            ? base
            : `${base}/items/${place.item.number}#measure-${encodeURIComponent(measure.code)}`,
        entries: measureChangeEntries(
          tree,
          originOf(c),
          measure,
          place.item.number,
          history.get(source) ?? [],
        ),
        emptyUpdated: firstDate(tree),
      }),
    );
  });

  app.get("/orgs/:code/feed.atom", async (c) => {
    const code = c.req.param("code");
    const organization = /^\d{6}$/u.test(code) ? await findOrganization(store.db, code) : undefined;
    if (!organization) return notFound(c);
    const publications = await loadPublications(store.db, code);
    const origin = originOf(c);
    return atom(
      c,
      atomFeed({
        id: `urn:shinchoku:organization:${code}:publications`,
        title: `${organization.name}の計画の公表`,
        author: organization.name,
        self: selfOf(c),
        page: `${origin}/orgs/${code}`,
        entries: publications.map((p) => ({
          id: planUrn(p.planSlug, "period", p.asOf),
          title: `${p.planTitle}：${formatWarekiDate(p.asOf)}時点の進捗状況を公表`,
          link: `${origin}/plans/${encodeURIComponent(p.planSlug)}?period=${p.asOf}`,
          updated: publicationDate(p),
          summary: `${p.organizationName}「${p.planTitle}」の${formatWarekiDate(p.asOf)}時点の進捗状況です。`,
        })),
        emptyUpdated: "2000-01-01",
      }),
    );
  });

  const searchFeed = (c: Context, found: MeasureSearch | null, scope: string, q: string) => {
    const origin = originOf(c);
    const entries = (found?.results ?? []).map(
      (r): FeedEntry => ({
        id: planUrn(r.plan.slug, "measure", r.measureCode, r.period ?? "none"),
        title: `${r.measureTitle}（${r.plan.organizationName}「${r.plan.title}」）`,
        link:
          r.item.number === null
            ? `${origin}/plans/${encodeURIComponent(r.plan.slug)}`
            : `${origin}/plans/${encodeURIComponent(r.plan.slug)}/items/${r.item.number}#measure-${encodeURIComponent(r.measureCode)}`,
        updated: r.period ?? "2000-01-01",
        ...(r.snippet ? { summary: r.snippet.text } : {}),
      }),
    );
    return atom(
      c,
      atomFeed({
        id: `urn:shinchoku:search:${scope}:${encodeURIComponent(q)}`,
        title: `「${q}」の検索結果`,
        author: "Shinchoku",
        self: selfOf(c),
        page: selfOf(c).replace("/feed.atom", ""),
        entries,
        emptyUpdated: "2000-01-01",
      }),
    );
  };

  app.get("/plans/:slug/search/feed.atom", async (c) => {
    const slug = c.req.param("slug");
    const q = c.req.query("q") ?? "";
    const found =
      q.trim() === ""
        ? null
        : await searchMeasures(store, { planSlug: slug, query: q, limit: SEARCH_FEED_SIZE });
    if (q.trim() !== "" && found === null) return notFound(c);
    return searchFeed(c, found, `plan:${slug}`, q);
  });

  app.get("/search/feed.atom", async (c) => {
    const q = c.req.query("q") ?? "";
    const found =
      q.trim() === "" ? null : await searchMeasures(store, { query: q, limit: SEARCH_FEED_SIZE });
    return searchFeed(c, found, "national", q);
  });
}
