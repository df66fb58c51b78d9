import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";

/** A row of the printed report table, in document order. */
export type ReportRow =
  /** A pillar, area or category: one full-width cell. */
  | { kind: "pillar" | "area" | "category"; text: string }
  /** An item: its number in the first column, its label and title across the others. */
  | { kind: "item"; number: string; text: string }
  /** A measure: its title, one roadmap cell per fiscal year, the progress narrative. */
  | { kind: "measure"; title: string; years: string[]; progress: string };

/** Printed in the progress column of a measure that has no progress in the period. */
export const NO_PROGRESS = "（記載なし）";

/** How the report marks a re-listing: 【No.31再掲】 (【再掲】 when the original has no number). */
export function relistingMark(itemNumber: number | null): string {
  return itemNumber === null ? "【再掲】" : `【No.${itemNumber}再掲】`;
}

/**
 * The rows of the report table: headings for pillars, areas and categories, then item rows
 * each followed by its measure rows. A re-listing shows its own title with 【No.N再掲】 and its
 * original's roadmap and progress, as the published report does.
 * @example reportRows(tree)[0] // { kind: "pillar", text: "I. くまもとの再デザインに取り組みます" }
 */
export function reportRows(tree: PlanTree): ReportRow[] {
  const rows: ReportRow[] = [];
  const measureRow = (m: MeasureNode): ReportRow => ({
    kind: "measure",
    title: `・${m.title}${m.relistingOf ? relistingMark(m.relistingOf.itemNumber) : ""}`,
    years: tree.fiscalYears.map((fy) => m.roadmap.find((r) => r.fiscalYear === fy)?.text ?? ""),
    progress: m.progress?.narrative || NO_PROGRESS,
  });
  const itemRows = (item: ItemNode) => {
    const relisted =
      item.relistingOfItemNumber === null ? "" : relistingMark(item.relistingOfItemNumber);
    rows.push({
      kind: "item",
      number: item.number === null ? "" : String(item.number),
      text: `${item.label === "" ? "" : `${item.label}. `}${item.title}${relisted}`,
    });
    for (const m of item.measures) rows.push(measureRow(m));
  };
  const group = (g: GroupNode) => {
    // A level without numbers (a mapped sheet's title-only column) prints its title alone.
    const text =
      g.label === ""
        ? g.title
        : g.level === "category"
          ? `${g.label} ${g.title}`
          : `${g.label}. ${g.title}`;
    rows.push({ kind: g.level, text });
    for (const item of g.items) itemRows(item);
    for (const child of g.children) group(child);
  };
  for (const pillar of tree.pillars) group(pillar);
  return rows;
}
