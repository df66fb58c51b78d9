import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { layout } from "../layout.ts";
import { STAFF_STYLESHEET, staffBar } from "./staff-frame.ts";

const ROLE_NAMES: Record<string, string> = {
  administrator: "管理者",
  planner: "企画課",
  departmentEditor: "担当課",
  viewer: "閲覧者",
};

/** A staff page in Japanese: the public frame, with who is signed in, the staff menu and a logout button. */
export function staffLayout(page: {
  session: StaffSession | null;
  path: string;
  title: string;
  hasErrors?: boolean;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
  breadcrumbs?: Array<{ href: string; label: string }>;
}) {
  const s = page.session;
  return layout({
    lang: "ja",
    path: page.path,
    title: page.title,
    ...(page.hasErrors ? { titlePrefix: "エラー：" } : {}),
    breadcrumbs: page.breadcrumbs ?? [],
    body: html`${STAFF_STYLESHEET}${s ? staffBar("ja", s, page.path) : ""}${page.body}`,
  });
}

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}
