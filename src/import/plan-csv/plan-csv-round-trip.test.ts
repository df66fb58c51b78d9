import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { runImportCommand } from "../../../test/factories/cli-run.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import {
  forEachStore,
  freshStore,
  type StoreSeed,
  seedValue,
} from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { roadmapCsv } from "../../export/roadmap-csv.ts";
import { loadMeasureDepartments } from "../../store/queries/measure-departments-query.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { importReportBytes, importReportFile } from "../report-importer.ts";
import { importPlanCsv } from "./plan-csv-importer.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** The model report in a store, with two statuses set so that 状況区分 carries values too. */
async function modelPlan(store: Store): Promise<PlanTree> {
  const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
  for (const [code, status] of [
    ["M0001", "completed"],
    ["M0002", "in_progress"],
  ]) {
    const measure = await store.db
      .selectFrom("measure")
      .select("id")
      .where("code", "=", code as string)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: status as string })
      .where("measure_id", "=", measure.id)
      .execute();
  }
  return (await loadPlanTree(store.db, planSlug)) as PlanTree;
}

const modelPlanSeed: StoreSeed<PlanTree> = { name: "csv-model-plan", build: modelPlan };

async function storedRows(store: Store) {
  const rows: string[] = [];
  for (const table of ["plan", "item", "measure", "progress", "roadmap_entry"] as const)
    rows.push(
      ...(await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)),
    );
  return rows.sort();
}

forEachStore("the CSV round trip", (dialect) => {
  it("gives the same data after store → CSV → import into an empty store: identical CSV bytes, hierarchy, IDs and re-listings", async () => {
    const second = await freshStore(dialect);
    try {
      const tree = await seedValue(dialect, modelPlanSeed);
      const measures = measuresCsv(tree);
      const roadmap = roadmapCsv(tree);
      const { planSlug, report } = await importPlanCsv(
        second,
        { bytes: bytes(measures), file: "measures.csv" },
        { bytes: bytes(roadmap), file: "roadmap.csv" },
      );
      assert.equal(report.counts.measures, 198);
      assert.equal(report.counts.relistings, 13);
      assert.deepEqual(
        report.messages.filter((m) => m.level === "warning"),
        [],
      );
      const again = (await loadPlanTree(second.db, planSlug)) as PlanTree;
      assert.equal(measuresCsv(again), measures, "the measures CSV, byte for byte");
      assert.equal(roadmapCsv(again), roadmap, "the roadmap CSV, byte for byte");
      // What the CSV does not carry (the contact, the publication month) aside, the plan is the same.
      const [before, after] = [JSON.parse(planJson(tree)), JSON.parse(planJson(again))];
      assert.deepEqual(after.pillars, before.pillars, "groups with their labels, items, measures");
      assert.deepEqual(after.levels, before.levels);
      assert.deepEqual(after.plan.fiscalYears, [2012, 2013]);
      assert.deepEqual(after.organization, before.organization);
      assert.equal(again.pillars[0]?.label, "I");
      assert.equal(again.pillars[0]?.children[0]?.children[2]?.label, "③");
    } finally {
      await second.dispose();
    }
  });

  it("ends the example's measures CSV with 担当課, imports it as the lead department and writes it back the same; a file without the column still imports", async () => {
    const second = await freshStore(dialect);
    const third = await freshStore(dialect);
    try {
      const tree = await seedValue(dialect, modelPlanSeed);
      const lines = measuresCsv(tree, { bom: false }).split("\r\n");
      assert.equal(lines[0]?.split(",").at(-1), "担当課");
      assert.equal(lines[1]?.split(",").at(-1), "", "no department assigned yet");
      // 担当課 filled in on the first measure row, as a city would.
      lines[1] = `${lines[1]}保育幼稚園課`;
      const withDepartment = lines.join("\r\n");
      const { planSlug } = await importPlanCsv(
        second,
        { bytes: bytes(withDepartment), file: "measures.csv" },
        undefined,
      );
      const lead = await second.db
        .selectFrom("measure_department")
        .innerJoin("measure", "measure.id", "measure_department.measure_id")
        .innerJoin("department", "department.id", "measure_department.department_id")
        .select(["measure.code", "department.name", "measure_department.role"])
        .execute();
      assert.deepEqual(lead, [{ code: "M0001", name: "保育幼稚園課", role: "lead" }]);
      const again = (await loadPlanTree(second.db, planSlug)) as PlanTree;
      const departments = await loadMeasureDepartments(second.db, again.id, ["M0001"]);
      assert.equal(measuresCsv(again, { bom: false, departments }), withDepartment);

      // A measures CSV written before 担当課 existed.
      const older = withDepartment
        .split("\r\n")
        .map((line) => line.replace(/,[^,]*$/u, ""))
        .join("\r\n");
      const { report } = await importPlanCsv(
        third,
        { bytes: bytes(older), file: "old.csv" },
        undefined,
      );
      assert.equal(report.counts.measures, 198);
    } finally {
      await second.dispose();
      await third.dispose();
    }
  });

  it("reads the measures CSV without BOM and in Shift_JIS, alone, taking the fiscal year from 基準日", async () => {
    const second = await freshStore(dialect);
    const third = await freshStore(dialect);
    try {
      const tree = await seedValue(dialect, modelPlanSeed);
      const plain = measuresCsv(tree, { bom: false });
      const { planSlug, report } = await importReportBytes(second, bytes(plain), "measures.csv");
      assert.ok(report.messages.some((m) => m.code === "csv-no-roadmap"));
      const again = (await loadPlanTree(second.db, planSlug)) as PlanTree;
      assert.equal(measuresCsv(again, { bom: false }), plain);
      assert.deepEqual(again.fiscalYears, [2013]);

      // Shift_JIS as Excel saves it: a few rows whose text Shift_JIS can hold.
      const rows = plain.split("\r\n").slice(0, 3).join("\r\n");
      const { planSlug: slug3, report: report3 } = await importPlanCsv(
        third,
        { bytes: shiftJis(rows), file: "sjis.csv" },
        undefined,
      );
      assert.ok(report3.messages.some((m) => m.code === "csv-shift-jis"));
      const read = (await loadPlanTree(third.db, slug3)) as PlanTree;
      assert.equal(measuresCsv(read, { bom: false }), `${rows}\r\n`);
    } finally {
      await second.dispose();
      await third.dispose();
    }
  });

  it("refuses a wrong value naming the file, the line and the column (header), and stores nothing", async () => {
    const store = await freshStore(dialect);
    try {
      const tree = await seedValue(dialect, modelPlanSeed);
      const measures = measuresCsv(tree).split("\r\n");
      const roadmap = roadmapCsv(tree).split("\r\n");
      const replaceCell = (lines: string[], line: number, column: number, value: string) =>
        lines
          .map((l, i) => {
            if (i !== line - 1) return l;
            const cells = l.split(",");
            cells[column] = value;
            return cells.join(",");
          })
          .join("\r\n");
      const cases: Array<[string, Uint8Array, Uint8Array | undefined, object]> = [
        [
          "a pillar number that is not a number",
          bytes(replaceCell(measures, 5, 4, "一")),
          undefined,
          { file: "measures.csv", line: 5, field: "柱番号" },
        ],
        [
          "a status not in the scheme",
          bytes(replaceCell(measures, 7, 18, "たぶん完了")),
          undefined,
          { file: "measures.csv", line: 7, field: "状況区分" },
        ],
        [
          "a re-listing of an unknown measure",
          bytes(measures.join("\r\n").replace(",31,M0042,", ",31,M9042,")),
          undefined,
          { file: "measures.csv", field: "再掲元取組ID" },
        ],
        [
          "a missing column",
          bytes(measures.join("\r\n").replace("基準日,", "時点,")),
          undefined,
          { file: "measures.csv", line: 1, field: "基準日" },
        ],
        [
          "a roadmap row of an unknown measure",
          bytes(measures.join("\r\n")),
          bytes(replaceCell(roadmap, 4, 0, "M9999")),
          { file: "roadmap.csv", line: 4, field: "取組ID" },
        ],
        [
          "a roadmap year that is not a year",
          bytes(measures.join("\r\n")),
          bytes(replaceCell(roadmap, 3, 3, "H24")),
          { file: "roadmap.csv", line: 3, field: "年度" },
        ],
      ];
      for (const [name, m, r, location] of cases) {
        await assert.rejects(
          importPlanCsv(
            store,
            { bytes: m, file: "measures.csv" },
            r && { bytes: r, file: "roadmap.csv" },
          ),
          (e: unknown) => {
            assert.ok(e instanceof ShinchokuError, name);
            for (const [key, value] of Object.entries(location))
              assert.equal(e.location[key as keyof typeof e.location], value, `${name}: ${key}`);
            return true;
          },
          name,
        );
      }
      assert.deepEqual(await storedRows(store), []);
    } finally {
      await store.dispose();
    }
  });

  it("is imported by `shinchoku import measures.csv --roadmap roadmap.csv`", async () => {
    const second = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-csv-"));
    try {
      const tree = await seedValue(dialect, modelPlanSeed);
      writeFileSync(join(dir, "measures.csv"), measuresCsv(tree));
      writeFileSync(join(dir, "roadmap.csv"), roadmapCsv(tree));
      const run = await runImportCommand(
        [join(dir, "measures.csv"), "--roadmap", join(dir, "roadmap.csv")],
        second.url,
      );
      assert.equal(run.status, 0, run.stdout);
      assert.match(run.stdout, /取組 198（うち再掲 13）/u);
      const again = (await loadPlanTree(second.db, tree.slug)) as PlanTree;
      assert.equal(roadmapCsv(again), roadmapCsv(tree));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await second.dispose();
    }
  });
});

/** Text as Shift_JIS bytes (no encoder in Node): a table made by decoding every two-byte code. */
function shiftJis(text: string): Uint8Array {
  const decoder = new TextDecoder("shift_jis");
  const table = new Map<string, number[]>();
  // Build the characters we need by decoding every two-byte Shift_JIS code once.
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`not in Shift_JIS: ${ch}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}
