import type { Hono } from "hono";
import type { Kysely } from "kysely";
import { measurePlacements, type PlanTree } from "../../domain/plan-tree.ts";
import { indicatorsCsv } from "../../export/indicators-csv.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { planXlsx } from "../../export/plan-xlsx.ts";
import { reportPdf } from "../../export/report-pdf.ts";
import { roadmapCsv } from "../../export/roadmap-csv.ts";
import type { Database } from "../../store/database.ts";
import { loadPublicIndicators } from "../../store/queries/indicator-query.ts";
import { loadMeasureDepartments } from "../../store/queries/measure-departments-query.ts";
import type { Store } from "../../store/store.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { pageContext } from "./page-context.ts";
import { type PlanTreeLoader, planTreeLoader } from "./plan-tree-loader.ts";

/** Every download of a plan, in the order the open-data catalogue lists them. */
export const OPEN_DATA_DOWNLOADS: Array<{
  name: string;
  type: string;
  /** CSV comes as UTF-8 with a BOM unless `bom` is false (`?bom=0`); `db` for what the tree lacks. */
  render: (
    tree: PlanTree,
    options: { bom: boolean; db: Kysely<Database> },
  ) => string | Promise<string> | Promise<Buffer>;
}> = [
  {
    name: "measures.csv",
    type: "text/csv; charset=utf-8",
    render: async (t, o) =>
      measuresCsv(t, {
        bom: o.bom,
        departments: await loadMeasureDepartments(
          o.db,
          t.id,
          measurePlacements(t).map((p) => p.measure.code),
        ),
      }),
  },
  { name: "roadmap.csv", type: "text/csv; charset=utf-8", render: (t, o) => roadmapCsv(t, o) },
  {
    name: "indicators.csv",
    type: "text/csv; charset=utf-8",
    render: async (t, o) =>
      indicatorsCsv((await loadPublicIndicators(o.db, t)).indicators, { bom: o.bom }),
  },
  {
    name: "plan.json",
    type: "application/json; charset=utf-8",
    render: async (t, o) => planJson(t, await loadPublicIndicators(o.db, t)),
  },
  {
    name: "report.pdf",
    type: "application/pdf",
    render: async (t, o) => reportPdf(t, { indicators: await loadPublicIndicators(o.db, t) }),
  },
  {
    name: "plan.xlsx",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    render: async (t, o) =>
      planXlsx(t, { indicators: (await loadPublicIndicators(o.db, t)).indicators }),
  },
];

/**
 * The downloads of a plan: `/plans/:slug/{measures.csv,roadmap.csv,indicators.csv,plan.json,report.pdf,plan.xlsx}?period=`
 * (CSV without its BOM with `&bom=0`).
 */
export function openDataRoutes(
  app: Hono,
  store: Store,
  planTreeFor: PlanTreeLoader = planTreeLoader(store),
): void {
  for (const d of OPEN_DATA_DOWNLOADS) {
    app.get(`/plans/:slug/${d.name}`, async (c) => {
      const tree = await planTreeFor(c);
      if (!tree) {
        const page = pageContext(c);
        return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
      }
      const file = `${tree.slug}-${tree.period?.asOf ?? "plan"}-${d.name}`;
      const body = await d.render(tree, { bom: c.req.query("bom") !== "0", db: store.db });
      return c.body(typeof body === "string" ? body : new Uint8Array(body), 200, {
        "Content-Type": d.type,
        "Content-Disposition": `attachment; filename="${file}"`,
      });
    });
  }
}
