import type { IndicatorDraft } from "../domain/indicator.ts";
import type { GroupDraft, PlanDraft } from "../domain/plan-draft.ts";

/** A measure, item or group of a draft, which indicators can be put on. */
export type IndicatorOwnerDraft = { indicators?: IndicatorDraft[] };

/**
 * The measures (by ID), items (by number) and groups (by level key and the numbers of their path
 * from the top, `category:2-1`) of a draft: where our CSV and JSON put indicators back.
 */
export class DraftIndicatorOwners {
  readonly measures = new Map<string, IndicatorOwnerDraft>();
  readonly items = new Map<string, IndicatorOwnerDraft>();
  readonly groups = new Map<string, IndicatorOwnerDraft>();
  /** Level names (柱, 施策…) to their keys. */
  readonly levelKeys: Map<string, string>;

  constructor(draft: PlanDraft) {
    this.levelKeys = new Map(draft.levels.map((l) => [l.name, l.key]));
    const walk = (group: GroupDraft, path: number[]) => {
      const here = [...path, group.number];
      this.groups.set(`${group.level}:${here.join("-")}`, group);
      for (const item of group.items) {
        if (item.number !== null) this.items.set(String(item.number), item);
        for (const m of item.measures) if (m.code) this.measures.set(m.code, m);
      }
      for (const child of group.children) walk(child, here);
    };
    for (const pillar of draft.pillars) walk(pillar, []);
  }

  group(levelKey: string, path: readonly number[]): IndicatorOwnerDraft | undefined {
    return this.groups.get(`${levelKey}:${path.join("-")}`);
  }
}
