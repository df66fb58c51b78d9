import { html } from "hono/html";
import { defineMessages, type Lang, t } from "../i18n/messages.ts";
import { layout } from "./layout.ts";

/** The statuses that have a page of their own. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 500;

/** What went wrong, when the status alone does not say it. */
export type ErrorDetail = "unsupportedForm" | "unreadableForm" | "staleForm";

const text = defineMessages(
  {
    title400: "リクエストを処理できません",
    title401: "ログインしてください",
    title403: "この操作はできません",
    title404: "ページが見つかりません",
    title413: "送信された内容が大きすぎます",
    title500: "エラーが発生しました",
    body400:
      "送信された内容を読み取れませんでした。ページを読み込み直して、もう一度お試しください。",
    body401: "この操作にはログインが必要です。",
    body403: "この操作は許可されていません。",
    body404: "お探しのページは見つかりませんでした。URL をお確かめください。",
    body413: "送信された内容が大きすぎます。内容を減らして、もう一度お試しください。",
    body500:
      "申し訳ありません。サーバーでエラーが起きました。時間をおいて、もう一度お試しください。",
    unsupportedForm:
      "この形式の送信は受け付けていません。ページのフォームから送信してください（application/x-www-form-urlencoded または multipart/form-data）。",
    unreadableForm:
      "送信されたフォームの内容が壊れていて読み取れませんでした。ページを読み込み直して、もう一度送信してください。",
    staleForm: "フォームの有効期限が切れたか、正しくない送信です。ページを読み込み直してください。",
  },
  {
    title400: "Bad request",
    title401: "Please sign in",
    title403: "Not allowed",
    title404: "Page not found",
    title413: "What was sent is too large",
    title500: "An error occurred",
    body400: "What was sent could not be read. Please reload the page and try again.",
    body401: "Signing in is needed for this.",
    body403: "This is not allowed.",
    body404: "The page you are looking for was not found. Please check the URL.",
    body413: "What was sent is too large. Please send less and try again.",
    body500: "Sorry, an error occurred on the server. Please try again later.",
    unsupportedForm:
      "This kind of request body is not accepted. Please send the page's own form (application/x-www-form-urlencoded or multipart/form-data).",
    unreadableForm:
      "The form that was sent is damaged and could not be read. Please reload the page and send it again.",
    staleForm: "The form has expired or was not sent from this site. Please reload the page.",
  },
);

/**
 * The page of an error status in the reader's language: a title naming what happened (a 500 is
 * never 「ページが見つかりません」), what to do (`detail`, or the status's own words), a way back.
 * @example c.html(errorPage("ja", c.req.path, 400, "unreadableForm"), 400)
 */
export function errorPage(lang: Lang, path: string, status: ErrorStatus, detail?: ErrorDetail) {
  const title = text(lang, `title${status}`);
  return layout({
    lang,
    path,
    title,
    body: html`<h1>${title}</h1>
<p>${text(lang, detail ?? `body${status}`)}</p>
<p><a href="/">${t(lang, "backToPlans")}</a></p>`,
  });
}
