import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readReportText } from "../import/report-text/report-text-reader.ts";
import { decodeReportText } from "../import/report-text/report-text-source.ts";
import { type Vocabulary, vocabularyFromDraft } from "./model-vocabulary.ts";

/** The model report the vocabulary comes from (committed as example data). */
export const MODEL_REPORT_FILE = fileURLToPath(
  new URL("../../examples/kumamoto-2013-09-30.txt", import.meta.url),
);

let cached: Vocabulary | undefined;

/** Read the model report once through the report-text reader and collect its vocabulary. */
export function loadModelVocabulary(): Vocabulary {
  if (cached) return cached;
  const lines = decodeReportText(readFileSync(MODEL_REPORT_FILE), "kumamoto-2013-09-30.txt");
  cached = vocabularyFromDraft(readReportText(lines, "kumamoto-2013-09-30.txt").draft);
  return cached;
}
