import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** The axe-core tags of WCAG 2.1 levels A and AA (JIS X 8341-3:2016 AA). */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now.
 *
 * Run with `axe.run` inside the page ("legacy mode" in @axe-core/playwright) rather than the
 * default `runPartial` in every frame then `finishRun` in a second, blank page: the default
 * exists for pages with frames from other origins, opens that extra page and parses axe's
 * half-megabyte source in it on every call. Our pages have no frames (checked here, so the
 * shortcut can never hide one), and the rules and results are the same.
 */
export async function wcagCheck(page: Page): Promise<AxeResults> {
  assert.equal(
    page.frames().length,
    1,
    `${page.url()}: the page holds a frame; check it with axe's default (per-frame) run`,
  );
  return new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode().analyze();
}

/** One line per element in violation: `where: rule (impact) selector: help`. */
export function violationLines(results: AxeResults, where: string): string[] {
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) ${n.target.join(" ")}: ${v.help}`),
  );
}

/** The violations on the page as it is now, one line each, named by the page's URL. */
export async function wcagViolations(page: Page): Promise<string[]> {
  return violationLines(await wcagCheck(page), page.url());
}
