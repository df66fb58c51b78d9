import { readReportText } from "../../src/import/report-text/report-text-reader.ts";
import { decodeReportText } from "../../src/import/report-text/report-text-source.ts";
import { modelReportText } from "../factories/model-report.ts";
import { spaceAlignedModel } from "../factories/space-aligned-report.ts";
import { guardedCase } from "./fuzz-harness.ts";
import { lineCount, namesLine } from "./fuzz-locations.ts";
import type { MutationBase } from "./mutation-recipe.ts";

/** The model report: its title page, contents and first table header in front, the table as body. */
export function reportTextBase(text = modelReportText()): MutationBase {
  const lines = text.split("\n");
  const header = lines.findIndex((l) => l.startsWith("区分、No.\t項目"));
  const body = lines.slice(header + 1);
  return {
    prefix: lines.slice(0, header + 1),
    body,
    // Windows start at a category heading (①…), so that most keep a readable structure.
    starts: body.flatMap((l, i) => (/^[①-⑳]/u.test(l) ? [i] : [])),
    header: lines[header] ?? "",
    separator: "\t",
  };
}

/** The model report drawn as space-aligned text (pdftotext -layout); a cell is a run between two spaces. */
export function spaceAlignedBase(): MutationBase {
  const lines = spaceAlignedModel().text.split("\n");
  const header = lines.findIndex((l) => l.startsWith("区分、No.  "));
  const body = lines.slice(header + 1);
  return {
    prefix: lines.slice(0, header + 1),
    body,
    starts: body.flatMap((l, i) => (/^[①-⑳]/u.test(l) ? [i] : [])),
    header: lines[header] ?? "",
    separator: "  ",
  };
}

/**
 * Read report-text bytes as the importer does (decode, then read); a rejection must name the
 * file and a line the file has.
 */
export function readReportCase(bytes: Uint8Array, file = "fuzzed.txt") {
  return guardedCase(
    () => readReportText(decodeReportText(bytes, file), file),
    (error) => namesLine(error, [file], lineCount(bytes)),
  );
}
