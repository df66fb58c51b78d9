import type { StaffSession } from "../../commands/auth/session-store.ts";

/** What the staff pages know about a request: its session (null when signed out). */
export type StaffEnv = { Variables: { session: StaffSession | null } };

export const SESSION_COOKIE = "shinchoku_session";
export const LOGIN_CSRF_COOKIE = "shinchoku_login_csrf";
