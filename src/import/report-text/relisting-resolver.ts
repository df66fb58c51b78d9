import { ShinchokuError } from "../../domain/errors.ts";
import { similarity } from "../../domain/japanese-text.ts";
import {
  draftItems,
  type ItemDraft,
  type MeasureDraft,
  type PlanDraft,
} from "../../domain/plan-draft.ts";
import { describeDifference } from "../../domain/text-diff.ts";
import type { ImportReportBuilder } from "../import-report.ts";

/** How alike a re-listing's title must be to its original's (`…ホール等の整備` ~ `…ホールの整備`). */
const SAME_MEASURE = 0.6;
const SAME_ITEM = 0.9;

/**
 * Turn every `【No.N再掲】` into a reference to the original measure of item N (matched by
 * title), and every item heading without a number into a reference to the item it re-lists.
 * A re-listing keeps no roadmap or progress of its own: where its printed text differs from the
 * original's, the import report shows the difference.
 */
export function resolveRelistings(draft: PlanDraft, report: ImportReportBuilder): void {
  const items = draftItems(draft);
  const byNumber = new Map(
    items.filter((i) => i.number !== null).map((i) => [i.number as number, i]),
  );

  for (const item of items) {
    for (const measure of item.measures) {
      if (!measure.relisting) continue;
      const source = byNumber.get(measure.relisting.itemNumber);
      if (!source) {
        throw new ShinchokuError(
          "unknown_relisting_source",
          `再掲元の項目 No.${measure.relisting.itemNumber} がありません`,
          { file: report.source, line: measure.line, field: "取組" },
        );
      }
      resolveMeasure(measure, source, report);
    }
    if (item.number === null) resolveItem(item, items, report);
  }
}

function resolveMeasure(measure: MeasureDraft, source: ItemDraft, report: ImportReportBuilder) {
  let best = -1;
  let bestScore = 0;
  source.measures.forEach((candidate, index) => {
    if (candidate.relisting) return;
    const score = similarity(candidate.title, measure.title);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  const original = source.measures[best];
  if (!original || bestScore < SAME_MEASURE) {
    report.warn(
      measure.line,
      "relisting-original-not-found",
      `「${measure.title}」の再掲元を No.${source.number} の取組から見つけられないため、独立した取組として取り込みました`,
    );
    measure.title = `${measure.title}【No.${source.number}再掲】`;
    measure.relisting = null;
    return;
  }
  if (measure.relisting) measure.relisting.measureIndex = best;
  const where = `No.${source.number}「${original.title}」の再掲`;
  if (original.title !== measure.title) {
    report.info(
      measure.line,
      "relisting-title-differs",
      `${where}の名前が異なります: ${describeDifference(original.title, measure.title)}`,
    );
  }
  for (const entry of measure.roadmap) {
    const theirs = original.roadmap.find((r) => r.fiscalYear === entry.fiscalYear)?.text ?? "";
    if (theirs !== entry.text) {
      report.warn(
        measure.line,
        "relisting-roadmap-differs",
        `${where}の ${entry.fiscalYear} 年度の行程が再掲元と異なります: ${describeDifference(theirs, entry.text)}（再掲先の記載: ${entry.text}）`,
      );
    }
  }
  if ((measure.progress ?? "") !== (original.progress ?? "")) {
    report.warn(
      measure.line,
      "relisting-progress-differs",
      `${where}の進捗状況が再掲元と異なります: ${describeDifference(original.progress ?? "", measure.progress ?? "")}（再掲先の記載: ${measure.progress ?? ""}）`,
    );
  }
  measure.roadmap = [];
  measure.progress = null;
}

function resolveItem(item: ItemDraft, items: ItemDraft[], report: ImportReportBuilder) {
  const marks = new Set(item.measures.map((m) => m.relisting?.itemNumber ?? null));
  const [only] = marks;
  let source: ItemDraft | undefined;
  if (marks.size === 1 && only != null) source = items.find((i) => i.number === only);
  source ??= items.find((i) => i.number !== null && similarity(i.title, item.title) >= SAME_ITEM);
  if (!source || source.number === null) {
    report.warn(
      item.line,
      "unnumbered-item-without-source",
      `番号のない項目「${item.title}」の再掲元が分かりません`,
    );
    return;
  }
  item.relistingOfItemNumber = source.number;
  if (source.title !== item.title) {
    report.info(
      item.line,
      "relisting-title-differs",
      `No.${source.number} の再掲項目の名前が異なります: ${describeDifference(source.title, item.title)}`,
    );
  }
}
