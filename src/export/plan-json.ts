import type { GroupNode, ItemNode, PlanTree } from "../domain/plan-tree.ts";
import type { PlanIndicators } from "../store/queries/indicator-query.ts";
import { indicatorJson } from "./indicator-json.ts";
import { statusSourceFields } from "./status-source-fields.ts";

/** The version of the JSON document's shape; see docs/json-format.md. */
export const PLAN_JSON_FORMAT = "shinchoku-plan/1";

/**
 * The whole plan as a JSON tree (the shape documented in docs/json-format.md), with its
 * indicators, their kinds and score bands when given.
 * @example JSON.parse(planJson(tree)).pillars[0].children[0].items[0].number // 1
 */
export function planJson(tree: PlanTree, indicators?: PlanIndicators): string {
  const group = (g: GroupNode): object => ({
    level: g.level,
    number: g.number,
    label: g.label,
    title: g.title,
    ...(g.children.length > 0 ? { children: g.children.map(group) } : {}),
    ...(g.items.length > 0 ? { items: g.items.map(item) } : {}),
  });
  const item = (i: ItemNode): object => ({
    number: i.number,
    label: i.label,
    title: i.title,
    relistingOfItemNumber: i.relistingOfItemNumber,
    measures: i.measures.map((m) => ({
      id: m.code,
      title: m.title,
      relistingOf: m.relistingOf
        ? { id: m.relistingOf.code, itemNumber: m.relistingOf.itemNumber }
        : null,
      roadmap: m.relistingOf
        ? []
        : m.roadmap.map((r) => ({
            fiscalYear: r.fiscalYear,
            text: r.text,
            continued: r.continued,
            none: r.none,
            activity: r.activity,
          })),
      progress:
        m.relistingOf || !m.progress
          ? null
          : {
              narrative: m.progress.narrative,
              statusCode: m.progress.statusCode,
              ...statusSourceFields(m.progress),
              figures: m.progress.figures.map((f) => ({
                value: f.value,
                total: f.total,
                unit: f.unit,
                qualifier: f.qualifier,
                text: f.text,
              })),
            },
    })),
  });
  return `${JSON.stringify(
    {
      format: PLAN_JSON_FORMAT,
      organization: tree.organization,
      plan: {
        id: tree.slug,
        title: tree.title,
        fiscalYears: tree.fiscalYears,
        contact: tree.contact,
      },
      levels: tree.levels,
      statuses: tree.statuses,
      periods: tree.periods,
      period: tree.period,
      pillars: tree.pillars.map(group),
      ...(indicators
        ? {
            indicatorKinds: indicators.kinds,
            scoreBands: indicators.bands,
            indicators: indicators.indicators.map((i) => indicatorJson(i, indicators.bands)),
          }
        : {}),
    },
    null,
    2,
  )}\n`;
}
