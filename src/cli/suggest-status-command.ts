import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { extractFigures } from "../domain/figure-extractor.ts";
import { suggestStatus } from "../domain/status-rules.ts";
import { DEFAULT_STATUS_SCHEME } from "../domain/status-scheme.ts";
import { standardInput, standardOutput } from "./standard-streams.ts";

const UNKNOWN = "unknown";

/** One narrative's line of output: the status name, or with `json` the whole suggestion. */
export function suggestionLine(narrative: string, json: boolean): string {
  const suggestion = suggestStatus(narrative);
  const nameOf = (code: string | null) =>
    DEFAULT_STATUS_SCHEME.find((s) => s.code === code)?.name ?? UNKNOWN;
  const status = nameOf(suggestion.status);
  if (!json) return status;
  return JSON.stringify({
    status,
    matched: suggestion.matched.map((m) => ({ ...m, status: nameOf(m.status) })),
    figures: extractFigures(narrative),
    reason: suggestion.reason,
  });
}

/**
 * `shinchoku suggest-status [--json]`: narratives on standard input, one per line; one line per
 * input line on standard output, the suggested status by its name in the default scheme
 * (`実施中`) or `unknown`. With `--json`, one object per line: `{status, matched, figures, reason}`.
 * Needs no store.
 * @example printf '設置済\n検討中\n' | shinchoku suggest-status   # 完了 / 検討・準備中
 */
export async function suggestStatusCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false } },
  });
  const lines = createInterface({ input: standardInput(), crlfDelay: Number.POSITIVE_INFINITY });
  const output = standardOutput();
  let first = true;
  for await (const raw of lines) {
    // A file saved with a BOM (as our CSV is) starts with U+FEFF.
    const line = first ? raw.replace(/^\uFEFF/u, "") : raw;
    first = false;
    if (!output.write(`${suggestionLine(line, values.json)}\n`)) {
      await once(output, "drain");
    }
  }
  return 0;
}
