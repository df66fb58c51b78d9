import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { ShinchokuError } from "../domain/errors.ts";
import { ImportReportBuilder } from "../import/import-report.ts";
import { suggestMapping } from "../import/mapping/mapping-suggester.ts";
import { readSheets } from "../import/mapping/sheet-reader.ts";
import { MAX_WORKBOOK_BYTES, tooLarge } from "../import/plan-xlsx/workbook-container.ts";

/**
 * `shinchoku mapping suggest FILE`: a starting column mapping from the headings of the file's
 * first sheet, on standard output, for a person to correct (docs/import-mapping.md).
 */
export async function mappingCommand(args: string[]): Promise<number> {
  const [verb, file, ...extra] = args;
  if (verb !== "suggest" || file === undefined || extra.length > 0) {
    console.error(
      "shinchoku mapping: shinchoku mapping suggest FILE > MAPPING.json の形で使います",
    );
    return 2;
  }
  const info = await stat(file).catch(() => {
    throw new ShinchokuError("invalid_input", "ファイルが見つかりません", { file });
  });
  if (info.size > MAX_WORKBOOK_BYTES) throw tooLarge(info.size, basename(file));
  const name = basename(file);
  const sheets = await readSheets(await readFile(file), name, new ImportReportBuilder(name));
  const first = sheets[0];
  if (!first) throw new ShinchokuError("invalid_input", "シートがありません", { file: name });
  console.log(JSON.stringify(suggestMapping(first, name), null, 2));
  return 0;
}
