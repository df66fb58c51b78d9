import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { saveDraft } from "../../../commands/api/draft-saver.ts";
import { ShinchokuError } from "../../../domain/errors.ts";
import { can } from "../../../domain/staff-policy.ts";
import { loadProgressDraft } from "../../../store/queries/progress-draft-query.ts";
import { openDraftFigures } from "../../../store/queries/progress-figures-query.ts";
import type { Store } from "../../../store/store.ts";
import { requireApiToken } from "../api-auth.ts";
import type { ApiEnv } from "../api-env.ts";
import { problem } from "../api-problem.ts";
import { presentDraft } from "../presenters/draft-presenter.ts";
import { type DraftBody, draftSchema } from "./draft-schema.ts";

const DRAFT = "/v1/plans/:plan/measures/:measure/draft";
/** A narrative is at most a few thousand characters: 64 KiB is plenty. */
const MAX_BODY = 64 * 1024;

/** The draft of a measure in the open period, for a token of the plan's organization. */
async function openDraft(store: Store, c: Context<ApiEnv>) {
  const slug = c.req.param("plan") ?? "";
  const code = c.req.param("measure") ?? "";
  const found = await loadProgressDraft(store.db, slug, code);
  if (!found)
    throw new ShinchokuError("not_found", `取組 ${code} がありません`, { field: "measure" });
  if (!can(c.get("token").actor, "drafts.view", { organizationId: found.plan.organizationId }))
    throw new ShinchokuError("forbidden", "この計画の下書きを見る権限がありません");
  if (found.measure.relisting)
    throw new ShinchokuError("invalid_input", "再掲の取組は、再掲元の取組で編集してください", {
      field: "measure",
    });
  const { period } = found;
  if (!period)
    throw new ShinchokuError("invalid_state", "受付中の報告期がありません", { field: "period" });
  return { ...found, period, figures: await openDraftFigures(store.db, slug, code) };
}

async function readBody(c: Context<ApiEnv>): Promise<DraftBody> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/iu.test(c.req.header("Content-Type") ?? ""))
    throw new ShinchokuError("invalid_input", "Content-Type: application/json で送ってください");
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ShinchokuError("invalid_input", "本文を JSON として読めません");
  }
  const result = draftSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  throw new ShinchokuError(
    "invalid_input",
    `${field ? `${field}: ` : ""}${issue?.message ?? "本文が正しくありません"}`,
    field ? { field } : {},
  );
}

/**
 * `GET` and `PUT /v1/plans/{plan}/measures/{measure}/draft`, behind an API token: read the
 * measure's draft in the open period, and save it (a department's token only for its own
 * measures; a save based on an old `expectedVersion` is refused with 409 and what is stored).
 * Never cached, never offered cross-origin.
 */
export function draftApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.use(DRAFT, async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  api.use(
    DRAFT,
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) => problem(c, "too_large", `本文は${MAX_BODY / 1024}KiB以内にしてください`),
    }),
  );
  api.use(DRAFT, requireApiToken(store));

  api.get(DRAFT, async (c) => c.json(presentDraft(await openDraft(store, c))));

  api.put(DRAFT, async (c) => {
    const body = await readBody(c);
    const actor = c.get("token").actor;
    const slug = c.req.param("plan");
    const code = c.req.param("measure");
    const found = await loadProgressDraft(store.db, slug, code);
    if (!found)
      throw new ShinchokuError("not_found", `取組 ${code} がありません`, { field: "measure" });
    // Refused before the state is looked at, so another department learns nothing of it.
    const target = {
      organizationId: found.plan.organizationId,
      departmentIds: found.measure.departmentIds,
    };
    if (!can(actor, "progress.edit", target))
      throw new ShinchokuError("forbidden", "この取組の進捗状況を編集する権限がありません");
    if (!found.period)
      throw new ShinchokuError("invalid_state", "受付中の報告期がありません", { field: "period" });
    // saveDraft checks all of it again inside its transaction, with the version, and answers
    // with what it stored (read in that transaction, not after it).
    const saved = await saveDraft(store, actor, {
      planSlug: slug,
      asOf: found.period.asOf,
      measureCode: code,
      narrative: body.narrative,
      statusCode: body.statusCode,
      expectedVersion: body.expectedVersion,
      // Left out, the stored figures stay; an empty list removes them.
      ...(body.figures ? { figures: body.figures } : {}),
    });
    return c.json(presentDraft(saved));
  });
}
