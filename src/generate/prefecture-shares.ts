/**
 * The 47 prefectures with their number of municipalities (市町村 and Tokyo's 23 special wards,
 * as around 2014): 1,741 in all. The generator spreads its organizations in these proportions;
 * the prefecture code is the first two digits of an organization code.
 */
export interface PrefectureShare {
  code: string;
  name: string;
  municipalities: number;
}

const TABLE = `01 北海道 179|02 青森県 40|03 岩手県 33|04 宮城県 35|05 秋田県 25|06 山形県 35|07 福島県 59|08 茨城県 44|09 栃木県 25|10 群馬県 35|11 埼玉県 63|12 千葉県 54|13 東京都 62|14 神奈川県 33|15 新潟県 30|16 富山県 15|17 石川県 19|18 福井県 17|19 山梨県 27|20 長野県 77|21 岐阜県 42|22 静岡県 35|23 愛知県 54|24 三重県 29|25 滋賀県 19|26 京都府 26|27 大阪府 43|28 兵庫県 41|29 奈良県 39|30 和歌山県 30|31 鳥取県 19|32 島根県 19|33 岡山県 27|34 広島県 23|35 山口県 19|36 徳島県 24|37 香川県 17|38 愛媛県 20|39 高知県 34|40 福岡県 60|41 佐賀県 20|42 長崎県 21|43 熊本県 45|44 大分県 18|45 宮崎県 26|46 鹿児島県 43|47 沖縄県 41`;

export const PREFECTURE_SHARES: readonly PrefectureShare[] = TABLE.split("|").map((row) => {
  const [code = "", name = "", count = "0"] = row.split(" ");
  return { code, name, municipalities: Number(count) };
});

/** 1,741: the full national size. */
export const NATIONAL_MUNICIPALITIES = PREFECTURE_SHARES.reduce((n, p) => n + p.municipalities, 0);
