import assert from "node:assert/strict";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
  modelReportSeed,
  modelReportText,
} from "../../test/factories/model-report.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { measuresCsv } from "../export/measures-csv.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { importReportFile } from "./report-importer.ts";

const dir = mkdtempSync(join(tmpdir(), "shinchoku-bad-"));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const lines = modelReportText().split("\n");
const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
const duplicateItem = modelReportText().replace(
  "5\tイ. 区のみちづくり予算の確保",
  "4\tイ. 区のみちづくり予算の確保",
);
const shortRow = modelReportText().replace(
  "\t▪ 熊本城マラソンの開催\t開催\t⇒\t",
  "\t▪ 熊本城マラソンの開催\t",
);
const unknownSource = modelReportText().replace("【No.31再掲】", "【No.999再掲】");

const bigPath = join(dir, "huge.txt");
writeFileSync(bigPath, "");
truncateSync(bigPath, 50 * 1024 * 1024);

const cases: Array<{ name: string; path: string; message: RegExp; line?: number }> = [
  { name: "an empty file", path: file("empty.txt", ""), message: /空です/u, line: 1 },
  {
    name: "a file of blank lines",
    path: file("blank.txt", "\n\n \t\n"),
    message: /空です/u,
    line: 1,
  },
  {
    name: "a binary file",
    path: file("binary.bin", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81])),
    message: /UTF-8|バイナリ/u,
    line: 1,
  },
  { name: "text with a NUL", path: file("nul.txt", "行程表\n\u0000\n"), message: /NUL/u, line: 2 },
  {
    name: "a table with no recognizable structure",
    path: file("prose.txt", "議事録\n本日の会議は次のとおりです。\n"),
    message: /見出し行/u,
    line: 1,
  },
  {
    name: "an item number used twice",
    path: file("dup.txt", duplicateItem),
    message: /項目番号 4 が \d+ 行目と重複/u,
    line: lineOf("5\tイ. 区のみちづくり予算の確保"),
  },
  {
    name: "a measure row with missing cells",
    path: file("short.txt", shortRow),
    message: /4 個の列/u,
    line: lineOf("▪ 熊本城マラソンの開催"),
  },
  {
    name: "a re-listing of an item that does not exist",
    path: file("unknown.txt", unknownSource),
    message: /No\.999/u,
    line: lineOf("【No.31再掲】"),
  },
  { name: "a 50 MB file", path: bigPath, message: /大きすぎます/u },
];

forEachStore("rejecting bad report input", (dialect) => {
  for (const c of cases) {
    it(`rejects ${c.name} with the place named, and leaves the store unchanged`, async () => {
      const {
        store,
        value: { planSlug },
      } = await seededStore(dialect, modelReportSeed);
      try {
        const exportOf = async () =>
          measuresCsv((await loadPlanTree(store.db, planSlug)) ?? assert.fail("plan"));
        const before = await exportOf();
        const periodsBefore = await store.db.selectFrom("reporting_period").selectAll().execute();
        await assert.rejects(
          importReportFile(store, c.path, { organization: KUMAMOTO }),
          (error: unknown) => {
            assert.ok(error instanceof ShinchokuError, String(error));
            assert.match(error.message, c.message);
            assert.ok(error.location.file, "names the file");
            if (c.line !== undefined) assert.equal(error.location.line, c.line);
            return true;
          },
        );
        assert.equal(await exportOf(), before);
        assert.deepEqual(
          await store.db.selectFrom("reporting_period").selectAll().execute(),
          periodsBefore,
        );
      } finally {
        await store.dispose();
      }
    });
  }

  it("rejects a second import of the same reporting period and stores nothing of it", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      const measures = await store.db.selectFrom("measure").select("id").execute();
      await assert.rejects(
        importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO }),
        /取込済み/u,
      );
      assert.equal(
        (await store.db.selectFrom("measure").select("id").execute()).length,
        measures.length,
      );
      assert.equal((await store.db.selectFrom("import_run").select("id").execute()).length, 1);
    } finally {
      await store.dispose();
    }
  });

  it("rolls back a later report that fails half-way through storing", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      const count = async (table: "measure" | "progress" | "reporting_period" | "roadmap_entry") =>
        (await store.db.selectFrom(table).select("id").execute()).length;
      const counts = async () => [
        await count("measure"),
        await count("progress"),
        await count("reporting_period"),
        await count("roadmap_entry"),
      ];
      const before = await counts();
      const failing = { ...store, db: store.db.withPlugin(new FailOnInsert("progress", 100)) };
      await assert.rejects(
        importReportFile(failing, file("later.txt", laterReportText())),
        /simulated failure/u,
      );
      assert.deepEqual(await counts(), before);
    } finally {
      await store.dispose();
    }
  });
});

/** Makes the Nth insert into a table fail, as a full disk or a lost connection would. */
class FailOnInsert implements KyselyPlugin {
  private seen = 0;
  constructor(
    private readonly table: string,
    private readonly nth: number,
  ) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (
      node.kind === "InsertQueryNode" &&
      node.into?.table.identifier.name === this.table &&
      ++this.seen === this.nth
    ) {
      throw new Error(`simulated failure on insert ${this.nth} into ${this.table}`);
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}
