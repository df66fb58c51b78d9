import { parseIsoDate } from "../../domain/era.ts";
import type { Prefecture } from "../../domain/prefecture.ts";
import { dateText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import { nationalText, nationalTextWith } from "./national-text.ts";

/** An organization's page: its stable URL is its 6-digit code. */
export const organizationHref = (code: string) => `/orgs/${encodeURIComponent(code)}`;

/** A prefecture's section of the national index. */
export const prefectureAnchor = (code: string | null) => `pref-${code ?? "other"}`;

/** A prefecture's name in the reader's language; "その他" for an organization without one. */
export function prefectureName(lang: Lang, prefecture: Prefecture | null): string {
  if (!prefecture) return nationalText(lang, "otherPrefecture");
  return lang === "en" ? prefecture.nameEn : prefecture.name;
}

/** 平成25年9月末時点（2013年9月30日）, or 公表前 when nothing is published yet. */
export function latestAsOfLabel(lang: Lang, asOf: string | null): string {
  if (asOf === null) return nationalText(lang, "notPublished");
  const { year, month, day } = parseIsoDate(asOf);
  return nationalTextWith(lang, "latestAsOf", {
    date: dateText(lang, asOf),
    iso: lang === "ja" ? `${year}年${month}月${day}日` : asOf,
  });
}
