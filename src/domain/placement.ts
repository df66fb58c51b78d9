/**
 * Where a group, an item or a measure stands: a group's parent group, an item's group, a
 * measure's item; a group's or an item's number and label; the measure a measure re-lists.
 * Kept per reporting period once the planning division changes it (`placement_revision`).
 */
export interface Placement {
  parent_id: number | null;
  number: number | null;
  label: string | null;
  relisting_of_measure_id: number | null;
}

/**
 * The revision that holds at a period: the latest up to its date, or, for a period before all of
 * them, the earliest (as `effectiveTitle`); null when there is none (the row holds everywhere).
 * @example effectivePlacement([{ asOf: "2013-09-30", …old }, { asOf: "2014-03-31", …new }], "2013-12-31") // old
 */
export function effectivePlacement<T extends { asOf: string }>(
  revisions: readonly T[],
  asOf: string,
): T | null {
  let best: T | null = null;
  let earliest: T | null = null;
  for (const r of revisions) {
    if (r.asOf <= asOf && (best === null || r.asOf >= best.asOf)) best = r;
    if (earliest === null || r.asOf < earliest.asOf) earliest = r;
  }
  return best ?? earliest;
}
