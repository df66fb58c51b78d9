import { html } from "hono/html";
import type { Lang } from "../i18n/messages.ts";

/**
 * Content from the store (titles, names, narratives) is Japanese whatever the page's language:
 * on an English page it is wrapped in `<span lang="ja">`, so screen readers read it in Japanese
 * (JIS X 8341-3 / WCAG 3.1.2, language of parts). On a Japanese page it is left as it is.
 * @example ja("en", "保育園") // <span lang="ja">保育園</span>
 */
export function ja(lang: Lang, content: unknown) {
  return lang === "en" ? html`<span lang="ja">${content}</span>` : html`${content}`;
}

/** The attribute for an element whose content is Japanese: ` lang="ja"` on English pages. */
export function jaAttr(lang: Lang) {
  return lang === "en" ? html` lang="ja"` : "";
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A text that may be either UI text or data (a breadcrumb, a page title): on an English page it
 * is marked `lang="ja"` when it holds Japanese script (kanji, hiragana, katakana).
 * @example jaText("en", "Plans") // Plans
 * @example jaText("en", "挑戦元年アクションプラン") // <span lang="ja">挑戦元年アクションプラン</span>
 */
export function jaText(lang: Lang, text: string) {
  return lang === "en" && JAPANESE.test(text) ? html`<span lang="ja">${text}</span>` : text;
}

/**
 * A UI text with `{name}` placeholders filled, where the values named in `japanese` (a query
 * typed, an organization's name) are marked `lang="ja"` on an English page when they hold
 * Japanese script. Everything is escaped.
 * @example fillJa("en", "Measures matching “{query}”", { query: "保育" }, ["query"])
 */
export function fillJa(
  lang: Lang,
  template: string,
  values: Record<string, string | number>,
  japanese: readonly string[],
) {
  const parts = template.split(/(\{\w+\})/u).map((part) => {
    const name = /^\{(\w+)\}$/u.exec(part)?.[1];
    if (name === undefined || !(name in values)) return part;
    const value = String(values[name]);
    return japanese.includes(name) ? jaText(lang, value) : value;
  });
  return html`${parts}`;
}

/** ` lang="ja"` for an element whose text (an attribute-only element: `<option>`) is Japanese on an English page. */
export function jaAttrFor(lang: Lang, text: string) {
  return lang === "en" && JAPANESE.test(text) ? html` lang="ja"` : "";
}

const JAPANESE_RUN =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+(?:[\s、。・「」（）]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+)*)/u;

/**
 * An English text quoting Japanese words ("Search results in a plan (保育)"): on an English page
 * each run of Japanese script is marked `lang="ja"`, the rest stays English.
 * @example jaRuns("en", "Results (保育)") // Results (<span lang="ja">保育</span>)
 */
export function jaRuns(lang: Lang, text: string) {
  if (lang !== "en") return text;
  return html`${text.split(JAPANESE_RUN).map((part, i) => (i % 2 === 1 ? html`<span lang="ja">${part}</span>` : part))}`;
}
