import type { Context, Hono } from "hono";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { periodDigest } from "../../store/queries/open-drafts-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { todayInTokyo } from "./deadline-text.ts";
import { loadPlanDrafts, planBase } from "./plan-drafts-loader.ts";
import { publishConfirmationPage } from "./publish-confirmation-page.ts";
import type { StaffEnv } from "./staff-env.ts";

type C = Context<StaffEnv>;

/**
 * Publishing with care: `GET /staff/plans/:slug/publish` shows what the publish would publish
 * (and publishes nothing); `POST` publishes only with the digest of that page, so a post
 * without it (an old form, a forged link) is sent to the confirmation, and a period changed
 * since the page was shown is refused and shown again.
 */
export function publishRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const render = async (
    c: C,
    values: { publishedOn: string; unchanged: string },
    errors: Record<string, string> = {},
  ) => {
    const loaded = await loadPlanDrafts(c, store, "period.publish");
    if (loaded instanceof Response) return loaded;
    const { session, data } = loaded;
    return c.html(
      publishConfirmationPage({
        session,
        path: new URL(c.req.url).pathname,
        data,
        digest: data.open ? await periodDigest(store.db, data.open.id) : "",
        values,
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  staff.get("/plans/:slug/publish", (c) =>
    render(c, { publishedOn: c.req.query("publishedOn") ?? todayInTokyo(), unchanged: "" }),
  );

  staff.post("/plans/:slug/publish", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const slug = c.req.param("slug");
    const values = { publishedOn: text("publishedOn"), unchanged: text("unchanged") };
    if (text("digest") === "") {
      // No confirmation seen: show it, publish nothing.
      const date = /^\d{4}-\d{2}-\d{2}$/u.test(values.publishedOn)
        ? `?publishedOn=${values.publishedOn}`
        : "";
      return c.redirect(`${planBase(slug)}/publish${date}`, 303);
    }
    try {
      await publishPeriod(store, session.actor, {
        planSlug: slug,
        asOf: text("asOf"),
        publishedOn: values.publishedOn,
        confirmation: {
          digest: text("digest"),
          unchanged:
            values.unchanged === "mark" || values.unchanged === "block" ? values.unchanged : null,
        },
      });
      return c.redirect(`${planBase(slug)}?notice=published`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.html(forbiddenPage(pageContext(c), session), 403);
      if (!(error instanceof ShinchokuError)) throw error;
      const field =
        error.location.field === "publishedOn" || error.location.field === "unchanged"
          ? error.location.field
          : "publishedOn";
      return render(c, values, { [field]: error.message });
    }
  });
}
