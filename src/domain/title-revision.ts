/**
 * The title a group, an item or a measure had at a period: its latest revision up to that date,
 * or, for a period before all of them (imported later, out of order), its earliest; null when it
 * has none (its row's title holds in every period).
 * @example effectiveTitle([{ asOf: "2025-09-22", title: "旧" }, { asOf: "2026-09-24", title: "新" }], "2025-12-31") // "旧"
 */
export function effectiveTitle(
  revisions: ReadonlyArray<{ asOf: string; title: string }>,
  asOf: string,
): string | null {
  let best: { asOf: string; title: string } | null = null;
  let earliest: { asOf: string; title: string } | null = null;
  for (const r of revisions) {
    if (r.asOf <= asOf && (best === null || r.asOf >= best.asOf)) best = r;
    if (earliest === null || r.asOf < earliest.asOf) earliest = r;
  }
  return (best ?? earliest)?.title ?? null;
}
