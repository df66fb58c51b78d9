import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { PasswordSetLinkSender } from "../../commands/accounts/password-set-link-sender.ts";
import type { ReminderMail } from "../../commands/reminders/reminder-queue.ts";
import type { Store } from "../../store/store.ts";
import { formBody } from "../middleware/form-body.ts";
import { pageContext } from "../routes/page-context.ts";
import { errorPage } from "../views/error-page.ts";
import { completionRoutes } from "./completion-routes.ts";
import { myUpdatesRoutes } from "./my-updates-routes.ts";
import { ownAccountRoutes } from "./own-account-routes.ts";
import { publishRoutes } from "./publish-routes.ts";
import { reviewRoutes } from "./review-routes.ts";
import { staffAccountRoutes } from "./staff-account-routes.ts";
import { staffAuditRoutes } from "./staff-audit-routes.ts";
import { staffAuthRoutes } from "./staff-auth-routes.ts";
import { staffCycleRoutes } from "./staff-cycle-routes.ts";
import { staffDepartmentAdminRoutes } from "./staff-department-admin-routes.ts";
import { staffDepartmentRoutes } from "./staff-department-routes.ts";
import type { StaffEnv } from "./staff-env.ts";
import { loadSession } from "./staff-guard.ts";
import { staffIndicatorRoutes } from "./staff-indicator-routes.ts";
import { staffPasswordRoutes } from "./staff-password-routes.ts";
import { staffPasswordSetRoutes } from "./staff-password-set-routes.ts";
import { staffReminderRoutes } from "./staff-reminder-routes.ts";
import { staffRoadmapRoutes } from "./staff-roadmap-routes.ts";
import { staffStructureRoutes } from "./staff-structure-routes.ts";
import { staffTokenRoutes } from "./staff-token-routes.ts";
import { staffUploadRoutes } from "./staff-upload-routes.ts";
import { UPLOAD_LIMIT_MB, uploadTooLargePage } from "./upload-page.ts";

const STAFF_STYLE = readFileSync(new URL("../assets/staff.css", import.meta.url), "utf8");

/**
 * Everything under /staff: signed-in pages for the planning division and the departments.
 * `mail`, where mail is configured, queues reminders with the state changes;
 * `passwordSetLinkSender` also e-mails the password-set links that the account pages show.
 */
export function staffApp(
  store: Store,
  options: { mail?: ReminderMail | null; passwordSetLinkSender?: PasswordSetLinkSender } = {},
) {
  const staff = new Hono<StaffEnv>();
  staff.use("*", async (c, next) => {
    await next();
    // Staff pages hold drafts: never kept by a browser or a proxy.
    c.header("Cache-Control", "no-store");
  });
  const formLimit = bodyLimit({
    maxSize: 256 * 1024,
    onError: (c) => {
      const page = pageContext(c);
      return c.html(errorPage(page.lang, page.path, 413), 413);
    },
  });
  // The upload form's multipart body takes a file: a larger limit, still refused from
  // Content-Length (or while streaming) before the body is parsed.
  const uploadLimit = bodyLimit({
    maxSize: UPLOAD_LIMIT_MB * 1024 * 1024 + 64 * 1024,
    onError: (c) => c.html(uploadTooLargePage(pageContext(c)), 413),
  });
  staff.use("*", (c, next) =>
    c.req.method === "POST" &&
    c.req.path === "/staff/uploads" &&
    /^multipart\/form-data\b/iu.test(c.req.header("Content-Type") ?? "")
      ? uploadLimit(c, next)
      : formLimit(c, next),
  );
  // Read once here: a body that is no readable form is a 400 before any route sees it.
  staff.use("*", formBody());
  staff.use("*", loadSession(store));
  // Before the session check: the login page may use it too; it holds nothing private.
  staff.get("/assets/staff.css", (c) =>
    c.body(STAFF_STYLE, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );
  staffAuthRoutes(staff, store);
  // Before the session guard (installed by the cycle routes): a password-set link has no session.
  staffPasswordSetRoutes(staff, store);
  staffCycleRoutes(staff, store, options.mail ?? null);
  staffAuditRoutes(staff, store);
  staffPasswordRoutes(staff, store);
  ownAccountRoutes(staff, store);
  staffReminderRoutes(staff, store);
  staffDepartmentRoutes(staff, store);
  staffRoadmapRoutes(staff, store);
  staffIndicatorRoutes(staff, store);
  staffStructureRoutes(staff, store);
  staffUploadRoutes(staff, store);
  myUpdatesRoutes(staff, store);
  reviewRoutes(staff, store, options.mail ?? null);
  completionRoutes(staff, store);
  publishRoutes(staff, store);
  staffAccountRoutes(staff, store, options.passwordSetLinkSender);
  staffDepartmentAdminRoutes(staff, store);
  staffTokenRoutes(staff, store);
  return staff;
}
