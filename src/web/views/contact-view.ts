import { html } from "hono/html";
import { type ContactKind, type ContactLine, contactHref } from "../../domain/contact-line.ts";
import type { Lang } from "../i18n/messages.ts";
import { t } from "../i18n/messages.ts";
import { jaAttr } from "./lang-ja.ts";

const LABELS: Record<Lang, Record<ContactKind, string>> = {
  ja: {
    name: "担当",
    address: "所在地",
    phone: "電話",
    fax: "FAX",
    email: "メール",
    url: "ウェブサイト",
    text: "その他",
  },
  en: {
    name: "Office",
    address: "Address",
    phone: "Phone",
    fax: "Fax",
    email: "E-mail",
    url: "Website",
    text: "Note",
  },
};

/**
 * The plan's お問い合わせ先 as an `<address>` with a description list: e-mail as a `mailto:` link,
 * the phone as a `tel:` link, a URL as a link; every value escaped by `html`.
 * @example contactSection("ja", tree.contact)
 */
export function contactSection(lang: Lang, contact: readonly ContactLine[] | null) {
  if (!contact || contact.length === 0) return "";
  return html`<section aria-labelledby="contact"><h2 id="contact">${t(lang, "contact")}</h2>
<address class="contact"><dl>${contact.map(
    (line) => html`<dt>${LABELS[lang][line.kind]}</dt><dd${jaAttr(lang)}>${lineValue(line)}</dd>`,
  )}</dl></address></section>`;
}

function lineValue(line: ContactLine) {
  const href = contactHref(line);
  if (href === null) return line.label ? `${line.label} ${line.value}` : line.value;
  return html`<a href="${href}">${line.label ?? line.value}</a>`;
}
