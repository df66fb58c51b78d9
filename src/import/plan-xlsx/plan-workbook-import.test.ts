import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { readSheet } from "read-excel-file/node";
import writeExcelFile from "write-excel-file/node";
import { runImportCommand } from "../../../test/factories/cli-run.ts";
import { clearSuggestedStatuses } from "../../../test/factories/model-report.ts";
import { type Staff, staffedPlanSeed } from "../../../test/factories/staff.ts";
import {
  type CellEdit,
  columnLetter,
  editWorkbook,
} from "../../../test/factories/workbook-edits.ts";
import { forEachStore, type freshStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { measurePlacements, type PlanTree } from "../../domain/plan-tree.ts";
import { PLAN_XLSX_HEADERS, planXlsx } from "../../export/plan-xlsx.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { importPlanWorkbook, importPlanWorkbookFile } from "./plan-workbook-importer.ts";

const NEXT = "2014-03-31";
const MEASURES = "xl/worksheets/sheet1.xml";
const PLAN = "xl/worksheets/sheet3.xml";

/** Every progress row and audit event, as text: what "nothing stored" is checked against. */
async function snapshot(store: Store) {
  const rows = async (table: "progress" | "audit_event" | "reporting_period") =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    progress: await rows("progress"),
    audit: await rows("audit_event"),
    periods: await rows("reporting_period"),
  };
}

/** The open period's draft of a measure. */
async function draftOf(store: Store, code: string) {
  return store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select([
      "progress.narrative",
      "progress.status_code",
      "progress.review_state",
      "progress.version",
      "progress.updated_by",
    ])
    .where("measure.code", "=", code)
    .where("reporting_period.as_of", "=", NEXT)
    .executeTakeFirstOrThrow();
}

forEachStore("importing a filled-in plan workbook", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let planSlug: string;
  let staff: Staff;
  let tree: PlanTree;
  let xlsx: Uint8Array;
  let dir: string;
  /** The cell of a measure's row in a column of the 取組 sheet, e.g. `Q5`. */
  let cell: (code: string, header: string) => string;
  /** The first original measure of an item. */
  let measureOf: (itemNumber: number, index?: number) => string;

  before(async () => {
    ({
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed));
    await clearSuggestedStatuses(store);
    await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
    // The workbook the planning division hands out: the plan as last published.
    tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
    xlsx = new Uint8Array(await planXlsx(tree));
    const [header = []] = await readSheet(Buffer.from(xlsx), 1);
    const placements = measurePlacements(tree);
    cell = (code, name) => {
      const column = header.indexOf(name);
      assert.ok(column >= 0, name);
      return `${columnLetter(column)}${placements.findIndex((p) => p.measure.code === code) + 2}`;
    };
    measureOf = (itemNumber, index = 0) => {
      const found = placements.filter(
        (p) => p.item.number === itemNumber && p.measure.relistingOf === null,
      )[index];
      assert.ok(found, `item ${itemNumber}`);
      return found.measure.code;
    };
    dir = mkdtempSync(join(tmpdir(), "shinchoku-workbook-"));
  });
  after(async () => {
    await store?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const edited = (edits: CellEdit[], part = MEASURES) => editWorkbook(xlsx, part, edits);
  /** The import is refused as a whole with a message like `pattern`, and nothing is stored. */
  async function refusedWhole(bytes: Uint8Array, pattern: RegExp, actor = staff.nursery) {
    const before = await snapshot(store);
    await assert.rejects(importPlanWorkbook(store, bytes, "plan.xlsx", actor), (e: unknown) => {
      assert.ok(e instanceof ShinchokuError, String(e));
      assert.match(e.message, pattern);
      assert.equal(e.location.file, "plan.xlsx");
      return true;
    });
    assert.deepEqual(await snapshot(store), before, "nothing stored");
  }

  it("refuses a file that is not a workbook of ours, and stores nothing", async () => {
    await refusedWhole(
      new TextEncoder().encode("取組ID,進捗状況\r\n"),
      /Excel ブック（\.xlsx）ではありません/u,
    );
    const other = await writeExcelFile(
      [
        ["取組ID", "進捗"],
        ["M0001", "済"],
      ].map((r) => r.map((value) => ({ value }))),
    ).toBuffer();
    await refusedWhole(
      new Uint8Array(other),
      /Shinchoku が書き出した.*シート「計画」がありません/u,
    );
    await refusedWhole(
      edited([{ cell: "B2", text: "someone-else/1" }], PLAN),
      /書式「someone-else\/1」には対応していません/u,
    );
  });

  it("refuses a password-protected workbook by its magic bytes (D0 CF 11 E0), and stores nothing", async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from("EncryptionInfo", "utf16le").copy(ole, 1024);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1152);
    await refusedWhole(new Uint8Array(ole), /パスワードで保護されたブック/u);
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    await refusedWhole(new Uint8Array(xls), /Excel 97-2003 形式（\.xls）/u);
  });

  it("refuses a workbook over the size limit before reading it (a 100 MB file) and a zip bomb before unpacking it, and stores nothing", async () => {
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(xlsx.subarray(0, 4));
    await refusedWhole(big, /ファイルが大きすぎます（21\.0 MB、上限 20\.0 MB）/u);
    // A zip that says a part unpacks to 300 MB (a zip bomb) is stopped before it is inflated.
    const bomb = Buffer.from(xlsx);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(300 * 1024 * 1024, central + 24);
    await refusedWhole(
      new Uint8Array(bomb),
      /ブックの中身が大きすぎます（展開後の上限 200\.0 MB）/u,
    );
    // A sparse file: 100 MB on paper, nothing on disk, and never read.
    const path = join(dir, "huge.xlsx");
    writeFileSync(path, "");
    truncateSync(path, 100 * 1024 * 1024);
    const before = await snapshot(store);
    await assert.rejects(
      importPlanWorkbookFile(store, path, staff.nursery),
      /100\.0 MB、上限 20\.0 MB/u,
    );
    assert.deepEqual(await snapshot(store), before);
  });

  it("refuses formulas instead of values, naming the cells, and stores nothing", async () => {
    const code = measureOf(56);
    await refusedWhole(
      edited([
        {
          cell: cell(code, PLAN_XLSX_HEADERS.progress),
          formula: 'CONCAT("整備","完了")',
          value: "整備完了",
        },
      ]),
      new RegExp(`数式のあるセルがあります（取組!${cell(code, PLAN_XLSX_HEADERS.progress)}）`, "u"),
    );
  });

  it("refuses a changed header row, a workbook of another period, and a person of another city or a viewer, storing nothing", async () => {
    await refusedWhole(
      edited([{ cell: "K1", text: "取組名" }]),
      /見出し行が書き出したときと異なります（K 列: 「取組名」、正しくは「取組」）/u,
    );
    await refusedWhole(
      edited([{ cell: "B7", text: "2012-03-31" }], PLAN),
      /このブックは基準日 2012-03-31 のものです/u,
    );
    await refusedWhole(
      edited([{ cell: "B3", text: "999999-9" }], PLAN),
      /計画 999999-9 がありません/u,
    );
    await refusedWhole(xlsx, /権限がありません/u, staff.outsider);
    await refusedWhole(xlsx, /権限がありません/u, staff.viewer);
  });

  it("refuses row by row an edited read-only column, an unknown ID, another department's measure, a malformed 基準日, a filled-in re-listing and an unknown status — storing nothing", async () => {
    const [own, ownToo, ownThird] = [measureOf(56), measureOf(57), measureOf(58)];
    const transport = measureOf(29);
    const relisting =
      measurePlacements(tree).find((p) => p.measure.relistingOf !== null)?.measure.code ?? "";
    const renamed = measureOf(56, 1);
    const before = await snapshot(store);
    const report = await importPlanWorkbook(
      store,
      edited([
        { cell: cell(own, "取組"), text: "保育所の整備（名前を変えた）" },
        { cell: cell(own, PLAN_XLSX_HEADERS.progress), text: "整備完了" },
        { cell: cell(renamed, PLAN_XLSX_HEADERS.id), text: "M9999" },
        { cell: cell(transport, PLAN_XLSX_HEADERS.progress), text: "低床電車を導入" },
        { cell: cell(ownToo, "基準日"), text: "2013/09/30" },
        { cell: cell(relisting, PLAN_XLSX_HEADERS.progress), text: "再掲の行に記入" },
        { cell: cell(ownThird, PLAN_XLSX_HEADERS.status), text: "ほぼ完了" },
      ]),
      "plan.xlsx",
      staff.nursery,
    );
    assert.deepEqual(await snapshot(store), before, "nothing stored");
    const refused = report.rows
      .filter((r) => r.outcome === "refused")
      .map((r) => [r.row, r.measureCode, r.refusal?.code, r.refusal?.columns]);
    const rowOf = (code: string) => Number(cell(code, PLAN_XLSX_HEADERS.id).slice(1));
    assert.deepEqual(
      refused.sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [rowOf(relisting), relisting, "relisting-edited", [PLAN_XLSX_HEADERS.progress]],
        [rowOf(transport), transport, "wrong-department", [PLAN_XLSX_HEADERS.progress]],
        [rowOf(own), own, "read-only-edited", ["取組"]],
        [rowOf(renamed), "M9999", "unknown-id", [PLAN_XLSX_HEADERS.id]],
        [rowOf(ownToo), ownToo, "malformed-date", ["基準日"]],
        [rowOf(ownThird), ownThird, "unknown-status", [PLAN_XLSX_HEADERS.status]],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    assert.deepEqual(report.counts, { rows: 198, changed: 0, unchanged: 192, refused: 6 });
  });

  it("stores exactly a department's edits as drafts of the open period (report text → store → XLSX → edits → import)", async () => {
    const [narrativeRow, statusRow] = [measureOf(56), measureOf(57)];
    const before = await snapshot(store);
    const report = await importPlanWorkbook(
      store,
      edited([
        {
          cell: cell(narrativeRow, PLAN_XLSX_HEADERS.progress),
          text: "新設含む10ヶ所の保育所整備が完了\n待機児童は解消",
        },
        { cell: cell(statusRow, PLAN_XLSX_HEADERS.status), text: "実施中" },
      ]),
      "plan.xlsx",
      staff.nursery,
    );
    assert.deepEqual(report.counts, { rows: 198, changed: 2, unchanged: 196, refused: 0 });
    assert.deepEqual(
      report.rows.filter((r) => r.outcome === "changed").map((r) => [r.measureCode, r.changed]),
      [
        [narrativeRow, [PLAN_XLSX_HEADERS.progress]],
        [statusRow, [PLAN_XLSX_HEADERS.status]],
      ],
    );
    const after = await snapshot(store);
    const changed = after.progress.filter((row) => !before.progress.includes(row));
    assert.equal(changed.length, 2, "exactly two progress rows differ");
    assert.equal(before.progress.filter((row) => !after.progress.includes(row)).length, 2);
    const first = await draftOf(store, narrativeRow);
    assert.deepEqual(first, {
      narrative: "新設含む10ヶ所の保育所整備が完了\n待機児童は解消",
      status_code: null,
      review_state: "submitted",
      version: 2,
      updated_by: staff.nursery.accountId,
    });
    const second = await draftOf(store, statusRow);
    assert.equal(second.status_code, "in_progress");
    assert.equal(second.review_state, "submitted");
    const published = await loadPlanTree(store.db, planSlug);
    assert.deepEqual(published, tree, "the published period is untouched; drafts are not public");
    const audit = after.audit
      .filter((a) => !before.audit.includes(a))
      .map((a) => JSON.parse(a).action);
    assert.deepEqual(audit.sort(), ["progress.import", "progress.save", "progress.save"]);
  });

  it("leaves a draft saved after the workbook was written as it is, and finds nothing to change on a second import", async () => {
    const code = measureOf(58);
    const { version } = await draftOf(store, code);
    await saveProgress(store, staff.nursery, {
      planSlug,
      asOf: NEXT,
      measureCode: code,
      narrative: "画面から保存した下書き",
      statusCode: null,
      expectedVersion: version,
    });
    const before = await snapshot(store);
    const report = await importPlanWorkbook(
      store,
      edited([
        {
          cell: cell(measureOf(56), PLAN_XLSX_HEADERS.progress),
          text: "新設含む10ヶ所の保育所整備が完了\n待機児童は解消",
        },
        { cell: cell(measureOf(57), PLAN_XLSX_HEADERS.status), text: "実施中" },
      ]),
      "plan.xlsx",
      staff.nursery,
    );
    assert.equal(report.counts.changed, 0);
    assert.match(
      report.rows.find((r) => r.measureCode === code)?.note ?? "",
      /下書きのままにしました/u,
    );
    assert.deepEqual(await snapshot(store), before);
    assert.equal((await draftOf(store, code)).narrative, "画面から保存した下書き");
  });

  it("prints the per-row report for `shinchoku import FILE.xlsx --as LOGIN`, as JSON with --json, and exits 1 when a row is refused", async () => {
    const transport = measureOf(29);
    const nursery = measureOf(56, 1);
    const path = join(dir, "transport.xlsx");
    writeFileSync(
      path,
      edited([
        { cell: cell(transport, PLAN_XLSX_HEADERS.progress), text: "低床電車を導入" },
        { cell: cell(nursery, PLAN_XLSX_HEADERS.progress), text: "他課の取組" },
      ]),
    );
    const run = (...args: string[]) => runImportCommand([path, ...args], store.url);
    assert.equal((await run()).status, 2, "refused without --as");
    const text = await run("--as", "transport");
    assert.equal(text.status, 1, text.stdout);
    assert.match(text.stdout, /変更 1 \/ 変更なし 196 \/ 取込不可 1/u);
    assert.match(
      text.stdout,
      new RegExp(
        `transport\\.xlsx:取組!${cell(transport, "取組ID").slice(1)}: ${transport} 変更（【記入】進捗状況）`,
        "u",
      ),
    );
    assert.match(
      text.stdout,
      new RegExp(
        `${nursery} 取込不可: 担当課の取組ではないため、変更できません \\(wrong-department\\)`,
        "u",
      ),
    );
    assert.equal((await draftOf(store, transport)).narrative, "低床電車を導入");
    const json = await run("--as", "transport", "--json");
    const report = JSON.parse(json.stdout);
    assert.deepEqual(report.counts, { rows: 198, changed: 0, unchanged: 197, refused: 1 });
    assert.equal(report.rows.length, 198);
  });
});
