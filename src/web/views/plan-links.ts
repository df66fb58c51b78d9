import type { GroupNode, PlanTree } from "../../domain/plan-tree.ts";

/** Where a pillar, area or category stands: its pillar's number, then area and category numbers. */
export interface GroupPath {
  pillar: number;
  area?: number | null;
  /** The areas below the first, top down, in a plan of more than three group levels. */
  subareas?: number[];
  category?: number | null;
}

/**
 * The path of a group below the one at `path`.
 * @example childPath({ pillar: 1, area: 2 }, area3) // { pillar: 1, area: 2, subareas: [3] }
 */
export function childPath(path: GroupPath, child: GroupNode): GroupPath {
  if (child.level === "category") return { ...path, category: child.number };
  if (child.level === "pillar") return { pillar: child.number };
  if (path.area == null) return { pillar: path.pillar, area: child.number };
  return { ...path, subareas: [...(path.subareas ?? []), child.number] };
}

/** The path of the last group of a chain that runs from a pillar down. */
export function chainPath(chain: readonly GroupNode[]): GroupPath {
  const [pillar, ...below] = chain;
  let path: GroupPath = { pillar: pillar?.number ?? 0 };
  for (const g of below) path = childPath(path, g);
  return path;
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
    `${base}/pillars/${path.pillar}${path.area ? `/areas/${path.area}` : ""}${(path.subareas ?? [])
      .map((n) => `/areas/${n}`)
      .join("")}${path.category ? `/categories/${path.category}` : ""}`;
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
