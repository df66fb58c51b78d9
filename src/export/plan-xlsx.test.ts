import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { inflateRawSync } from "node:zlib";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  MODEL_REPORT_PATH,
} from "../../test/factories/model-report.ts";
import { LIBREOFFICE_MISSING, sheetsByLibreOffice } from "../../test/libreoffice.ts";
import { recordSkip } from "../../test/skip-log.ts";
import { freshStore } from "../../test/store-targets.ts";
import { exportCommand } from "../cli/export-command.ts";
import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import { importReportFile } from "../import/report-importer.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { createApp } from "../web/app.ts";
import { planXlsx } from "./plan-xlsx.ts";

// The workbook is read back by LibreOffice, which shares no code with write-excel-file.
if (LIBREOFFICE_MISSING) {
  recordSkip(
    "plan XLSX read back by LibreOffice (src/export/plan-xlsx.test.ts)",
    LIBREOFFICE_MISSING,
  );
}

/** The XML parts of an .xlsx (a zip), read with node:zlib: the writer's own reader is not used. */
function zipEntries(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, string>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    at += 46 + skip;
  }
  return entries;
}

describe("the plan as an Excel workbook", { skip: LIBREOFFICE_MISSING }, () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug: string;
  let tree: PlanTree;
  let dir: string;
  let xlsx: Buffer;
  let sheets: Map<string, string[][]>;

  before(async () => {
    store = await freshStore("sqlite");
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    await clearSuggestedStatuses(store);
    // A status on one measure, so that the 状況区分 column carries a value too.
    const measure = await store.db
      .selectFrom("measure")
      .select("id")
      .where("code", "=", "M0001")
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: "completed" })
      .where("measure_id", "=", measure.id)
      .execute();
    tree = (await loadPlanTree(store.db, slug)) as PlanTree;
    dir = mkdtempSync(join(tmpdir(), "shinchoku-xlsx-"));
    xlsx = await planXlsx(tree);
    writeFileSync(join(dir, "plan.xlsx"), xlsx);
    sheets = sheetsByLibreOffice(join(dir, "plan.xlsx"), dir, ["取組", "説明", "計画"]);
  });
  after(async () => {
    await store?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("holds one row per measure row with every value equal to the plan's, read back by LibreOffice", () => {
    const [header, ...rows] = sheets.get("取組") ?? [];
    assert.deepEqual(header, [
      "取組ID",
      "柱番号",
      "柱",
      "分野番号",
      "分野",
      "区分番号",
      "区分",
      "項目番号",
      "項目記号",
      "項目",
      "取組",
      "再掲元項目番号",
      "再掲元取組ID",
      "行程表 平成24年度（2012年度）",
      "行程表 平成25年度（2013年度）",
      "基準日",
      "【記入】進捗状況",
      "【記入】状況区分",
    ]);
    const text = (v: string | number | null | undefined) =>
      v === null || v === undefined ? "" : String(v);
    const expected = measurePlacements(tree).map(({ pillar, area, category, item, measure }) => {
      const own = measure.relistingOf === null ? measure.progress : null;
      return [
        measure.code,
        text(pillar.number),
        pillar.title,
        text(area?.number),
        text(area?.title),
        text(category.number),
        category.title,
        text(item.number),
        item.label,
        item.title,
        measure.title,
        text(measure.relistingOf?.itemNumber),
        text(measure.relistingOf?.code),
        ...tree.fiscalYears.map((fy) =>
          text(measure.roadmap.find((r) => r.fiscalYear === fy)?.text),
        ),
        "2013-09-30",
        text(own?.narrative),
        own?.statusCode === "completed" ? "完了" : "",
      ];
    });
    assert.equal(rows.length, 198);
    for (const [i, row] of rows.entries()) assert.deepEqual(row, expected[i], `row ${i + 2}`);
    assert.equal(rows[0]?.[17], "完了", "a status is written by its name");
  });

  it("leaves the editable cells of a re-listing empty: its progress is written on its original", () => {
    const [, ...rows] = sheets.get("取組") ?? [];
    const relistings = rows.filter((r) => r[12] !== "");
    assert.equal(relistings.length, 13);
    for (const r of relistings) assert.deepEqual([r[16], r[17]], ["", ""], String(r[0]));
    const no37 = relistings.find((r) => r[7] === "37");
    const original = rows.find((r) => r[0] === no37?.[12]);
    assert.equal(original?.[7], "31");
    assert.notEqual(original?.[16], "");
  });

  it("keeps the measure IDs unique and stable: M0001… in document order", () => {
    const ids = (sheets.get("取組") ?? []).slice(1).map((r) => r[0]);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[0], "M0001");
    assert.ok(ids.every((id) => /^M\d{4}$/u.test(id ?? "")));
  });

  it("explains every column in 説明 and marks only the 【記入】 columns as editable", () => {
    const [header, ...rows] = sheets.get("説明") ?? [];
    assert.deepEqual(header, ["列", "見出し", "区分", "説明"]);
    const columns = (sheets.get("取組") ?? [])[0] ?? [];
    assert.deepEqual(
      rows.map((r) => r[1]),
      columns,
    );
    assert.deepEqual(
      rows.map((r) => r[0]),
      columns.map((_, i) => String.fromCharCode(65 + i)),
    );
    for (const r of rows) {
      assert.equal(r[2], r[1]?.startsWith("【記入】") ? "記入" : "参照（変更しない）", r[1]);
      assert.ok((r[3] ?? "").length > 0, `${r[1]} is explained`);
    }
    const status = rows.find((r) => r[1] === "【記入】状況区分");
    assert.match(status?.[3] ?? "", /完了、実施中、検討・準備中、未着手、中止/u);
  });

  it("names the plan, its organization and the as-of date in 計画", () => {
    assert.deepEqual(sheets.get("計画"), [
      ["項目", "値"],
      ["書式", "shinchoku-plan-xlsx/1"],
      ["計画ID", slug],
      ["計画名", "挑戦元年アクションプラン"],
      ["全国地方公共団体コード", "431001"],
      ["地方公共団体名", "熊本市"],
      ["基準日", "2013-09-30"],
      ["計画開始年度", "2012"],
      ["計画終了年度", "2013"],
    ]);
  });

  it("freezes the header row, sets column widths and wraps text, with no merged cells, formulas or hidden rows", () => {
    const parts = zipEntries(xlsx);
    const styles = parts.get("xl/styles.xml") ?? "";
    assert.match(styles, /wrapText="1"/u);
    for (const n of [1, 2, 3]) {
      const sheet = parts.get(`xl/worksheets/sheet${n}.xml`);
      assert.ok(sheet, `sheet ${n}`);
      assert.match(sheet, /<pane [^>]*ySplit="1"[^>]*state="frozen"/u, `sheet ${n} freezes row 1`);
      assert.match(sheet, /<col [^>]*width="\d+(?:\.\d+)?" customWidth="1"/u);
      assert.doesNotMatch(sheet, /<mergeCell/u);
      assert.doesNotMatch(sheet, /<f[ >]/u);
      assert.doesNotMatch(sheet, /hidden="(?:1|true)"/u);
    }
  });

  it("is served at /plans/:slug/plan.xlsx and written by `shinchoku export --format xlsx --out`", async () => {
    const res = await createApp(store).request(`/plans/${slug}/plan.xlsx`);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-type"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const served = Buffer.from(await res.arrayBuffer());
    assert.equal(served.subarray(0, 2).toString("latin1"), "PK");
    assert.ok(zipEntries(served).has("xl/worksheets/sheet1.xml"));

    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = store.url;
    try {
      assert.equal(await exportCommand(["--format", "xlsx"]), 2, "refused without --out");
      const out = join(dir, "cli.xlsx");
      assert.equal(await exportCommand(["--format", "xlsx", "--out", out]), 0);
      assert.ok(zipEntries(readFileSync(out)).has("xl/sharedStrings.xml"));
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
