import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";

/** Why LibreOffice tests cannot run here, or false when `soffice` is installed. */
export const LIBREOFFICE_MISSING = spawnSync("soffice", ["--version"]).error
  ? "LibreOffice がありません（apt-get install --no-install-recommends libreoffice-calc-nogui）"
  : false;

/**
 * A workbook or CSV file as LibreOffice reads it: every sheet converted to CSV (comma, double
 * quote, UTF-8, cells as shown) and parsed, keyed by sheet name (a CSV file has one sheet, keyed
 * by its own name). A CSV is opened with formulas evaluated, as a person opening it would see
 * it. LibreOffice shares no code with our writers and readers. `dir` is a scratch directory.
 * @example const sheets = sheetsByLibreOffice("plan.xlsx", dir, ["取組", "計画"]);
 */
export function sheetsByLibreOffice(
  file: string,
  dir: string,
  sheetNames: readonly string[],
): Map<string, string[][]> {
  const csvIn = extname(file) === ".csv";
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      // For CSV in: comma, double quote, UTF-8, from line 1, …, evaluate formulas (13th token).
      ...(csvIn ? ["--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"] : []),
      "--convert-to",
      // Comma, double quote, UTF-8, from line 1, …, cells as shown, every sheet (-1) to its own file.
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
      "--outdir",
      join(dir, "csv"),
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const stem = basename(file, extname(file));
  const sheets = new Map<string, string[][]>();
  for (const name of sheetNames) {
    const text = readFileSync(join(dir, "csv", `${stem}-${name}.csv`), "utf8");
    sheets.set(name, parse(text, { relax_column_count: true, bom: true }));
  }
  return sheets;
}
