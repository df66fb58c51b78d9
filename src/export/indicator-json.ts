import type { ScoreBand } from "../domain/indicator.ts";
import { achievementOf } from "../domain/indicator-achievement.ts";
import type { IndicatorPlace, StoredIndicator } from "../store/queries/indicator-query.ts";

/** Where an indicator sits, as our JSON and the API give it. */
export function placeJson(place: IndicatorPlace): Record<string, unknown> {
  if (place.level === "measure")
    return { level: "measure", levelName: place.levelName, measure: place.measureCode };
  if (place.level === "item")
    return { level: "item", levelName: place.levelName, itemNumber: place.itemNumber };
  return {
    level: "group",
    levelName: place.levelName,
    groupLevel: place.groupLevel,
    groupPath: place.groupPath,
  };
}

/**
 * An indicator as our plan JSON and the API give it: values as decimal texts (`"5.05"`, never a
 * float), null where there is none, and the achievement of its latest result by the plan's bands.
 * @example indicatorJson(stored, bands).achievement?.rate // 75
 */
export function indicatorJson(ind: StoredIndicator, bands: readonly ScoreBand[]) {
  return {
    id: ind.code,
    name: ind.name,
    unit: ind.unit,
    kind: ind.kind,
    direction: ind.direction,
    source: ind.source,
    achievementForm: ind.achievementForm,
    place: placeJson(ind.place),
    values: ind.values.map((v) => ({
      kind: v.kind,
      fiscalYear: v.fiscalYear,
      final: v.final,
      periodAsOf: v.periodAsOf,
      value: v.value,
      note: v.note,
    })),
    achievement: achievementOf(ind, bands),
  };
}
