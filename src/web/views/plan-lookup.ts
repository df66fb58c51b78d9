import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { chainPath, type GroupPath } from "./plan-links.ts";

/** A group found by its path, with the groups above it. */
export interface GroupPlace {
  pillar: GroupNode;
  /** The innermost area on the path (see `chain` for all of them). */
  area: GroupNode | null;
  category: GroupNode | null;
  /** The group the path names: the category, else the area, else the pillar. */
  group: GroupNode;
  /** Every group from the pillar down to `group`. */
  chain: GroupNode[];
  path: GroupPath;
}

/** An item with the groups it stands under. */
export interface ItemPlace {
  pillar: GroupNode;
  area: GroupNode | null;
  /** The group the item stands in (a pillar or an area in a plan of fewer levels). */
  category: GroupNode;
  /** Every group from the pillar down to `category`. */
  groups: GroupNode[];
  item: ItemNode;
}

const child = (group: GroupNode, level: GroupNode["level"], number: number) =>
  group.children.find((c) => c.level === level && c.number === number);

/**
 * The group at a path, or null. A pillar with areas has no categories of its own (their numbers
 * restart in each area), so `/pillars/1/categories/2` is not found there.
 */
export function findGroup(tree: PlanTree, path: GroupPath): GroupPlace | null {
  const pillar = tree.pillars.find((p) => p.number === path.pillar);
  if (!pillar) return null;
  const chain = [pillar];
  let area: GroupNode | null = null;
  for (const n of path.area ? [path.area, ...(path.subareas ?? [])] : []) {
    const found = child(area ?? pillar, "area", n);
    if (!found) return null;
    area = found;
    chain.push(found);
  }
  const category = path.category ? child(area ?? pillar, "category", path.category) : null;
  if (category === undefined) return null;
  if (category) chain.push(category);
  return { pillar, area, category, group: category ?? area ?? pillar, chain, path };
}

/** Every item of a plan in document order, with its place. */
export function itemPlaces(tree: PlanTree): ItemPlace[] {
  const places: ItemPlace[] = [];
  const walk = (group: GroupNode, chain: GroupNode[]) => {
    const pillar = chain[0] ?? group;
    const area = chain.findLast((g) => g.level === "area") ?? null;
    for (const item of group.items)
      places.push({ pillar, area, category: group, groups: chain, item });
    for (const c of group.children) walk(c, [...chain, c]);
  };
  for (const pillar of tree.pillars) walk(pillar, [pillar]);
  return places;
}

/** The path of the group an item stands in. */
export function categoryPath(place: Pick<ItemPlace, "groups">): GroupPath {
  return chainPath(place.groups);
}

/** The measures of a group and the groups below it that have progress of their own (no re-listings). */
export function originalMeasures(group: GroupNode): MeasureNode[] {
  return [
    ...group.items.flatMap((i) => i.measures.filter((m) => m.relistingOf === null)),
    ...group.children.flatMap(originalMeasures),
  ];
}

/** The numbered items of a group and the groups below it. */
export function numberedItems(group: GroupNode): ItemNode[] {
  return [
    ...group.items.filter((i) => i.number !== null),
    ...group.children.flatMap(numberedItems),
  ];
}

/** Group labels as the report prints them: "II. もっと…", "1. 市役所の…", "① 政令指定都市…". */
export function groupLabel(group: GroupNode): string {
  // A level without numbers (a mapped sheet's title-only column) is shown by its title alone.
  if (group.label === "") return group.title;
  return group.level === "category"
    ? `${group.label} ${group.title}`
    : `${group.label}. ${group.title}`;
}

/** An item's heading: "No.56 ア. 保育園の待機児童ゼロ", or "イ. …" for a re-listed heading. */
export function itemLabel(item: ItemNode): string {
  return `${item.number === null ? "" : `No.${item.number} `}${item.label === "" ? "" : `${item.label}. `}${item.title}`;
}
