import type { Hono } from "hono";
import {
  type AccessibilityResults,
  readAccessibilityResults,
} from "../accessibility/accessibility-results.ts";
import { accessibilityPolicyPage, accessibilityResultsPage } from "../views/accessibility-pages.ts";
import { pageContext } from "./page-context.ts";

/**
 * `/accessibility` (ウェブアクセシビリティ方針) and `/accessibility/results` (試験結果, from the
 * results the accessibility browser test recorded, read once here).
 */
export function accessibilityRoutes(
  app: Hono,
  results: AccessibilityResults | null = readAccessibilityResults(),
): void {
  app.get("/accessibility", (c) => c.html(accessibilityPolicyPage(pageContext(c))));
  app.get("/accessibility/results", (c) =>
    c.html(accessibilityResultsPage(pageContext(c), results)),
  );
}
