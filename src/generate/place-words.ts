import type { GeneratedOrganization } from "./organization-generator.ts";
import { PREFECTURE_SHARES } from "./prefecture-shares.ts";

/**
 * Make the model's text speak of the generated organization: 熊本市 becomes its name, 熊本 and
 * くまもと its name without 市町村, 熊本県 its prefecture.
 * @example localizer({ code: "012017", name: "高岡市", prefectureCode: "01" })("くまもと都市圏") // "高岡都市圏"
 */
export function localizer(org: GeneratedOrganization): (text: string) => string {
  const prefecture = PREFECTURE_SHARES.find((p) => p.code === org.prefectureCode)?.name ?? "県";
  const stem = org.name.slice(0, -1);
  return (text) =>
    text.includes("熊本") || text.includes("くまもと")
      ? text
          .replaceAll("熊本県", prefecture)
          .replaceAll("熊本市", org.name)
          .replaceAll("熊本", stem)
          .replaceAll("くまもと", stem)
      : text;
}
