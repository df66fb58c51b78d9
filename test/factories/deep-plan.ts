/** The level names of a plan with many levels, top down (the measure is 取組). */
export const DEEP_LEVEL_NAMES = [
  "基本目標",
  "政策",
  "施策",
  "基本事業",
  "事業群",
  "事業",
  "細事業",
];

/**
 * A city's plan of `depth` levels above the measure as CSV (UTF-8): a number column and a name
 * column per level, then 取組ID, 取組, 担当課 and 進捗状況. Two branches at the top (1 and 2),
 * one below each; three measures. Level names and titles say where they stand (`政策 1-1`).
 */
export function deepPlanCsv(
  depth: number,
  titles: (path: string) => string = (p) => p,
): Uint8Array {
  const names = DEEP_LEVEL_NAMES.slice(0, depth);
  const header = [
    ...names.flatMap((n) => [`${n}番号`, `${n}名`]),
    "取組ID",
    "取組",
    "担当課",
    "進捗状況",
  ];
  const row = (top: number, id: string, title: string, department: string, progress: string) => {
    const cells: string[] = [];
    names.forEach((name, i) => {
      const path = [top, ...Array.from({ length: i }, () => 1)].join("-");
      cells.push(String(i === 0 ? top : 1), titles(`${name} ${path}`));
    });
    return [...cells, id, title, department, progress];
  };
  const rows = [
    header,
    row(1, "A-1", "防災訓練の実施", "危機管理課", "年2回実施した"),
    row(1, "A-2", "避難所の整備", "危機管理課", "3か所を整備した"),
    row(2, "B-1", "商店街の支援", "商工課", "補助金を交付した"),
  ];
  const quote = (v: string) => (/[",\n]/u.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return new TextEncoder().encode(`${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`);
}

/** The mapping for `deepPlanCsv(depth)`: every column by its heading. */
export function deepPlanMapping(depth: number, asOf = "2025-03-31") {
  return {
    plan: { title: `${depth}階層の計画`, asOf },
    levels: DEEP_LEVEL_NAMES.slice(0, depth).map((name) => ({
      name,
      number: `${name}番号`,
      title: `${name}名`,
    })),
    measure: { name: "取組", id: "取組ID", title: "取組" },
    department: "担当課",
    progress: "進捗状況",
  };
}
