import type { MeasureFieldValue } from "../store/queries/measure-fields-query.ts";
import { toCsv } from "./csv-table.ts";

export const FIELDS_CSV_HEADER = ["取組ID", "項目", "値"] as const;

/**
 * Custom fields (独自項目) in long format: one row per measure and heading. A line break inside
 * a value becomes a space, as the CSV rules of the open-data guidelines ask (the JSON keeps it).
 * @example fieldsCsv(await loadMeasureFields(db, tree.id, tree.period?.asOf ?? null))
 */
export function fieldsCsv(fields: MeasureFieldValue[], options: { bom?: boolean } = {}): string {
  return toCsv(
    FIELDS_CSV_HEADER,
    fields.map((f) => [f.code, f.heading, f.value]),
    options,
  );
}
