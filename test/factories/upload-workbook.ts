import writeExcelFile from "write-excel-file/node";

/** A small city workbook for the staff upload: 政策 › 施策 › 事業 with IDs; 所管 is not a heading the suggester knows. */
export const UPLOAD_HEADINGS = [
  "政策",
  "施策",
  "事業番号",
  "事業名",
  "所管",
  "進捗状況",
  "評価",
  "2026年度",
  "概要",
];

export const UPLOAD_ROWS = [
  [
    "安心なまち",
    "防災",
    "0101",
    "防災無線の整備",
    "危機管理課",
    "屋外拡声器を20基更新した",
    "順調",
    "更新",
    "市内全域",
  ],
  [
    "安心なまち",
    "防災",
    "0102",
    "避難所の耐震化",
    "危機管理課",
    "小学校3校の耐震化を終えた",
    "遅れ",
    "設計",
    "小学校",
  ],
  [
    "元気なまち",
    "商業",
    "0201",
    "商店街の活性化",
    "商工課",
    "空き店舗に5店が出店した",
    "順調",
    "支援",
    "中心市街地",
  ],
];

/** The plan the tests name in the mapping form. */
export const UPLOAD_PLAN = { title: "安心と活力の実行計画", asOf: "2026-09-30" };

/** The workbook as bytes, every cell text (IDs like `0101` stay text). */
export async function uploadWorkbook(rows: string[][] = UPLOAD_ROWS): Promise<Uint8Array> {
  const data = [UPLOAD_HEADINGS, ...rows].map((r) => r.map((value) => ({ value, type: String })));
  return new Uint8Array(await writeExcelFile(data as never, { sheet: "事業一覧" }).toBuffer());
}
