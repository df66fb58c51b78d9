import type { Kysely } from "kysely";
import type { PlanTree } from "../../domain/plan-tree.ts";
import type { Database } from "../../store/database.ts";
import { readDataRevision } from "../../store/queries/data-revision-query.ts";
import type { Store } from "../../store/store.ts";
import { OPEN_DATA_DOWNLOADS } from "./open-data-routes.ts";

/** A download of one period of a plan, with its size as served. */
export interface DownloadSize {
  name: string;
  type: string;
  bytes: number;
  /** The size without the BOM (CSV only), null for the other formats. */
  bytesWithoutBom: number | null;
}

type Cache = { revision: number; sizes: Map<string, Promise<DownloadSize[]>> };
const caches = new WeakMap<Kysely<Database>, Cache>();

/**
 * The size of every download of a plan's period (the tree's), measured by rendering each file
 * once per store revision: a page listing them does not render PDFs on every request, and a
 * write to the store (a new period, a correction) makes them be measured again.
 * @example const sizes = await downloadSizes(store, tree); // [{ name: "measures.csv", bytes: 81234, … }, …]
 */
export async function downloadSizes(store: Store, tree: PlanTree): Promise<DownloadSize[]> {
  const revision = (await readDataRevision(store.db))?.revision ?? 0;
  let cache = caches.get(store.db);
  if (!cache || cache.revision !== revision) {
    cache = { revision, sizes: new Map() };
    caches.set(store.db, cache);
  }
  const key = `${tree.slug}\u0000${tree.period?.asOf ?? ""}`;
  let sizes = cache.sizes.get(key);
  if (!sizes) {
    sizes = measure(tree, store.db);
    cache.sizes.set(key, sizes);
    // A failed rendering is not kept: the next request tries again.
    sizes.catch(() => cache?.sizes.delete(key));
  }
  return sizes;
}

async function measure(tree: PlanTree, db: Kysely<Database>): Promise<DownloadSize[]> {
  const size = (body: string | Buffer) =>
    typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
  const result: DownloadSize[] = [];
  // One after another: rendering a PDF is CPU-bound, and the page waits for all of them anyway.
  for (const d of OPEN_DATA_DOWNLOADS) {
    const bytes = size(await d.render(tree, { bom: true, db }));
    const csv = d.type.startsWith("text/csv");
    result.push({
      name: d.name,
      type: d.type,
      bytes,
      bytesWithoutBom: csv ? size(await d.render(tree, { bom: false, db })) : null,
    });
  }
  return result;
}
