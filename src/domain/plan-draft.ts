import type { ConfirmedFigure } from "./confirmed-figure.ts";
import type { ContactLine } from "./contact-line.ts";
import type { IndicatorDraft, ScoreBand } from "./indicator.ts";
import type { StatusDefinition } from "./status-scheme.ts";

/**
 * A plan as a reader found it in a document, before it is stored: the hierarchy, the
 * roadmap as printed and the progress of one reporting period. Line numbers point back
 * into the source for the import report.
 */

/** A level of a plan's hierarchy, named by the plan itself (柱, 分野, 区分, 項目, 取組). */
export interface PlanLevel {
  key: LevelKey;
  name: string;
}

export type LevelKey = "pillar" | "area" | "category" | "item" | "measure";
export type GroupLevelKey = "pillar" | "area" | "category";

export interface PlanDraft {
  title: string;
  contact: ContactLine[] | null;
  levels: PlanLevel[];
  fiscalYears: number[];
  period: { asOf: string; publishedOn: string | null };
  pillars: GroupDraft[];
  /** The plan's own status scale, when the source brings one (a mapped status column). */
  statusScale?: StatusDefinition[];
  /** The plan's indicator kinds and score bands, when the source gives them (our JSON). */
  indicatorScheme?: { kinds: string[]; bands: ScoreBand[] };
  /** Measures carry the city's own IDs: a later period matches them by ID, not by title. */
  matchByCode?: boolean;
}

/** A pillar, area or category. `number` is the position shown (I → 1, ① → 1). */
export interface GroupDraft {
  level: GroupLevelKey;
  number: number;
  /** The label as printed: "I", "1", "①". */
  label: string;
  title: string;
  line: number | null;
  children: GroupDraft[];
  items: ItemDraft[];
  /** Indicators on this level (a 施策's KPI), when the source gives them. */
  indicators?: IndicatorDraft[];
}

export interface ItemDraft {
  /** Null for an item heading printed without a number: a re-listing of another item. */
  number: number | null;
  /** ア, イ, … */
  label: string;
  title: string;
  line: number;
  relistingOfItemNumber: number | null;
  measures: MeasureDraft[];
  /** Indicators on the item's level, when the source gives them. */
  indicators?: IndicatorDraft[];
}

export interface MeasureDraft {
  /** The stable measure ID when the source has one (our own JSON); a new ID is given otherwise. */
  code: string | null;
  title: string;
  line: number;
  /** A re-listing refers to the original measure: its item number and position there (0-based). */
  relisting: { itemNumber: number; measureIndex: number; code?: string } | null;
  /** As printed, one per fiscal year; empty for a re-listing (it has the original's). */
  roadmap: Array<{ fiscalYear: number; text: string }>;
  /** The progress narrative of the period; null for a re-listing or when none was printed. */
  progress: string | null;
  /** The status (状況区分) code of that progress, when the source gives one (our CSV, JSON). */
  statusCode?: string | null;
  /** The confirmed figures of that progress, when the source gives them (our JSON). */
  figures?: ConfirmedFigure[];
  /** The responsible department (担当課) as the source names it. */
  department?: string | null;
  /** A value of the plan's own rating scale (評価), when the source gives one. */
  rating?: string | null;
  /** Custom fields (独自項目): mapped columns without a built-in place, by their heading. */
  fields?: Array<{ heading: string; value: string }>;
  /** Indicators of the measure (活動指標, 成果指標, costs…), when the source gives them. */
  indicators?: IndicatorDraft[];
}

/** Every item of a draft, in document order. */
export function draftItems(draft: PlanDraft): ItemDraft[] {
  const items: ItemDraft[] = [];
  const walk = (group: GroupDraft) => {
    items.push(...group.items);
    group.children.forEach(walk);
  };
  draft.pillars.forEach(walk);
  return items;
}

/** Every group (pillar, area, category) of a draft, in document order. */
export function draftGroups(draft: PlanDraft): GroupDraft[] {
  const groups: GroupDraft[] = [];
  const walk = (group: GroupDraft) => {
    groups.push(group);
    group.children.forEach(walk);
  };
  draft.pillars.forEach(walk);
  return groups;
}
