import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ProgressConflict } from "../../commands/cycle/progress-saver.ts";
import { type ErrorId, ShinchokuError } from "../../domain/errors.ts";

/**
 * Problem types are URNs (RFC 9457 allows any URI): `urn:shinchoku:problem:not_found`. They are
 * stable names, not addresses; docs/api.md lists them. The part after the base is the
 * ShinchokuError id, or one of the HTTP-only types below.
 */
export const PROBLEM_TYPE_BASE = "urn:shinchoku:problem:";

export type ProblemType = ErrorId | "too_large" | "server_error";

/** Each problem type's HTTP status and title. */
export const PROBLEM_TYPES: Record<ProblemType, { status: ContentfulStatusCode; title: string }> = {
  invalid_input: { status: 400, title: "入力が正しくありません" },
  invalid_report: { status: 400, title: "報告書を読めません" },
  duplicate_item: { status: 409, title: "項目が重複しています" },
  duplicate_period: { status: 409, title: "報告期が重複しています" },
  unknown_relisting_source: { status: 400, title: "再掲元が見つかりません" },
  not_found: { status: 404, title: "見つかりません" },
  conflict: { status: 409, title: "他の保存と衝突しました" },
  forbidden: { status: 403, title: "権限がありません" },
  unauthenticated: { status: 401, title: "認証が必要です" },
  throttled: { status: 429, title: "しばらくしてからお試しください" },
  invalid_state: { status: 409, title: "今はできない操作です" },
  invalid_config: { status: 500, title: "サーバーの設定に誤りがあります" },
  too_large: { status: 413, title: "送信された内容が大きすぎます" },
  server_error: { status: 500, title: "サーバーでエラーが起きました" },
};

/**
 * An `application/problem+json` response (RFC 9457): `type`, `title`, `status`, `detail` and
 * `instance` (the request's path and query), with extension members when given.
 * @example return problem(c, "not_found", "計画 431001-9 がありません");
 */
export function problem(
  c: Context,
  type: ProblemType,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const { status, title } = PROBLEM_TYPES[type];
  const url = new URL(c.req.url);
  const body = {
    type: `${PROBLEM_TYPE_BASE}${type}`,
    title,
    status,
    detail,
    instance: `${url.pathname}${url.search}`,
    ...extensions,
  };
  return c.body(JSON.stringify(body), status, {
    "Content-Type": "application/problem+json; charset=utf-8",
    "Cache-Control": "no-store",
    ...headers,
  });
}

/** The problem response for anything a handler threw: a ShinchokuError by its id, else 500. */
export function problemOf(c: Context, error: unknown): Response {
  if (error instanceof ProgressConflict)
    return problem(c, "conflict", error.message, { field: "narrative", current: error.current });
  if (error instanceof ShinchokuError) {
    const field = error.location.field;
    const headers: Record<string, string> =
      error.id === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="shinchoku"' } : {};
    return problem(c, error.id, error.message, field ? { field } : {}, headers);
  }
  console.error(error);
  return problem(c, "server_error", "サーバーでエラーが起きました。時間をおいてお試しください");
}
