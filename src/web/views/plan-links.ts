import type { PlanTree } from "../../domain/plan-tree.ts";

/** Where a pillar, area or category stands: its pillar's number, then area and category numbers. */
export interface GroupPath {
  pillar: number;
  area?: number | null;
  category?: number | null;
}

/**
 * The readable, stable URLs of a plan's pages. When the page shows a period other than the
 * latest published one, every link keeps it (`?period=YYYY-MM-DD`), so a reader browsing an
 * older report stays in it.
 * @example planLinks(tree).item(56, "M0082") // "/plans/431001-1/items/56#measure-M0082"
 */
export function planLinks(tree: PlanTree) {
  const base = `/plans/${encodeURIComponent(tree.slug)}`;
  const latest = tree.periods.filter((p) => p.state === "published").at(-1);
  const query =
    tree.period && tree.period.asOf !== latest?.asOf
      ? `?period=${encodeURIComponent(tree.period.asOf)}`
      : "";
  const anchor = (hash: string | undefined) => (hash ? `#${encodeURIComponent(hash)}` : "");
  const group = (path: GroupPath) =>
    `${base}/pillars/${path.pillar}${path.area ? `/areas/${path.area}` : ""}${
      path.category ? `/categories/${path.category}` : ""
    }`;
  return {
    /** The query that keeps the period, `""` or `?period=…`. */
    query,
    overview: () => `${base}${query}`,
    report: (hash?: string) => `${base}/report${query}${anchor(hash)}`,
    group: (path: GroupPath, hash?: string) => `${group(path)}${query}${anchor(hash)}`,
    item: (number: number, measureCode?: string) =>
      `${base}/items/${number}${query}${anchor(measureCode && `measure-${measureCode}`)}`,
    download: (name: string) => `${base}/${name}${query}`,
  };
}

export type PlanLinks = ReturnType<typeof planLinks>;
