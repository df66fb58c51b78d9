import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { attachFigureToIndicator } from "../../commands/cycle/figure-result-attacher.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { ProgressConflict, saveProgress } from "../../commands/cycle/progress-saver.ts";
import type { ReminderMail } from "../../commands/reminders/reminder-queue.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { can } from "../../domain/staff-policy.ts";
import { toCsv } from "../../export/csv-table.ts";
import { cycleOverview } from "../../store/queries/cycle-overview-query.ts";
import { missingUpdates } from "../../store/queries/missing-updates-query.ts";
import type { Store } from "../../store/store.ts";
import { cyclePage, REVIEW_STATE_NAMES } from "../views/staff/cycle-page.ts";
import { postedIndicatorResults } from "../views/staff/indicator-result-fieldset.ts";
import { staffLayout } from "../views/staff/staff-layout.ts";
import { figureFieldOfRow, figuresToSave, parseFigureRows } from "./figure-form.ts";
import { type MeasurePageState, renderMeasurePage } from "./measure-page.ts";
import type { StaffEnv } from "./staff-env.ts";
import { requireSession } from "./staff-guard.ts";

type C = Context<StaffEnv>;

const todayInTokyo = () =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === "string" ? (body[name] as string) : "";
const pathOf = (c: C) => new URL(c.req.url).pathname;

/** A command's refusal shown on the form: the field it names, or the top of the form. */
function asFieldErrors(error: unknown): Record<string, string> {
  if (error instanceof ShinchokuError && error.id !== "forbidden")
    return { [error.location.field ?? "form"]: error.message };
  throw error;
}

/** The staff side of the reporting cycle: periods, drafts, review, publishing, the missing-updates board. */
export function staffCycleRoutes(
  staff: Hono<StaffEnv>,
  store: Store,
  mail: ReminderMail | null = null,
): void {
  staff.use("*", async (c, next) =>
    c.req.path.startsWith("/staff/login") ? next() : requireSession()(c, next),
  );

  staff.get("/", async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/staff/login", 303);
    const plans = await store.db
      .selectFrom("plan")
      .select(["slug", "title"])
      .where("organization_id", "=", session.actor.organizationId)
      .orderBy("id")
      .execute();
    const mayStructure = can(session.actor, "plan.structure", {
      organizationId: session.actor.organizationId,
    });
    return c.html(
      staffLayout({
        session,
        path: "/staff",
        title: "職員トップ",
        // A department editor's home is their updates; the rest start from the cycle page.
        body: html`<h1>職員トップ</h1><ul>${plans.map((p) => html`<li><a href="/staff/plans/${encodeURIComponent(p.slug)}">${p.title}の進捗報告</a>${session.actor.role === "departmentEditor" ? html`・<a href="/staff/plans/${encodeURIComponent(p.slug)}/my">${session.departmentName ?? ""}の更新</a>` : ""}${mayStructure ? html`・<a href="/staff/plans/${encodeURIComponent(p.slug)}/structure">${p.title}の構成</a>` : ""}</li>`)}</ul>${mayStructure ? html`<p><a href="/staff/new-plan">計画を作成</a></p>` : ""}`,
      }),
    );
  });

  const renderCycle = async (
    c: C,
    errors: Record<string, string> = {},
    values?: { asOf: string; deadline: string; publishedOn: string },
    notice?: string,
  ) => {
    const session = c.get("session");
    const overview = await cycleOverview(store.db, c.req.param("slug") ?? "");
    if (!session || !overview || overview.plan.organization_id !== session.actor.organizationId)
      return c.text("計画が見つかりません", 404);
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return c.html(
      cyclePage({
        session,
        path: pathOf(c),
        overview,
        errors,
        values: values ?? { asOf: "", deadline: "", publishedOn: todayInTokyo() },
        ...(notice ? { notice } : {}),
      }),
      status,
    );
  };
  staff.get("/plans/:slug", (c) =>
    renderCycle(
      c,
      {},
      undefined,
      c.req.query("notice") === "published"
        ? "公表しました。公開サイトに反映されています。"
        : undefined,
    ),
  );

  staff.post("/plans/:slug/periods", async (c) => {
    const session = c.get("session");
    const body = await c.req.parseBody();
    const values = {
      asOf: field(body, "asOf"),
      deadline: field(body, "deadline"),
      publishedOn: todayInTokyo(),
    };
    if (!session) return c.text("ログインしてください", 401);
    try {
      await openPeriod(
        store,
        session.actor,
        {
          planSlug: c.req.param("slug"),
          asOf: values.asOf.trim(),
          deadline: values.deadline.trim() || null,
        },
        new Date(),
        mail,
      );
      return c.redirect(`/staff/plans/${encodeURIComponent(c.req.param("slug"))}`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.text(error.message, 403);
      return renderCycle(c, asFieldErrors(error), values);
    }
  });

  const renderMeasure = (c: C, state: MeasurePageState) => renderMeasurePage(c, store, state);
  staff.get("/plans/:slug/measures/:code", (c) =>
    renderMeasure(c, {
      ...(c.req.query("saved") === "draft"
        ? { notice: "下書きを保存しました。まだ企画課には提出していません。" }
        : c.req.query("saved") === "indicator"
          ? { notice: "数値を指標の実績値として保存しました。" }
          : c.req.query("saved")
            ? { notice: "保存しました。企画課の確認を待っています。" }
            : {}),
    }),
  );

  staff.post("/plans/:slug/measures/:code", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const body = await c.req.parseBody();
    const rows = parseFigureRows(body);
    const indicators = postedIndicatorResults(body);
    const values = {
      narrative: field(body, "narrative"),
      statusCode: field(body, "statusCode"),
      version: Number(field(body, "version")) || 0,
      figures: rows ?? [],
      ...(indicators ? { indicators } : {}),
    };
    // A form without the 「数値」 rows (an older page) leaves the stored figures as they are.
    const toSave = rows === null ? null : figuresToSave(rows);
    // 「下書き保存」 keeps the draft to the department; 「保存して確認に回す」 submits it.
    const asDraft = field(body, "intent") === "draft";
    const slug = c.req.param("slug");
    const asOf = (await cycleOverview(store.db, slug))?.open?.as_of;
    if (!asOf)
      return renderMeasure(c, { values, errors: { narrative: "受付中の報告期がありません" } });
    try {
      await saveProgress(store, session.actor, {
        planSlug: slug,
        asOf,
        measureCode: c.req.param("code"),
        narrative: values.narrative,
        statusCode: values.statusCode || null,
        expectedVersion: values.version,
        ...(toSave ? { figures: toSave.figures } : {}),
        ...(indicators
          ? {
              indicatorResults: Object.entries(indicators).map(([code, text]) => ({ code, text })),
            }
          : {}),
        submit: !asDraft,
      });
      return c.redirect(
        `/staff/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(c.req.param("code"))}?saved=${asDraft ? "draft" : "1"}`,
        303,
      );
    } catch (error) {
      if (error instanceof ProgressConflict) {
        // Keep what the person typed; the next save is made on top of the version they have now seen.
        return renderMeasure(c, {
          values: { ...values, version: error.current.version },
          errors: { narrative: error.message },
          conflict: error.current,
        });
      }
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.text(error.message, 403);
      const errors = asFieldErrors(error);
      return renderMeasure(c, {
        values,
        errors: Object.fromEntries(
          Object.entries(errors).map(([f, m]) => [figureFieldOfRow(f, toSave?.rowIndex ?? []), m]),
        ),
      });
    }
  });

  // A confirmed figure stored as one of the measure's indicators' results, in one step.
  staff.post("/plans/:slug/measures/:code/figure-results", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const body = await c.req.parseBody();
    const figure = Number.parseInt(field(body, "figure"), 10);
    const attach = {
      figure: Number.isInteger(figure) ? figure : 0,
      indicator: field(body, "indicator"),
    };
    const slug = c.req.param("slug");
    const code = c.req.param("code");
    const asOf = (await cycleOverview(store.db, slug))?.open?.as_of;
    if (!asOf)
      return renderMeasure(c, {
        attach,
        errors: {
          [`attach.${attach.figure}.indicator`]: "受付中の報告期がないため、実績値を保存できません",
        },
      });
    try {
      await attachFigureToIndicator(store, session.actor, {
        planSlug: slug,
        asOf,
        measureCode: code,
        indicatorCode: attach.indicator,
        value: field(body, "value"),
        field: `attach.${attach.figure}`,
      });
      return c.redirect(
        `/staff/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(code)}?saved=indicator`,
        303,
      );
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.text(error.message, 403);
      return renderMeasure(c, { attach, errors: asFieldErrors(error) });
    }
  });

  staff.post("/plans/:slug/measures/:code/review", async (c) => {
    const session = c.get("session");
    if (!session) return c.text("ログインしてください", 401);
    const body = await c.req.parseBody();
    const slug = c.req.param("slug");
    const asOf = (await cycleOverview(store.db, slug))?.open?.as_of ?? "";
    try {
      await reviewProgress(
        store,
        session.actor,
        {
          planSlug: slug,
          asOf,
          measureCode: c.req.param("code"),
          decision: field(body, "decision") === "return" ? "return" : "accept",
          comment: field(body, "comment"),
          expectedVersion: Number(field(body, "version")) || 0,
        },
        new Date(),
        mail,
      );
      return c.redirect(`/staff/plans/${encodeURIComponent(slug)}`, 303);
    } catch (error) {
      if (error instanceof ShinchokuError && error.id === "forbidden")
        return c.text(error.message, 403);
      return renderMeasure(c, { errors: asFieldErrors(error), comment: field(body, "comment") });
    }
  });

  const board = async (c: C) => {
    const session = c.get("session");
    const slug = c.req.param("slug") ?? "";
    const plan = await store.db
      .selectFrom("plan")
      .select(["organization_id", "title"])
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (
      !session ||
      !plan ||
      !can(session.actor, "board.view", { organizationId: plan.organization_id })
    )
      return null;
    return { session, slug, plan, board: await missingUpdates(store.db, slug) };
  };
  staff.get("/plans/:slug/board", async (c) => {
    const b = await board(c);
    if (!b) return c.text("見つかりません", 404);
    const groups = new Map<string, NonNullable<typeof b.board>["rows"]>();
    for (const r of b.board?.rows ?? [])
      groups.set(r.department ?? "担当課未設定", [
        ...(groups.get(r.department ?? "担当課未設定") ?? []),
        r,
      ]);
    return c.html(
      staffLayout({
        session: b.session,
        path: pathOf(c),
        title: "未更新の取組",
        breadcrumbs: [
          { href: "/staff", label: "職員トップ" },
          { href: `/staff/plans/${encodeURIComponent(b.slug)}`, label: "進捗報告" },
        ],
        body: b.board
          ? html`<h1>未更新の取組</h1><p>基準日 ${b.board.asOf}・締切 ${b.board.deadline ?? "未設定"}・${b.board.rows.length}件・<a href="/staff/plans/${encodeURIComponent(b.slug)}/board.csv">CSV</a></p>
${[...groups].map(([dept, rows]) => html`<h2>${dept}（${rows.length}件）</h2><ul>${rows.map((r) => html`<li>No.${r.itemNumber ?? ""} <a href="/staff/plans/${encodeURIComponent(b.slug)}/measures/${r.measureCode}">${r.measureTitle}</a>（${REVIEW_STATE_NAMES[r.reviewState] ?? r.reviewState}${r.reviewComment ? `: ${r.reviewComment}` : ""}）</li>`)}</ul>`)}`
          : html`<h1>未更新の取組</h1><p>受付中の報告期はありません。</p>`,
      }),
    );
  });
  staff.get("/plans/:slug/board.csv", async (c) => {
    const b = await board(c);
    if (!b?.board) return c.text("受付中の報告期はありません", 404);
    const csv = toCsv(
      ["基準日", "締切日", "担当課", "項目番号", "取組ID", "取組", "状態", "差戻しの理由"],
      b.board.rows.map((r) => [
        b.board?.asOf ?? "",
        b.board?.deadline ?? null,
        r.department,
        r.itemNumber,
        r.measureCode,
        r.measureTitle,
        REVIEW_STATE_NAMES[r.reviewState] ?? r.reviewState,
        r.reviewComment,
      ]),
    );
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="missing-updates-${b.board.asOf}.csv"`,
      "Cache-Control": "no-store",
    });
  });
}
