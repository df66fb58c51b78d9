import type { Context } from "hono";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { revisionReader } from "../middleware/revision-reader.ts";

/** Loads the plan a request names (`:slug`, `?period=`); null when there is no such plan or period. */
export type PlanTreeLoader = (c: Context) => Promise<PlanTree | null>;

/**
 * The plan a request names (`:slug`), with the progress of `?period=YYYY-MM-DD` or of the latest
 * published period, kept per data revision: the item pages, group pages, report and downloads of
 * one plan share one load until the store's revision moves (read for every request, so a write
 * committed before a request is always seen). Kept trees are frozen: a view that tried to change
 * one would throw rather than change what the next request sees.
 * @example const treeFor = planTreeLoader(store); const tree = await treeFor(c);
 */
export function planTreeLoader(store: Store, maxEntries = 16): PlanTreeLoader {
  const readRevision = revisionReader(store);
  const trees = new Map<string, Promise<PlanTree | null>>();
  let revisionSeen: number | undefined;
  return async (c) => {
    const slug = c.req.param("slug") ?? "";
    const period = c.req.query("period");
    const asOf = period && /^\d{4}-\d{2}-\d{2}$/u.test(period) ? period : undefined;
    const data = await readRevision();
    if (!data) return loadPlanTree(store.db, slug, asOf);
    if (data.revision !== revisionSeen) {
      trees.clear();
      revisionSeen = data.revision;
    }
    const key = `${slug}\u0000${asOf ?? ""}`;
    const kept = trees.get(key);
    if (kept) {
      trees.delete(key); // most recently used last
      trees.set(key, kept);
      return kept;
    }
    const loading = loadPlanTree(store.db, slug, asOf).then((tree) => tree && deepFreeze(tree));
    trees.set(key, loading);
    loading.catch(() => trees.delete(key));
    if (trees.size > maxEntries) trees.delete(trees.keys().next().value as string);
    return loading;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
