import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import PDFDocument from "pdfkit";
import { runImportCommand } from "../../../test/factories/cli-run.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { storedRows } from "../../../test/factories/printed-plan.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { reportPdf } from "../../export/report-pdf.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { importReportBytes, importReportFile } from "../report-importer.ts";
import { MAX_PDF_BYTES } from "./pdf-words.ts";

/** A PDF drawn with pdfkit that has shapes and no text, as a scan has only its images. */
function pdfWithoutText(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", layout: "landscape" });
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
  });
  for (let page = 0; page < 2; page++) {
    if (page > 0) doc.addPage();
    for (let row = 0; row < 20; row++) doc.rect(40, 40 + row * 25, 760, 25).stroke();
    doc.rect(100, 100, 200, 120).fill("#888888");
  }
  doc.end();
  return done;
}

/** A PDF with text that opens only with a password. */
function pdfWithPassword(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", userPassword: "secret", pdfVersion: "1.7" });
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
  });
  doc.text("Progress report");
  doc.end();
  return done;
}

/** A one-item plan cut from the example, printed as our report PDF: a small real PDF. */
async function smallReportPdf(): Promise<Buffer> {
  const source = await freshStore("sqlite");
  try {
    const { planSlug } = await importReportFile(source, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    const tree = (await loadPlanTree(source.db, planSlug)) as PlanTree;
    const pillar = tree.pillars[0] as PlanTree["pillars"][number];
    const area = pillar.children[0] as (typeof pillar.children)[number];
    const category = area.children[0] as (typeof area.children)[number];
    const small: PlanTree = {
      ...tree,
      pillars: [
        {
          ...pillar,
          children: [{ ...area, children: [{ ...category, items: category.items.slice(0, 1) }] }],
        },
      ],
    };
    return await reportPdf(small);
  } finally {
    await source.dispose();
  }
}

const dir = mkdtempSync(join(tmpdir(), "shinchoku-bad-pdf-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const fileOf = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

let small: Buffer;
let scan: Buffer;
before(async () => {
  small = await smallReportPdf();
  scan = await pdfWithoutText();
});

forEachStore("bad PDF input", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
  });
  after(() => store.dispose());

  const refuses = async (path: string, message: RegExp, page?: number) => {
    await assert.rejects(importReportFile(store, path, { organization: KUMAMOTO }), (error) => {
      assert.ok(error instanceof ShinchokuError, String(error));
      assert.match(error.message, message);
      assert.equal(error.location.file?.replace(/^.*\//u, ""), path.replace(/^.*\//u, ""));
      if (page !== undefined) assert.equal(error.location.line, page);
      return true;
    });
    assert.deepEqual(await storedRows(store), {
      organizations: 0,
      plans: 0,
      items: 0,
      measures: 0,
      progress: 0,
    });
  };

  it("refuses a PDF without text (a scan), saying so, and stores nothing", async () => {
    await refuses(
      fileOf("scan.pdf", scan),
      /^この PDF には文字情報がありません（画像を読み取った PDF は取り込めません）$/u,
    );
  });

  it("refuses a password-protected PDF, saying so, and stores nothing", async () => {
    await refuses(fileOf("locked.pdf", await pdfWithPassword()), /パスワードで保護された PDF/u);
  });

  it("refuses a truncated PDF and stores nothing", async () => {
    await refuses(
      fileOf("cut.pdf", small.subarray(0, Math.floor(small.length / 2))),
      /途中で切れています/u,
    );
  });

  it("refuses a file that starts like a PDF but is not one and stores nothing", async () => {
    const garbage = Buffer.concat([
      Buffer.from("%PDF-1.7\n"),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)),
      Buffer.from("\n%%EOF\n"),
    ]);
    await refuses(fileOf("garbage.pdf", garbage), /PDF を読めません/u);
  });

  it("refuses a .pdf file that is not a PDF at its first line and stores nothing", async () => {
    await refuses(
      fileOf("notes.pdf", Buffer.from("挑戦元年アクションプラン\n")),
      /PDF ではありません/u,
      1,
    );
  });

  it("refuses a PDF over 100 MB before reading it, naming the limit", async () => {
    const path = join(dir, "huge.pdf");
    writeFileSync(path, "%PDF-1.7\n");
    truncateSync(path, MAX_PDF_BYTES + 1);
    await refuses(path, /PDF が大きすぎます（100\.0 MB、上限 100 MB）/u);
    rmSync(path);
  });

  it("refuses an upload of a PDF over 100 MB, naming the limit", async () => {
    const bytes = Buffer.alloc(MAX_PDF_BYTES + 1);
    bytes.write("%PDF-1.7\n");
    await assert.rejects(importReportBytes(store, bytes, "upload.pdf"), /上限 100 MB/u);
    assert.equal((await storedRows(store)).plans, 0);
  });

  it("imports a PDF by its first bytes, whatever its name", async () => {
    const { report } = await importReportFile(store, fileOf("報告書", small), {
      organization: KUMAMOTO,
    });
    assert.equal(report.counts.items, 1);
    assert.equal(report.counts.measures, 2);
    assert.equal((await storedRows(store)).measures, 2);
  });
});

it("shinchoku import REPORT.pdf stores the plan and prints the import report", async () => {
  const store = await freshStore("sqlite");
  try {
    const path = fileOf("report.pdf", small);
    const { status, stdout } = await runImportCommand(
      [path, "--org-code", KUMAMOTO.code, "--org-name", KUMAMOTO.name],
      store.url,
    );
    assert.equal(status, 0);
    assert.match(stdout, /^取込結果: report\.pdf$/mu);
    assert.match(stdout, /項目 1（番号なし 0）/u);
    assert.match(stdout, /取組 2（うち再掲 0）/u);
    assert.equal((await storedRows(store)).measures, 2);
  } finally {
    await store.dispose();
  }
});
