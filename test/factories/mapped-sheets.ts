import writeExcelFile from "write-excel-file/node";
import { shiftJis } from "../fuzz/shift-jis.ts";
import { editWorkbook } from "./workbook-edits.ts";

export type Value = string | number | null;

const SHEET = "データ集計マクロ用シート";

/** Row 2's headings, with the line breaks and full-width brackets a city's sheet has. */
const HEADINGS = [
  "事務事業\nID",
  "事務事業名",
  "政策番号\n（十の位）",
  "政策番号\n（一の位）",
  "政策名",
  "施策番号\n（十の位）",
  "施策番号\n（一の位）",
  "施策名",
  "部課名",
  "事務事業の概要",
  "根拠法令",
  "活動指標\n合計",
  "令和2年度",
  "R3年度",
  "2022年度",
  "令和５年度",
  "H.36年度",
  "2025",
  "今後の\n方向性",
];

/**
 * Rows out of order, 政策 04 spelled two ways (its first row 「生活環境」, three later rows 「都市環境」), IDs kept as
 * text (`0086`), numbers split over a tens and a ones column, a summary with a line break.
 */
export const PROGRAMME_ROWS: Value[][] = [
  [
    "0120",
    "道路維持事業",
    0,
    4,
    "快適な生活環境の創造",
    0,
    2,
    "道路の整備",
    "土木部道路維持課",
    "市道の維持補修\n舗装の打ち換え",
    "道路法",
    null,
    10,
    11,
    12,
    13,
    14,
    15,
    "改善",
  ],
  [
    "0086",
    "ごみ収集事業",
    0,
    4,
    "快適な都市環境の創造",
    0,
    1,
    "ごみの減量",
    "環境局ごみ対策課",
    "家庭ごみの収集",
    "廃棄物処理法",
    null,
    20,
    21,
    22,
    23,
    24,
    25,
    "現状維持",
  ],
  [
    "0012",
    "子育て支援事業",
    0,
    1,
    "子どもを生かしたまちづくり",
    0,
    1,
    "子育て支援",
    "こども局子ども政策課",
    "相談窓口の運営",
    "児童福祉法",
    3,
    1,
    1,
    1,
    1,
    1,
    1,
    "現状維持",
  ],
  [
    "0087",
    "資源回収事業",
    0,
    4,
    "快適な都市環境の創造",
    0,
    1,
    "ごみの減量",
    "環境局ごみ対策課",
    "資源物の回収",
    "廃棄物処理法",
    4,
    2,
    2,
    2,
    2,
    2,
    2,
    "縮小",
  ],
  [
    "0013",
    "保育所運営事業",
    0,
    1,
    "子どもを生かしたまちづくり",
    0,
    1,
    "子育て支援",
    "こども局保育幼稚園課",
    "市立保育所の運営",
    "児童福祉法",
    5,
    3,
    3,
    3,
    3,
    3,
    3,
    "改善",
  ],
  [
    "0121",
    "橋梁修繕事業",
    0,
    4,
    "快適な都市環境の創造",
    0,
    2,
    "道路の整備",
    "土木部道路維持課",
    "橋の長寿命化",
    "道路法",
    6,
    4,
    4,
    4,
    4,
    4,
    4,
    "現状維持",
  ],
];

/**
 * A 事務事業評価-shaped workbook: a 「調整用」 row above the headings (row 2), an unmapped column
 * of notes, and a formula column (L: L3 with the value Excel stored, L4 without one).
 */
export async function programmeEvaluationWorkbook(
  rows: Value[][] = PROGRAMME_ROWS,
): Promise<Uint8Array> {
  const cell = (v: Value) =>
    v === null ? null : typeof v === "number" ? { value: v } : { value: v, type: String };
  const data = [
    [{ value: "調整用", type: String }, ...HEADINGS.slice(1).map(() => null)],
    HEADINGS.map((h) => ({ value: h, type: String })),
    ...rows.map((r) => r.map(cell)),
  ];
  const xlsx = await writeExcelFile(data as never, { sheet: SHEET }).toBuffer();
  const formulas = [
    { cell: "L3", formula: "SUM(M3:R3)", value: "75" },
    { cell: "L4", formula: "SUM(M4:R4)", value: "" },
  ];
  return editWorkbook(
    new Uint8Array(xlsx),
    "xl/worksheets/sheet1.xml",
    formulas.slice(0, rows.length),
  );
}

/** The mapping a clerk would write for that workbook: columns by letter and by heading. */
export function programmeEvaluationMapping(asOf = "2025-09-22") {
  return {
    sheet: SHEET,
    headerRow: 2,
    plan: { title: "事務事業評価（令和7年度）", asOf },
    levels: [
      { name: "政策", number: ["政策番号(十の位)", "政策番号(一の位)"], title: "E" },
      { name: "施策", number: ["F", "G"], title: "施策名" },
    ],
    measure: { name: "事務事業", id: "A", title: "事務事業名" },
    department: "部課名",
    status: { column: "今後の方向性" },
    fields: {
      事務事業の概要: "J",
      根拠法令: "根拠法令",
      活動指標合計: "L",
      "2020年度": "M",
      "2021年度": "N",
      "2022年度": "O",
      "2023年度": "P",
      "2024年度": "Q",
      "2025年度": "R",
    },
  };
}

/**
 * A city's 総合計画 KPI table as CSV in Shift_JIS: one row per indicator, the goal and the 施策
 * printed once and left blank below (fill-down), values with units and notes in the cell, a
 * direction (↑ 増: ⇗ has no Shift_JIS code) and this year's result (`集計中` where it is not known yet, blank for none).
 */
export function kpiTableCsv(): Uint8Array {
  const rows = [
    [
      "基本目標",
      "施策番号",
      "施策名",
      "指標名【単位】",
      "基準値",
      "目標値",
      "担当課",
      "方向",
      "実績値",
    ],
    [
      "安心して暮らせるまち",
      "11",
      "防災力の向上",
      "自主防災組織の結成率【%】",
      "62.5% (平成20年)",
      "80%",
      "危機管理課",
      "↑",
      "70.2%",
    ],
    ["", "", "", "防災訓練の参加者数【人】", "3,437人", "5,000人", "", "↑", "4,100人"],
    [
      "",
      "12",
      "地域医療の充実",
      "在宅医療の利用者数【人】",
      "1,200人",
      "1,500人",
      "健康福祉課",
      "↑",
      "集計中",
    ],
    [
      "活力あるまち",
      "21",
      "産業の振興",
      "製造品出荷額【百万円】",
      "3,437百万円 (平成20年)",
      "4,000百万円",
      "商工課",
      "↑",
      "3,800百万円",
    ],
    ["", "", "", "新規創業件数【件】", "12件", "20件", "", "増", ""],
  ];
  const quote = (v: string) => (/[",\n]/u.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return shiftJis(`${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`);
}

export function kpiTableMapping() {
  return {
    plan: { title: "第6次総合計画 成果指標", asOf: "2024-03-31" },
    levels: [{ name: "基本目標", title: "基本目標" }],
    measure: { name: "施策", id: "施策番号", title: "施策名" },
    department: "担当課",
    fields: { 指標名: "D", 基準値: "E", 目標値: "F" },
  };
}

/** A prefecture's pledge list as TSV, UTF-8 with a BOM: 分野, No., 政策項目, A/B/C and 部局. */
export function pledgeListTsv(): Uint8Array {
  const rows = [
    ["分野", "No.", "政策項目", "H29評価", "評価理由", "部局"],
    ["くらし", "2", "県立病院の医師確保", "B", "医師数は増えたが\n目標には届かない", "健康福祉部"],
    ["くらし", "1", "子ども医療費の助成拡大", "A", "対象を中学生まで広げた", "健康福祉部"],
    ["しごと", "3", "企業誘致の推進", "C", "誘致件数が伸びない", "商工労働部"],
  ];
  const quote = (v: string) => (/["\t\n]/u.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return new TextEncoder().encode(`\uFEFF${rows.map((r) => r.map(quote).join("\t")).join("\n")}\n`);
}

export function pledgeListMapping() {
  return {
    plan: { title: "知事公約の評価", asOf: "2018-03-31" },
    levels: [
      { name: "分野", title: "分野" },
      { name: "公約", number: "No.", title: "政策項目" },
    ],
    measure: { name: "政策項目", id: "No.", title: "政策項目" },
    department: "部局",
    progress: "評価理由",
    status: {
      column: "H29評価",
      scale: [{ value: "A", status: "completed" }, { value: "B", status: "in_progress" }, "C"],
    },
  };
}

/** The KPI table's indicator columns: each row's indicator, its ⇗ direction and this year's result. */
export function kpiTableIndicatorMapping() {
  return {
    ...kpiTableMapping(),
    plan: {
      title: "第6次総合計画 成果指標",
      asOf: "2024-03-31",
      fiscalYears: { first: 2020, last: 2024 },
    },
    fields: undefined,
    indicators: [
      {
        name: "指標名【単位】",
        kind: "KPI",
        direction: "方向",
        baseline: "基準値",
        finalTarget: "目標値",
        result: "実績値",
      },
    ],
  };
}

export const INDICATOR_SHEET = "事務事業";

/** The headings of the indicator workbook: a column per fiscal year for results and costs. */
export const INDICATOR_HEADINGS = [
  "事務事業ID",
  "事務事業名",
  "施策番号",
  "施策名",
  "活動指標",
  "単位",
  "R2実績",
  "R3実績",
  "R4実績",
  "R5実績",
  "成果指標",
  "方向",
  "基準値",
  "R5目標",
  "R6目標",
  "R5成果実績",
  "事業費R4",
  "事業費R5",
  "施策KPI",
  "施策KPI実績",
] as const;

/** Three 事務事業: activity indicators by year, outcome indicators, costs, and a 施策 KPI on two rows. */
export const INDICATOR_ROWS: Value[][] = [
  [
    "0012",
    "子育て支援事業",
    1,
    "子育て支援",
    "相談件数",
    "件",
    120,
    135,
    "-",
    150.5,
    "利用者満足度【%】",
    "⇗",
    "60.0 (平成30年度)",
    80,
    85,
    "72.5",
    "3,437",
    3500,
    "待機児童数【人】",
    12,
  ],
  [
    "0013",
    "保育所運営事業",
    1,
    "子育て支援",
    "入所児童数",
    "人",
    500,
    510,
    520,
    530,
    "保育士の離職率【%】",
    "⇘",
    10,
    8,
    7,
    9,
    "12,000",
    12500,
    "待機児童数【人】",
    12,
  ],
  [
    "0120",
    "道路維持事業",
    2,
    "道路の整備",
    "補修件数",
    "件",
    30,
    31,
    32,
    "集計中",
    null,
    null,
    null,
    null,
    null,
    null,
    800,
    820,
    null,
    null,
  ],
];

/** The indicator workbook, rows as given (a test changes one cell to make it wrong). */
export async function indicatorWorkbook(rows: Value[][] = INDICATOR_ROWS): Promise<Uint8Array> {
  const cell = (v: Value) =>
    v === null ? null : typeof v === "number" ? { value: v } : { value: v, type: String };
  const data = [
    INDICATOR_HEADINGS.map((h) => ({ value: h, type: String })),
    ...rows.map((r) => r.map(cell)),
  ];
  return new Uint8Array(await writeExcelFile(data as never, { sheet: INDICATOR_SHEET }).toBuffer());
}

/** Its mapping: results by year, an outcome indicator, costs (事業費) and the 施策's KPI. */
export function indicatorWorkbookMapping() {
  return {
    sheet: INDICATOR_SHEET,
    plan: {
      title: "事務事業評価（指標）",
      asOf: "2024-03-31",
      fiscalYears: { first: 2020, last: 2024 },
    },
    levels: [{ name: "施策", number: "施策番号", title: "施策名" }],
    measure: { name: "事務事業", id: "事務事業ID", title: "事務事業名" },
    indicators: [
      {
        name: "活動指標",
        unit: "単位",
        kind: "活動指標",
        result: { "2020": "R2実績", "2021": "R3実績", "2022": "R4実績", "2023": "R5実績" },
      },
      {
        name: "成果指標",
        kind: "成果指標",
        direction: "方向",
        baseline: "基準値",
        target: { "2023": "R5目標", "2024": "R6目標" },
        result: "R5成果実績",
      },
      {
        name: { text: "事業費" },
        unit: { text: "千円" },
        kind: "事業費",
        result: { "2022": "事業費R4", "2023": "事業費R5" },
      },
      { name: "施策KPI", kind: "KPI", result: "施策KPI実績", level: "施策" },
    ] as unknown[],
  };
}
