import type { z } from "zod";
import { ShinchokuError } from "../../domain/errors.ts";

/**
 * A request's query checked by a zod schema. Unlike the pages, which fall back to defaults, the
 * API refuses what it cannot use: `invalid_input` (400) naming the first field at fault.
 * @example const paging = parseQuery(pagingSchema, c.req.query());
 */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string | undefined>,
): z.output<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  throw new ShinchokuError(
    "invalid_input",
    `${field ? `${field}: ` : ""}${issue?.message ?? "正しくない値です"}`,
    field ? { field } : {},
  );
}
