import assert from "node:assert/strict";
import { it } from "node:test";
import {
  INDICATOR_ROWS,
  indicatorWorkbook,
  indicatorWorkbookMapping,
  kpiTableCsv,
  kpiTableIndicatorMapping,
  type Value,
} from "../../../test/factories/mapped-sheets.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import { loadPlanIndicators } from "../../store/queries/indicator-query.ts";
import type { Store } from "../../store/store.ts";
import { importMappedSheet } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const ORG = { organization: { code: "431001", name: "熊本市" } };

function importWith(store: Store, bytes: Uint8Array, file: string, mapping: unknown) {
  return importMappedSheet(store, bytes, file, parseMapping(mapping, "mapping.json"), ORG);
}

/** The stored indicators in a compact form: place, name, unit, kind, direction, values. */
async function indicators(store: Store) {
  const plan = await store.db.selectFrom("plan").select("id").executeTakeFirstOrThrow();
  const all = await loadPlanIndicators(store.db, plan.id);
  return {
    bands: all.bands,
    list: all.indicators.map((i) => ({
      owner:
        i.place.level === "measure"
          ? i.place.measureCode
          : i.place.level === "item"
            ? `item ${i.place.itemNumber}`
            : `group ${i.place.groupPath.join("-")}`,
      name: i.name,
      unit: i.unit,
      kind: i.kind,
      direction: i.direction,
      values: i.values.map(
        (v) =>
          `${v.final ? "final " : ""}${v.kind} ${v.fiscalYear ?? "-"} ${v.value ?? "∅"}${v.note ? ` (${v.note})` : ""}`,
      ),
      rate: achievementOf(i, all.bands)?.rate ?? null,
      score: achievementOf(i, all.bands)?.score ?? null,
    })),
  };
}

async function indicatorCount(store: Store) {
  const row = await store.db
    .selectFrom("indicator")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const plans = await store.db
    .selectFrom("plan")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) + Number(plans.n);
}

/** The refusal as `field: message`. */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    return `${error.location.field ?? ""}: ${error.message}`;
  }
  assert.fail("the import was not refused");
}

forEachStore("importing indicators from a KPI table through a column mapping", (dialect) => {
  it("reads each row's indicator with its unit from 【】 or the cell, ↑ and 増 directions, filled-down measures and the year in a cell", async () => {
    const store = await freshStore(dialect);
    try {
      const { report } = await importWith(
        store,
        kpiTableCsv(),
        "kpi.csv",
        kpiTableIndicatorMapping(),
      );
      const { list } = await indicators(store);
      assert.deepEqual(
        list.map((i) => [i.owner, i.name, i.unit, i.kind, i.direction, i.values, i.rate, i.score]),
        [
          [
            "11",
            "自主防災組織の結成率",
            "%",
            "KPI",
            "increase",
            ["baseline 2008 62.5", "final target 2024 80", "result 2023 70.2"],
            44,
            "D",
          ],
          [
            "11",
            "防災訓練の参加者数",
            "人",
            "KPI",
            "increase",
            ["baseline - 3437", "final target 2024 5000", "result 2023 4100"],
            42.4,
            "D",
          ],
          [
            "12",
            "在宅医療の利用者数",
            "人",
            "KPI",
            "increase",
            ["baseline - 1200", "final target 2024 1500", "result 2023 ∅ (集計中)"],
            null,
            null,
          ],
          [
            "21",
            "製造品出荷額",
            "百万円",
            "KPI",
            "increase",
            ["baseline 2008 3437", "final target 2024 4000", "result 2023 3800"],
            64.5,
            "C",
          ],
          [
            "21",
            "新規創業件数",
            "件",
            "KPI",
            "increase",
            ["baseline - 12", "final target 2024 20"],
            null,
            null,
          ],
        ],
      );
      const read = report.messages.find((m) => m.code === "indicators-read")?.message ?? "";
      assert.match(read, /指標を 5 件読みました/u);
      assert.match(read, /名前の【】から 5 件/u);
      assert.ok(
        report.messages.some(
          (m) => m.code === "indicator-value-text" && m.message.includes("kpi!I4"),
        ),
        "the text result is reported with its cell",
      );
    } finally {
      await store.dispose();
    }
  });
});

forEachStore("importing indicators again for a later period", (dialect) => {
  it("matches each indicator by its measure and name, adds the new year's result and keeps the earlier ones", async () => {
    const store = await freshStore(dialect);
    try {
      await importWith(store, kpiTableCsv(), "kpi.csv", kpiTableIndicatorMapping());
      const later = kpiTableIndicatorMapping();
      const { report } = await importWith(store, kpiTableCsv(), "kpi-2025.csv", {
        ...later,
        plan: { ...later.plan, asOf: "2025-03-31" },
      });
      assert.deepEqual(report.matched, { measures: 3, added: 0, missing: 0 });
      const { list } = await indicators(store);
      assert.equal(list.length, 5, "no indicator twice");
      assert.deepEqual(list[0]?.values, [
        "baseline 2008 62.5",
        "final target 2024 80",
        "result 2023 70.2",
        "result 2024 70.2",
      ]);
    } finally {
      await store.dispose();
    }
  });
});

forEachStore("importing indicators from a workbook with a column per fiscal year", (dialect) => {
  it("stores activity and outcome indicators, costs as 事業費 and the 施策's KPI once, with their years", async () => {
    // The 施策's KPI is written with its item, before the item's measures: it has the first ID.
    const store = await freshStore(dialect);
    try {
      await importWith(store, await indicatorWorkbook(), "hyoka.xlsx", indicatorWorkbookMapping());
      const { list } = await indicators(store);
      assert.deepEqual(
        list.map((i) => [i.owner, i.name, i.unit, i.kind, i.direction, i.values, i.rate, i.score]),
        [
          ["item 1", "待機児童数", "人", "KPI", null, ["result 2023 12"], null, null],
          [
            "0012",
            "相談件数",
            "件",
            "活動指標",
            null,
            ["result 2020 120", "result 2021 135", "result 2022 ∅ (-)", "result 2023 150.5"],
            null,
            null,
          ],
          [
            "0012",
            "利用者満足度",
            "%",
            "成果指標",
            "increase",
            ["baseline 2018 60.0", "target 2023 80", "target 2024 85", "result 2023 72.5"],
            62.5,
            "C",
          ],
          [
            "0012",
            "事業費",
            "千円",
            "事業費",
            null,
            ["result 2022 3437", "result 2023 3500"],
            null,
            null,
          ],
          [
            "0013",
            "入所児童数",
            "人",
            "活動指標",
            null,
            ["result 2020 500", "result 2021 510", "result 2022 520", "result 2023 530"],
            null,
            null,
          ],
          [
            "0013",
            "保育士の離職率",
            "%",
            "成果指標",
            "decrease",
            ["baseline - 10", "target 2023 8", "target 2024 7", "result 2023 9"],
            50,
            "C",
          ],
          [
            "0013",
            "事業費",
            "千円",
            "事業費",
            null,
            ["result 2022 12000", "result 2023 12500"],
            null,
            null,
          ],
          [
            "0120",
            "補修件数",
            "件",
            "活動指標",
            null,
            ["result 2020 30", "result 2021 31", "result 2022 32", "result 2023 ∅ (集計中)"],
            null,
            null,
          ],
          [
            "0120",
            "事業費",
            "千円",
            "事業費",
            null,
            ["result 2022 800", "result 2023 820"],
            null,
            null,
          ],
        ],
      );
    } finally {
      await store.dispose();
    }
  });

  const wrong = (row: number, column: number, value: Value) =>
    INDICATOR_ROWS.map((r, i) => (i === row ? r.map((v, j) => (j === column ? value : v)) : r));

  it("refuses bad indicator input with its cell and stores nothing", async () => {
    const store = await freshStore(dialect);
    try {
      const mapping = indicatorWorkbookMapping();
      const outside = {
        ...mapping,
        indicators: mapping.indicators.map((e, i) =>
          i === 1 ? { ...(e as object), target: { "2023": "R5目標", "2030": "R6目標" } } : e,
        ),
      };
      const cases: Array<[string, Promise<Uint8Array>, unknown, RegExp]> = [
        [
          "a target outside the plan",
          indicatorWorkbook(),
          outside,
          /^事務事業!O2: .*目標の年度 2030 が計画の年度（2020〜2024）の外です/u,
        ],
        [
          "a unit that changes between years",
          indicatorWorkbook(wrong(0, 15, "72.5件")),
          mapping,
          /^事務事業!P2: .*単位「件」が 事務事業!K2 の【】 の「%」と違います/u,
        ],
        [
          "an unknown direction word",
          indicatorWorkbook(wrong(1, 11, "上げる")),
          mapping,
          /^事務事業!L3: .*方向「上げる」が読めません/u,
        ],
        [
          "a duplicate indicator name on one measure",
          indicatorWorkbook([...INDICATOR_ROWS, wrong(0, 15, "73")[0] as Value[]]),
          mapping,
          /^事務事業!E5: 事務事業!E5: 指標「相談件数」は同じ事務事業に 事務事業!E2 にもあります/u,
        ],
        [
          "a name missing where values are",
          indicatorWorkbook(wrong(2, 4, null)),
          mapping,
          /^事務事業!E4: 事務事業!E4: 指標の名前がありません/u,
        ],
      ];
      for (const [what, bytes, m, expected] of cases) {
        assert.match(
          await refusal(async () => importWith(store, await bytes, "hyoka.xlsx", m)),
          expected,
          what,
        );
        assert.equal(await indicatorCount(store), 0, `${what}: nothing stored`);
      }
    } finally {
      await store.dispose();
    }
  });
});
