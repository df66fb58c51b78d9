import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { modelReportText } from "../../../test/factories/model-report.ts";
import {
  pad,
  spaceAlignedModel,
  starts,
  WIDTHS,
} from "../../../test/factories/space-aligned-report.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { draftItems, type PlanDraft } from "../../domain/plan-draft.ts";
import { readReportText } from "./report-text-reader.ts";
import { segmentsOf } from "./space-aligned-text.ts";

function measureRows(draft: PlanDraft) {
  return draftItems(draft).flatMap((item) =>
    item.measures.map((m) => ({
      item: item.number,
      title: m.title,
      roadmap: m.roadmap,
      progress: m.progress,
      relisting: m.relisting,
    })),
  );
}

describe("reading space-aligned text (pdftotext -layout)", () => {
  it("splits a line at runs of two or more spaces and keeps single spaces inside a cell", () => {
    assert.deepEqual(segmentsOf("  第4回 調査   PT調査  ⇒"), [
      { start: 2, end: 8, text: "第4回 調査" },
      { start: 11, end: 15, text: "PT調査" },
      { start: 17, end: 18, text: "⇒" },
    ]);
  });

  it("reads the model report drawn in columns, wrapped cells included, into the same 130 items and 198 measures with the same progress", () => {
    const { text, ambiguous, widest } = spaceAlignedModel();
    // A line as wide as its column's widest reads as wrapped: the drawing must have no printed
    // line break there (the format cannot tell them apart), and each column wraps at its width.
    assert.deepEqual(widest.slice(1), WIDTHS.slice(1));
    assert.equal(ambiguous, 0, "no printed line break falls where a wrap would");
    assert.ok(!text.includes("\t"));
    const lines = text.split("\n");
    assert.ok(
      lines.some((l, i) => l.startsWith(" ".repeat(starts[4] ?? 0)) && lines[i - 1] !== ""),
      "some progress cells are wrapped onto a line of their own",
    );

    const model = readReportText(modelReportText().split("\n"), "model.txt");
    const { draft, report } = readReportText(lines, "layout.txt");
    assert.equal(draftItems(draft).filter((i) => i.number !== null).length, 130);
    assert.equal(measureRows(draft).length, 198);
    assert.deepEqual(measureRows(draft), measureRows(model.draft));
    assert.equal(draft.title, model.draft.title);
    assert.deepEqual(draft.fiscalYears, [2012, 2013]);
    assert.ok(report.messages.some((m) => m.code === "space-aligned-text"));
    const row = lines.findIndex((l) => l.includes("・5つの区役所の設置")) + 1;
    assert.equal(
      draftItems(draft)[0]?.measures[0]?.line,
      row,
      "a measure points at its first line",
    );
  });

  it("refuses a cell whose text crosses into the next column, naming the line and the columns", () => {
    const lines = spaceAlignedModel().text.split("\n");
    const at = lines.findIndex((l) => l.includes("・市政経営会議の設置"));
    // 25's ⇒ drawn from two characters before its column: it runs from 24 into 25.
    lines[at] = [
      pad("", starts[1] ?? 0),
      pad("・市政経営会議の設置", (starts[2] ?? 0) - (starts[1] ?? 0)),
      pad("設置及び運営", (starts[3] ?? 0) - 2 - (starts[2] ?? 0)),
      pad("⇒⇒⇒⇒", (starts[4] ?? 0) - (starts[3] ?? 0) + 2),
      "平成24年4月1日付けで設置済",
    ].join("");
    assert.throws(
      () => readReportText(lines, "layout.txt"),
      (error: unknown) => {
        assert.ok(error instanceof ShinchokuError);
        assert.equal(error.location.line, at + 1);
        assert.match(error.message, /「⇒⇒⇒⇒」が「24\(年度\)」と「25」の列の境目/u);
        return true;
      },
    );
  });
});
