import { IndicatorWriter } from "../../src/commands/indicator-writer.ts";
import type { IndicatorDraft } from "../../src/domain/indicator.ts";
import { ImportReportBuilder } from "../../src/import/import-report.ts";
import type { Store } from "../../src/store/store.ts";

const draft = (
  d: Partial<IndicatorDraft> & Pick<IndicatorDraft, "name" | "values">,
): IndicatorDraft => ({
  unit: null,
  kind: "成果指標",
  direction: null,
  source: null,
  achievementForm: "auto",
  line: null,
  ...d,
});

/**
 * Indicators on a stored plan, as an import writes them: two on its first measure (a KPI with a
 * baseline, targets, results, a note, a text result and a mid-year result; a cost), one on its
 * first item and one on its first group. Returns the measure ID they sit on.
 */
export async function addSampleIndicators(store: Store, planSlug: string): Promise<string> {
  return store.db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom("plan")
      .select("id")
      .where("slug", "=", planSlug)
      .executeTakeFirstOrThrow();
    const measure = await trx
      .selectFrom("measure")
      .select(["id", "code"])
      .where("plan_id", "=", plan.id)
      .where("relisting_of_measure_id", "is", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const item = await trx
      .selectFrom("item")
      .select("id")
      .where("plan_id", "=", plan.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const group = await trx
      .selectFrom("plan_group")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("parent_id", "is not", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const period = await trx
      .selectFrom("reporting_period")
      .select("as_of")
      .where("plan_id", "=", plan.id)
      .orderBy("as_of")
      .executeTakeFirstOrThrow();
    const writer = new IndicatorWriter(trx, plan.id, new ImportReportBuilder("factory"));
    const v = (
      kind: "baseline" | "target" | "result",
      fiscalYear: number | null,
      value: string | null,
      note: string | null = null,
      extra: { final?: boolean; periodAsOf?: string | null } = {},
    ) => ({
      kind,
      fiscalYear,
      value,
      note,
      final: extra.final ?? false,
      periodAsOf: extra.periodAsOf ?? null,
    });
    await writer.write({ measureId: measure.id }, [
      draft({
        name: "市電の低床車両の割合",
        unit: "%",
        kind: "KPI",
        direction: "increase",
        source: "交通局調べ",
        values: [
          v("baseline", 2010, "5.05"),
          v("target", 2013, "40.0"),
          v("target", 2015, "82.50", null, { final: true }),
          v("result", 2012, "12.5", "※単年実績"),
          v("result", 2013, null, "集計中"),
          v("result", 2013, "30", "見込み", { periodAsOf: period.as_of }),
        ],
      }),
      draft({
        name: "事業費",
        unit: "千円",
        kind: "事業費",
        values: [v("result", 2012, "3437"), v("result", 2013, "-1.50")],
      }),
    ]);
    await writer.write({ itemId: item.id }, [
      draft({
        name: "待機児童数",
        unit: "人",
        direction: "decrease",
        achievementForm: "ratio",
        values: [v("baseline", 2012, "100"), v("target", 2013, "20"), v("result", 2013, "40")],
      }),
    ]);
    await writer.write({ groupId: group.id }, [
      draft({
        name: "市民満足度",
        unit: "%",
        direction: "maintain",
        values: [v("target", 2013, "80"), v("result", 2013, "82")],
      }),
    ]);
    return measure.code;
  });
}

/**
 * One indicator on a stored measure, as an import writes it: by default 保育所の定員 (人) with a
 * baseline of 1,000 (FY2011), a target of 1,500 (FY2013) and a FY2012 result of 1,100. Returns
 * its ID.
 */
export async function addMeasureIndicator(
  store: Store,
  planSlug: string,
  measureCode: string,
  indicator: { name: string; unit: string | null } = { name: "保育所の定員", unit: "人" },
): Promise<string> {
  return store.db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom("plan")
      .select("id")
      .where("slug", "=", planSlug)
      .executeTakeFirstOrThrow();
    const measure = await trx
      .selectFrom("measure")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("code", "=", measureCode)
      .executeTakeFirstOrThrow();
    const value = (kind: "baseline" | "target" | "result", fiscalYear: number, v: string) => ({
      kind,
      fiscalYear,
      value: v,
      note: null,
      final: false,
      periodAsOf: null,
    });
    await new IndicatorWriter(trx, plan.id, new ImportReportBuilder("factory")).write(
      { measureId: measure.id },
      [
        draft({
          ...indicator,
          direction: "increase",
          values: [
            value("baseline", 2011, "1000"),
            value("target", 2013, "1500"),
            value("result", 2012, "1100"),
          ],
        }),
      ],
    );
    return (
      await trx
        .selectFrom("indicator")
        .select("code")
        .where("plan_id", "=", plan.id)
        .where("measure_id", "=", measure.id)
        .where("name", "=", indicator.name)
        .executeTakeFirstOrThrow()
    ).code;
  });
}
