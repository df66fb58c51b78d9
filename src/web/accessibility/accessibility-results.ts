import { readFileSync } from "node:fs";
import { z } from "zod";

/** One page as the accessibility test checked it. */
const pageResult = z.object({
  /** Names the page type in both languages. */
  ja: z.string(),
  en: z.string(),
  path: z.string(),
  lang: z.enum(["ja", "en"]),
  /** axe-core's violations of the WCAG 2.1 A/AA rules on it (0 to pass). */
  violations: z.number().int().min(0),
  /** Rules that passed and rules axe could not decide (to check by hand). */
  passes: z.number().int().min(0),
  incomplete: z.number().int().min(0),
});

const keyboardCheck = z.object({
  ja: z.string(),
  en: z.string(),
  passed: z.boolean(),
});

export const accessibilityResultsSchema = z.object({
  /** The day the results were recorded (Asia/Tokyo), ISO. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
  standard: z.literal("JIS X 8341-3:2016"),
  level: z.literal("AA"),
  tool: z.object({ name: z.string(), version: z.string(), tags: z.array(z.string()) }),
  browser: z.string(),
  pages: z.array(pageResult).min(1),
  keyboard: z.array(keyboardCheck),
});

export type AccessibilityResults = z.infer<typeof accessibilityResultsSchema>;

/**
 * Where the accessibility browser test records its results, and the 試験結果 page reads them:
 * committed, so the page shows the run the code was shipped with. The test fails when the
 * file no longer matches what it finds (pages, violations, keyboard checks).
 */
export const ACCESSIBILITY_RESULTS_FILE = new URL("./test-results.json", import.meta.url);

/**
 * The recorded results, read and checked once (at start); null when none were recorded yet. A
 * broken file stops the server rather than publishing something the test did not record.
 */
export function readAccessibilityResults(
  file: URL | string = ACCESSIBILITY_RESULTS_FILE,
): AccessibilityResults | null {
  let json: string;
  try {
    json = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return accessibilityResultsSchema.parse(JSON.parse(json));
}
