/**
 * The 47 prefectures (都道府県) by their JIS X 0401 code, and the prefecture of a
 * 全国地方公共団体コード: its first two digits are the prefecture's code (熊本市 431001 → 43 熊本県).
 * Pure, no I/O.
 */
import { isOrganizationCode } from "./organization-code.ts";

export interface Prefecture {
  /** JIS X 0401, two digits: "01" (北海道) to "47" (沖縄県). */
  code: string;
  name: string;
  /** The name in English, for the English pages: "Hokkaido", "Kumamoto". */
  nameEn: string;
  /** The 地方 it belongs to (北海道, 東北, 関東, 中部, 近畿, 中国, 四国, 九州・沖縄). */
  region: string;
}

const NAMES: ReadonlyArray<[string, string, string]> = [
  ["北海道", "Hokkaido", "北海道"],
  ["青森県", "Aomori", "東北"],
  ["岩手県", "Iwate", "東北"],
  ["宮城県", "Miyagi", "東北"],
  ["秋田県", "Akita", "東北"],
  ["山形県", "Yamagata", "東北"],
  ["福島県", "Fukushima", "東北"],
  ["茨城県", "Ibaraki", "関東"],
  ["栃木県", "Tochigi", "関東"],
  ["群馬県", "Gunma", "関東"],
  ["埼玉県", "Saitama", "関東"],
  ["千葉県", "Chiba", "関東"],
  ["東京都", "Tokyo", "関東"],
  ["神奈川県", "Kanagawa", "関東"],
  ["新潟県", "Niigata", "中部"],
  ["富山県", "Toyama", "中部"],
  ["石川県", "Ishikawa", "中部"],
  ["福井県", "Fukui", "中部"],
  ["山梨県", "Yamanashi", "中部"],
  ["長野県", "Nagano", "中部"],
  ["岐阜県", "Gifu", "中部"],
  ["静岡県", "Shizuoka", "中部"],
  ["愛知県", "Aichi", "中部"],
  ["三重県", "Mie", "近畿"],
  ["滋賀県", "Shiga", "近畿"],
  ["京都府", "Kyoto", "近畿"],
  ["大阪府", "Osaka", "近畿"],
  ["兵庫県", "Hyogo", "近畿"],
  ["奈良県", "Nara", "近畿"],
  ["和歌山県", "Wakayama", "近畿"],
  ["鳥取県", "Tottori", "中国"],
  ["島根県", "Shimane", "中国"],
  ["岡山県", "Okayama", "中国"],
  ["広島県", "Hiroshima", "中国"],
  ["山口県", "Yamaguchi", "中国"],
  ["徳島県", "Tokushima", "四国"],
  ["香川県", "Kagawa", "四国"],
  ["愛媛県", "Ehime", "四国"],
  ["高知県", "Kochi", "四国"],
  ["福岡県", "Fukuoka", "九州・沖縄"],
  ["佐賀県", "Saga", "九州・沖縄"],
  ["長崎県", "Nagasaki", "九州・沖縄"],
  ["熊本県", "Kumamoto", "九州・沖縄"],
  ["大分県", "Oita", "九州・沖縄"],
  ["宮崎県", "Miyazaki", "九州・沖縄"],
  ["鹿児島県", "Kagoshima", "九州・沖縄"],
  ["沖縄県", "Okinawa", "九州・沖縄"],
];

/** The 47 prefectures in code order, 北海道 first. */
export const PREFECTURES: readonly Prefecture[] = Object.freeze(
  NAMES.map(([name, nameEn, region], i) =>
    Object.freeze({ code: String(i + 1).padStart(2, "0"), name, nameEn, region }),
  ),
);

/**
 * The prefecture with a JIS X 0401 code, or null for anything else ("1", "48", "４３").
 * @example prefectureByCode("43")?.name // "熊本県"
 */
export function prefectureByCode(code: string): Prefecture | null {
  if (!/^\d{2}$/u.test(code)) return null;
  return PREFECTURES[Number(code) - 1] ?? null;
}

/**
 * The prefecture of an organization: the first two digits of its 全国地方公共団体コード. Null
 * when the code is not six digits with the right check digit, or names no prefecture.
 * @example prefectureOf("431001")?.name // "熊本県"
 * @example prefectureOf("130001")?.name // "東京都" (the prefecture itself)
 */
export function prefectureOf(organizationCode: string): Prefecture | null {
  if (!isOrganizationCode(organizationCode)) return null;
  return prefectureByCode(organizationCode.slice(0, 2));
}
