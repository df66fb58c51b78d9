import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it, mock } from "node:test";
import { parse } from "csv-parse/sync";
import { runImportCommand } from "../../test/factories/cli-run.ts";
import {
  programmeEvaluationMapping,
  programmeEvaluationWorkbook,
} from "../../test/factories/mapped-sheets.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { exportCommand } from "./export-command.ts";
import { mappingCommand } from "./mapping-command.ts";

let dir: string;
let workbook: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "shinchoku-mapping-cli-"));
  workbook = join(dir, "事務事業評価.xlsx");
  writeFileSync(workbook, await programmeEvaluationWorkbook());
});
after(() => rmSync(dir, { recursive: true, force: true }));

it("shinchoku mapping suggest prints a mapping from the headings", async () => {
  const out: string[] = [];
  const log = mock.method(console, "log", (text: string) => out.push(text));
  try {
    assert.equal(await mappingCommand(["suggest", workbook]), 0);
  } finally {
    log.mock.restore();
  }
  const suggested = JSON.parse(out.join("\n"));
  assert.equal(suggested.headerRow, 2);
  assert.deepEqual(suggested.measure, { name: "事務事業", id: "A", title: "B" });
});

forEachStore("shinchoku import --mapping and export --table fields", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
  });
  after(async () => store.dispose());

  it("imports the workbook through the mapping file, then says a second run changed nothing", async () => {
    const mapping = join(dir, `mapping-${dialect}.json`);
    writeFileSync(mapping, JSON.stringify(programmeEvaluationMapping()));
    const args = [workbook, "--mapping", mapping, "--org-code", "431001", "--org-name", "熊本市"];
    // Departments the city does not have refuse the import, unless it is told to create them.
    await assert.rejects(
      runImportCommand(args, store.url),
      (e: unknown) =>
        e instanceof ShinchokuError &&
        e.location.field === "担当課" &&
        /この団体にない担当課がデータにあります: 「こども局子ども政策課」、/u.test(e.message) &&
        /--create-departments/u.test(e.message),
    );
    assert.equal((await store.db.selectFrom("plan").select("id").execute()).length, 0);
    args.push("--create-departments");
    const first = await runImportCommand(args, store.url);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /取組 6（うち再掲 0）/u);
    assert.match(first.stdout, /担当課を 4 件作りました/u);
    const second = await runImportCommand(args, store.url);
    assert.equal(second.status, 0);
    assert.match(second.stdout, /取込済みです.*何も変えていません/u);
    assert.match(second.stdout, /（変更なし）/u);
  });

  it("exports the custom fields in long format, 取組ID, 項目, 値, a line break kept inside its quoted cell", async () => {
    const out = join(dir, `fields-${dialect}.csv`);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = store.url;
    try {
      assert.equal(await exportCommand(["--table", "fields", "--out", out]), 0);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    const text = readFileSync(out, "utf8");
    assert.ok(text.startsWith("\uFEFF取組ID,項目,値\r\n"), text.slice(0, 40));
    const rows = parse(text.slice(1)) as string[][];
    assert.deepEqual(rows[1], ["0012", "事務事業の概要", "相談窓口の運営"]);
    const road = rows.filter((r) => r[0] === "0120");
    assert.deepEqual(road[0], ["0120", "事務事業の概要", "市道の維持補修\r\n舗装の打ち換え"]);
    assert.ok(
      text.includes('"市道の維持補修\r\n舗装の打ち換え"'),
      "the cell quoted, its break as CRLF",
    );
    assert.ok(road.some((r) => r[1] === "活動指標合計" && r[2] === "75"));
    assert.equal(road.length, 9);
  });

  it("exports the measures with hierarchy columns named after the plan's levels and its 担当課", async () => {
    const out = join(dir, `measures-${dialect}.csv`);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = store.url;
    try {
      assert.equal(await exportCommand(["--out", out]), 0);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    const lines = readFileSync(out, "utf8").split("\r\n");
    assert.equal(
      lines[0],
      "\uFEFF全国地方公共団体コード,地方公共団体名,計画名,基準日,政策番号,政策,施策番号,施策,取組ID,事務事業,進捗状況,状況区分,状況区分の判定,担当課",
    );
    assert.equal(
      lines[1],
      "431001,熊本市,事務事業評価（令和7年度）,2025-09-22,01,子どもを生かしたまちづくり,01,子育て支援,0012,子育て支援事業,,現状維持,確定,こども局子ども政策課",
    );
  });
});
