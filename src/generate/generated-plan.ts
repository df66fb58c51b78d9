import type { ConfirmedFigure } from "../domain/confirmed-figure.ts";
import type { IndicatorDirection, IndicatorValue } from "../domain/indicator.ts";
import type { GroupLevelKey, PlanLevel } from "../domain/plan-draft.ts";

/**
 * One generated plan, whole: hierarchy, roadmap and the progress of every reporting period.
 * The shape the store writer takes; pure data, the same for the same seed.
 */
export interface GeneratedPlan {
  slug: string;
  title: string;
  contact: string;
  levels: PlanLevel[];
  fiscalYears: number[];
  periods: GeneratedPeriod[];
  pillars: GeneratedGroup[];
}

export interface GeneratedPeriod {
  asOf: string;
  publishedOn: string;
}

export interface GeneratedGroup {
  level: GroupLevelKey;
  number: number;
  label: string;
  title: string;
  children: GeneratedGroup[];
  items: GeneratedItem[];
  /** The group's own indicators (a 施策's KPI); empty for most groups. */
  indicators: GeneratedIndicator[];
}

export interface GeneratedItem {
  number: number;
  label: string;
  title: string;
  measures: GeneratedMeasure[];
}

export interface GeneratedMeasure {
  /** M0001… in document order, re-listings included (as the importer numbers them). */
  code: string;
  title: string;
  /** The code of the original measure (another item's, same plan) for a re-listing. */
  relistingOf: string | null;
  /** One printed cell per fiscal year; empty for a re-listing. */
  roadmap: Array<{ fiscalYear: number; text: string }>;
  /** One per period, in period order; empty for a re-listing. */
  progress: GeneratedProgress[];
  /** 0–3 indicators; none for a re-listing. */
  indicators: GeneratedIndicator[];
}

export interface GeneratedProgress {
  narrative: string;
  statusCode: string;
  figures: ConfirmedFigure[];
}

/**
 * An indicator as the store keeps it: its values by fiscal year (a baseline, targets with a final
 * one, results up to the last reporting period's year), values as decimal text or null (blank).
 */
export interface GeneratedIndicator {
  /** I0001… in document order over the plan (groups' before their items' measures). */
  code: string;
  name: string;
  unit: string | null;
  kind: string;
  direction: IndicatorDirection;
  values: IndicatorValue[];
}

/** Every item of a generated plan, in document order. */
export function generatedItems(plan: GeneratedPlan): GeneratedItem[] {
  const items: GeneratedItem[] = [];
  const walk = (group: GeneratedGroup) => {
    items.push(...group.items);
    group.children.forEach(walk);
  };
  plan.pillars.forEach(walk);
  return items;
}
