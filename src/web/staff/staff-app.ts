import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { PasswordSetLinkSender } from "../../commands/accounts/password-set-link-sender.ts";
import type { Store } from "../../store/store.ts";
import { formBody } from "../middleware/form-body.ts";
import { pageContext } from "../routes/page-context.ts";
import { errorPage } from "../views/error-page.ts";
import { staffAccountRoutes } from "./staff-account-routes.ts";
import { staffAuditRoutes } from "./staff-audit-routes.ts";
import { staffAuthRoutes } from "./staff-auth-routes.ts";
import { staffCycleRoutes } from "./staff-cycle-routes.ts";
import { staffDepartmentAdminRoutes } from "./staff-department-admin-routes.ts";
import { staffDepartmentRoutes } from "./staff-department-routes.ts";
import type { StaffEnv } from "./staff-env.ts";
import { loadSession } from "./staff-guard.ts";
import { staffPasswordRoutes } from "./staff-password-routes.ts";
import { staffPasswordSetRoutes } from "./staff-password-set-routes.ts";
import { staffRoadmapRoutes } from "./staff-roadmap-routes.ts";
import { staffTokenRoutes } from "./staff-token-routes.ts";

/**
 * Everything under /staff: signed-in pages for the planning division and the departments.
 * `passwordSetLinkSender`, where mail is configured, also e-mails the password-set links that
 * the account pages show.
 */
export function staffApp(
  store: Store,
  options: { passwordSetLinkSender?: PasswordSetLinkSender } = {},
) {
  const staff = new Hono<StaffEnv>();
  staff.use("*", async (c, next) => {
    await next();
    // Staff pages hold drafts: never kept by a browser or a proxy.
    c.header("Cache-Control", "no-store");
  });
  staff.use(
    "*",
    bodyLimit({
      maxSize: 256 * 1024,
      onError: (c) => {
        const page = pageContext(c);
        return c.html(errorPage(page.lang, page.path, 413), 413);
      },
    }),
  );
  // Read once here: a body that is no readable form is a 400 before any route sees it.
  staff.use("*", formBody());
  staff.use("*", loadSession(store));
  staffAuthRoutes(staff, store);
  // Before the session guard (installed by the cycle routes): a password-set link has no session.
  staffPasswordSetRoutes(staff, store);
  staffCycleRoutes(staff, store);
  staffAuditRoutes(staff, store);
  staffPasswordRoutes(staff, store);
  staffDepartmentRoutes(staff, store);
  staffRoadmapRoutes(staff, store);
  staffAccountRoutes(staff, store, options.passwordSetLinkSender);
  staffDepartmentAdminRoutes(staff, store);
  staffTokenRoutes(staff, store);
  return staff;
}
