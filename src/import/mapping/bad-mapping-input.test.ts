import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import writeExcelFile from "write-excel-file/node";
import {
  programmeEvaluationMapping,
  programmeEvaluationWorkbook,
} from "../../../test/factories/mapped-sheets.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { importMappedSheet, importMappedSheetFile } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const ORG = { organization: { code: "431001", name: "熊本市" } };
const SHEET = "データ集計マクロ用シート";

/** The refusal, as `field: message`, when importing throws a ShinchokuError. */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    return `${error.location.field ?? ""}: ${error.message}`;
  }
  assert.fail("the import was not refused");
}

async function planCount(store: Store) {
  const row = await store.db
    .selectFrom("plan")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const departments = await store.db
    .selectFrom("department")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) + Number(departments.n);
}

it("refuses an unknown key of the mapping with its path", () => {
  const mapping = programmeEvaluationMapping() as Record<string, unknown>;
  const levels = mapping.levels as Array<Record<string, unknown>>;
  assert.throws(
    () => parseMapping({ ...mapping, colour: "red" }, "mapping.json"),
    /知らないキーがあります: colour/u,
  );
  assert.throws(
    () =>
      parseMapping(
        { ...mapping, levels: [{ ...levels[0], numbr: "K" }, levels[1]] },
        "mapping.json",
      ),
    /知らないキーがあります: levels\[0\]\.numbr/u,
  );
});

it("refuses a fiscal-year key that is not a year, naming it", () => {
  assert.throws(
    () => parseMapping({ ...programmeEvaluationMapping(), roadmap: { 令和7: "R" } }, "m.json"),
    (error: ShinchokuError) =>
      error.location.field === "roadmap.令和7" && /西暦の4桁/u.test(error.message),
  );
});

it("refuses a scale value placed on a progress status that does not exist, naming it", () => {
  assert.throws(
    () =>
      parseMapping(
        {
          ...programmeEvaluationMapping(),
          status: { column: "S", scale: [{ value: "A", status: "done" }] },
        },
        "m.json",
      ),
    (error: ShinchokuError) =>
      error.location.field === "status.scale[0].status" &&
      /completed, in_progress/u.test(error.message),
  );
});

it("refuses an indicator on a level the mapping does not name, and an unknown key of an indicator", () => {
  assert.throws(
    () =>
      parseMapping(
        { ...programmeEvaluationMapping(), indicators: [{ name: "B", level: "基本事業" }] },
        "m.json",
      ),
    /indicators\[0\]\.level「基本事業」は階層の名前ではありません（政策、施策、事務事業）/u,
  );
  assert.throws(
    () =>
      parseMapping(
        { ...programmeEvaluationMapping(), indicators: [{ name: "B", targets: "C" }] },
        "m.json",
      ),
    /知らないキーがあります: indicators\[0\]\.targets/u,
  );
});

forEachStore("refusing a sheet a mapping does not fit", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let bytes: Uint8Array;
  let dir: string;
  before(async () => {
    store = await freshStore(dialect);
    bytes = await programmeEvaluationWorkbook();
    dir = mkdtempSync(join(tmpdir(), "shinchoku-mapping-"));
  });
  after(async () => {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const importWith = (data: Uint8Array, mapping: unknown, file = "jigyo.xlsx") =>
    importMappedSheet(store, data, file, parseMapping(mapping, "mapping.json"), ORG);

  it("refuses a mapping naming a column the sheet does not have, and stores nothing", async () => {
    const message = await refusal(() =>
      importWith(bytes, { ...programmeEvaluationMapping(), department: "ZZ" }),
    );
    assert.match(
      message,
      /^department: 対応表の department の列 ZZ はシート「データ集計マクロ用シート」にありません（最後の列は S）/u,
    );
    const missing = await refusal(() =>
      importWith(bytes, { ...programmeEvaluationMapping(), department: "担当課名" }),
    );
    assert.match(missing, /^department: .*見出し「担当課名」が.* 2 行目にありません/u);
    assert.equal(await planCount(store), 0);
  });

  it("refuses a heading found in two columns, naming both cells", async () => {
    const xlsx = await writeExcelFile(
      [
        [{ value: "ID" }, { value: "名称" }, { value: "部課名" }, { value: "部 課 名" }],
        [{ value: "1", type: String }, { value: "事業" }, { value: "a課" }, { value: "b課" }],
      ] as never,
      { sheet: SHEET },
    ).toBuffer();
    const message = await refusal(() =>
      importWith(new Uint8Array(xlsx), {
        plan: { title: "t", asOf: "2025-09-22" },
        levels: [{ name: "事業", title: "名称" }],
        measure: { title: "名称" },
        department: "部課名",
      }),
    );
    assert.match(message, /データ集計マクロ用シート!C1、データ集計マクロ用シート!D1/u);
    assert.equal(await planCount(store), 0);
  });

  it("refuses a level number that is not a number, naming its cell", async () => {
    const xlsx = await programmeEvaluationWorkbook([
      ["0001", "事業", 0, "四", "政策", 0, 1, "施策", "課", "", "", 1, 1, 1, 1, 1, 1, 1, "改善"],
    ]);
    const message = await refusal(() => importWith(xlsx, programmeEvaluationMapping()));
    assert.match(
      message,
      /^データ集計マクロ用シート!D3: .*階層「政策」の番号「0四」が数字ではありません/u,
    );
    assert.equal(await planCount(store), 0);
  });

  it("refuses a workbook that is not a table", async () => {
    const xlsx = await writeExcelFile([[{ value: "令和7年度 事務事業評価" }]] as never, {
      sheet: SHEET,
    }).toBuffer();
    const message = await refusal(() =>
      importWith(new Uint8Array(xlsx), programmeEvaluationMapping()),
    );
    assert.match(
      message,
      /^データ集計マクロ用シート!2: シート「データ集計マクロ用シート」は表ではありません/u,
    );
    assert.equal(await planCount(store), 0);
  });

  it("refuses a mapping file with a fiscal-year key that is not a year or seven levels, naming the file and the path, and stores nothing", async () => {
    const workbook = join(dir, "jigyo.xlsx");
    writeFileSync(workbook, bytes);
    const mappingFile = join(dir, "bad-mapping.json");
    const refusedWith = async (mapping: unknown) => {
      writeFileSync(mappingFile, JSON.stringify(mapping));
      try {
        await importMappedSheetFile(store, workbook, mappingFile, ORG);
      } catch (error) {
        if (!(error instanceof ShinchokuError)) throw error;
        return `${error.location.file} ${error.location.field}`;
      }
      return assert.fail("the import was not refused");
    };
    const mapping = programmeEvaluationMapping();
    assert.equal(
      await refusedWith({ ...mapping, roadmap: { 令和7: "R" } }),
      "bad-mapping.json roadmap.令和7",
    );
    const level = mapping.levels[0];
    assert.equal(
      await refusedWith({ ...mapping, levels: Array.from({ length: 7 }, () => level) }),
      "bad-mapping.json levels",
    );
    assert.equal(await planCount(store), 0);
  });

  it("refuses a 100 MB file before reading it", async () => {
    const big = join(dir, "big.xlsx");
    const mapping = join(dir, "mapping.json");
    writeFileSync(big, "");
    truncateSync(big, 100 * 1024 * 1024);
    writeFileSync(mapping, JSON.stringify(programmeEvaluationMapping()));
    const message = await refusal(() => importMappedSheetFile(store, big, mapping, ORG));
    assert.match(message, /ファイルが大きすぎます（100\.0 MB/u);
    assert.equal(await planCount(store), 0);
  });
});
