import type { GroupDraft, ItemDraft, MeasureDraft, PlanDraft } from "../../domain/plan-draft.ts";
import type { ImportMessage } from "../../import/import-report.ts";

/** How many rows of each level the preview shows. */
export const PREVIEW_ROWS = 5;

/** One level of the preview: its name, how many the file holds, and the first few. */
export interface PreviewLevel {
  name: string;
  count: number;
  rows: Array<{ label: string; title: string; detail: string[] }>;
}

/** What a plan import would store, read from its draft before anything is stored. */
export interface PlanPreview {
  title: string;
  asOf: string;
  fiscalYears: number[];
  levels: PreviewLevel[];
  statusScale: string[] | null;
  messages: ImportMessage[];
}

/**
 * The tree of a draft by level (the plan's own level names, from the top down) with the count
 * of each level and its first rows, and every message of the import report.
 */
export function planPreview(draft: PlanDraft, messages: ImportMessage[]): PlanPreview {
  const nameOf = (key: string, fallback: string) =>
    draft.levels.find((l) => l.key === key)?.name ?? fallback;
  const byLevel = new Map<string, PreviewLevel>();
  const level = (key: string, fallback: string) => {
    let found = byLevel.get(key);
    if (!found) {
      found = { name: nameOf(key, fallback), count: 0, rows: [] };
      byLevel.set(key, found);
    }
    return found;
  };
  const add = (entry: PreviewLevel, row: PreviewLevel["rows"][number]) => {
    entry.count++;
    if (entry.rows.length < PREVIEW_ROWS) entry.rows.push(row);
  };
  const measureRow = (m: MeasureDraft) => ({
    label: m.code ?? "",
    title: m.title,
    detail: [
      m.department ? `担当課: ${m.department}` : "",
      m.statusCode ? `状況区分: ${m.statusCode}` : "",
      m.progress ? `進捗: ${excerpt(m.progress)}` : "",
      m.roadmap.length > 0
        ? `行程: ${m.roadmap.map((r) => `${r.fiscalYear}年度「${excerpt(r.text, 20)}」`).join("、")}`
        : "",
      ...(m.fields ?? []).map((f) => `${f.heading}: ${excerpt(f.value, 30)}`),
    ].filter((d) => d !== ""),
  });
  const walkItem = (item: ItemDraft) => {
    add(level("item", "項目"), {
      label: item.number === null ? "" : String(item.label || item.number),
      title: item.title,
      detail: [],
    });
    for (const m of item.measures) add(level("measure", "取組"), measureRow(m));
  };
  const walkGroup = (group: GroupDraft) => {
    add(level(group.level, group.level), { label: group.label, title: group.title, detail: [] });
    group.children.forEach(walkGroup);
    group.items.forEach(walkItem);
  };
  draft.pillars.forEach(walkGroup);
  // From the top down, in the plan's order of levels.
  const order = draft.levels.map((l) => l.key as string);
  const levels = [...byLevel.entries()]
    .sort(([a], [b]) => rank(order, a) - rank(order, b))
    .map(([, l]) => l);
  return {
    title: draft.title,
    asOf: draft.period.asOf,
    fiscalYears: draft.fiscalYears,
    levels,
    statusScale: draft.statusScale ? draft.statusScale.map((s) => s.name) : null,
    messages,
  };
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

function excerpt(text: string, length = 40): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
