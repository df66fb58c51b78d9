import { decodeContact } from "../../domain/contact-line.ts";
import { eraOf } from "../../domain/era.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import type { GroupDraft, ItemDraft, MeasureDraft, PlanDraft } from "../../domain/plan-draft.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { type ClassifiedLine, classifyCells, classifyLine } from "./line-classifier.ts";
import { readMeasureRow, readMeasureTitle } from "./measure-row.ts";
import { resolveRelistings } from "./relisting-resolver.ts";
import { isSpaceAligned, readSpaceAligned } from "./space-aligned-text.ts";
import { columnsKey, readTableHeader } from "./table-header.ts";
import { readTableOfContents, type TocSection } from "./table-of-contents.ts";
import { readTitlePage } from "./title-page.ts";

interface Line {
  line: number;
  text: string;
  parsed: ClassifiedLine;
}

/**
 * Read the report-text format (a progress report's table as extracted from its PDF, cells
 * separated by tabs; see docs/report-text-format.md) into a plan draft and an import report.
 *
 * @example
 * const { draft, report } = readReportText(lines, "report.txt");
 * draft.pillars.length // 3 for the model report
 * @throws ShinchokuError naming the file and line when the text has no recognizable structure.
 */
export function readReportText(rawLines: string[], file: string) {
  const report = new ImportReportBuilder(file);
  const fail = (line: number, message: string, field?: string): never => {
    throw new ShinchokuError("invalid_report", message, { file, line, field });
  };
  let lines: Line[] = rawLines.map((text, i) => ({
    line: i + 1,
    text,
    parsed: classifyLine(text),
  }));
  if (!lines.some((l) => l.parsed.kind === "table-header") && isSpaceAligned(rawLines)) {
    report.info(
      null,
      "space-aligned-text",
      "タブ区切りの見出し行がないため、空白で桁を揃えたテキストとして列の位置で読みました",
    );
    lines = readSpaceAligned(rawLines, fail).map(({ line, text, cells }) => ({
      line,
      text,
      parsed: cells ? classifyCells(cells) : classifyLine(text),
    }));
  }

  const firstHeader = lines.find((l) => l.parsed.kind === "table-header");
  if (firstHeader?.parsed.kind !== "table-header") {
    return fail(
      1,
      "表の見出し行（「項目」「進捗状況」の列）が見つかりません: 行程表の進捗報告の形式ではありません",
    );
  }
  // A text line right before a table header is the repeated page title.
  const pageTitles = new Set<string>();
  const titleBefore = (header: number): number | null => {
    let j = header - 1;
    while (j >= 0 && lines[j]?.parsed.kind === "blank") j--;
    return lines[j]?.parsed.kind === "text" ? j : null;
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.parsed.kind !== "table-header") continue;
    const before = lines[titleBefore(i) ?? -1]?.parsed;
    if (before?.kind === "text") pageTitles.add(before.text);
  }

  // The title page: everything before the table of contents or the first table's page title.
  // The cover may print the same words as the page title: it ends at the first table, not at
  // the first line that reads like a page title.
  const tocStart = lines.findIndex((l) => l.parsed.kind === "toc-heading");
  const headerAt = lines.indexOf(firstHeader);
  const firstTable = titleBefore(headerAt) ?? headerAt;
  const titleEnd = tocStart >= 0 && tocStart < firstTable ? tocStart : firstTable;
  const titlePage = readTitlePage(lines.slice(0, titleEnd), firstHeader.parsed.cells, fail);
  for (const l of lines.slice(0, titleEnd)) {
    // The cover page is read into the plan's title and the period's dates; the report keeps it as printed.
    if (l.parsed.kind !== "blank") report.dropped(l.line, "title-page", l.text.trim());
  }

  const era = eraOf(titlePage.asOf).era;
  const table = readTableHeader(firstHeader.parsed.cells, firstHeader.line, era, fail);
  let fiscalYears = table.fiscalYears;
  if (fiscalYears.length === 0) {
    // A table without roadmap columns (a list of ratings): the plan spans the year reported on.
    fiscalYears = [fiscalYearOf(titlePage.asOf)];
    report.info(
      firstHeader.line,
      "no-fiscal-year-columns",
      `表に年度の列がないため、計画の年度を基準日 ${titlePage.asOf} の年度（${fiscalYears[0]}）としました`,
    );
  }

  const toc =
    tocStart >= 0 && tocStart < firstTable
      ? readTableOfContents(
          lines.slice(tocStart + 1, firstTable).map(({ line, text }) => ({ line, text })),
        )
      : { sections: [] as TocSection[], unread: [] };
  if (tocStart >= 0 && tocStart < firstTable) {
    for (const l of lines.slice(tocStart, firstTable)) {
      if (l.parsed.kind !== "blank") report.dropped(l.line, "table-of-contents", l.text.trim());
    }
  }
  for (const u of toc.unread)
    report.warn(u.line, "unrecognized-toc-line", `目次の行を読めません: ${u.text.trim()}`);
  if (toc.sections.length === 0) {
    report.warn(
      null,
      "no-table-of-contents",
      "目次がないため、柱の名前は分かりません（①で始まる区分ごとに柱を分けました）",
    );
  }

  const pillars: GroupDraft[] = [];
  const itemsByNumber = new Map<number, ItemDraft>();
  let section = -1;
  let category: GroupDraft | null = null;
  let item: ItemDraft | null = null;
  const contact: string[] = [];
  let contactLine: number | null = null;

  const openSection = (at: Line): GroupDraft => {
    section++;
    const s = toc.sections[section];
    if (toc.sections.length > 0 && !s) {
      return fail(
        at.line,
        `区分の番号が①に戻りましたが、目次には ${toc.sections.length} 節しかありません`,
      );
    }
    const pillarInfo = s?.pillar ?? {
      number: section + 1,
      label: String(section + 1),
      title: `柱${section + 1}`,
    };
    let pillar = pillars.find((p) => p.number === pillarInfo.number);
    if (!pillar) {
      pillar = { level: "pillar", ...pillarInfo, line: null, children: [], items: [] };
      pillars.push(pillar);
    }
    if (!s?.area) return pillar;
    const area: GroupDraft = { level: "area", ...s.area, line: null, children: [], items: [] };
    pillar.children.push(area);
    return area;
  };
  let parent: GroupDraft | null = null;

  for (const l of lines.slice(firstTable)) {
    const p = l.parsed;
    switch (p.kind) {
      case "blank":
      case "toc-heading":
        break;
      case "table-header":
        if (columnsKey(readTableHeader(p.cells, l.line, era, fail)) !== columnsKey(table)) {
          fail(l.line, `表の見出しの列が最初の見出し行（${firstHeader.line} 行目）と異なります`);
        }
        report.dropped(l.line, "table-header", l.text.trim());
        break;
      case "category": {
        if (p.number === 1 || !parent) {
          if (p.number !== 1)
            report.warn(l.line, "category-out-of-order", `区分 ${p.label} が①より前にあります`);
          parent = openSection(l);
        } else {
          const last = parent.children.at(-1);
          if (last && p.number !== last.number + 1) {
            report.warn(
              l.line,
              "category-out-of-order",
              `区分 ${p.label} が ${last.label} の次にあります`,
            );
          }
        }
        for (const label of p.before) report.dropped(l.line, "merged-label", label);
        category = {
          level: "category",
          number: p.number,
          label: p.label,
          title: p.title,
          line: l.line,
          children: [],
          items: [],
        };
        parent.children.push(category);
        item = null;
        break;
      }
      case "item":
      case "unnumbered-item": {
        if (!category) return fail(l.line, "区分より前に項目があります");
        if (p.kind === "item") {
          const seen = itemsByNumber.get(p.number);
          if (seen)
            fail(l.line, `項目番号 ${p.number} が ${seen.line} 行目と重複しています`, "項目番号");
          const numbers = [...itemsByNumber.keys()];
          const last = numbers.length > 0 ? Math.max(...numbers) : 0;
          if (p.number !== last + 1) {
            report.warn(
              l.line,
              "item-number-gap",
              `項目番号 ${p.number} の前は ${last} です（番号の飛び・逆順）`,
            );
          }
          for (const label of p.before) report.dropped(l.line, "merged-label", label);
        }
        item = {
          number: p.kind === "item" ? p.number : null,
          label: p.label,
          // An unnumbered item may carry its re-listing mark, as our own report PDF prints it
          // (イ. 題名【No.38再掲】): the mark is not part of the title.
          title: p.kind === "item" ? p.title : readMeasureTitle(p.title).title,
          line: l.line,
          relistingOfItemNumber: null,
          measures: [],
        };
        if (item.number !== null) itemsByNumber.set(item.number, item);
        category.items.push(item);
        break;
      }
      case "row": {
        if (!item) return fail(l.line, "項目より前に取組の行があります");
        const measures: MeasureDraft[] = readMeasureRow(p.cells, l.line, table, report, fail);
        item.measures.push(...measures);
        break;
      }
      case "pillar-label":
        report.dropped(l.line, "pillar-label", l.text.trim());
        break;
      case "area-label":
        report.dropped(l.line, "area-label", l.text.trim());
        break;
      case "contact":
        contactLine ??= l.line;
        contact.push(p.text);
        break;
      case "text":
        if (pageTitles.has(p.text)) report.dropped(l.line, "page-title", p.text);
        else if (contact.length > 0) contact.push(p.text);
        else report.warn(l.line, "unrecognized-line", `表の外の文を読み飛ばしました: ${p.text}`);
        break;
    }
  }

  if (itemsByNumber.size === 0) fail(firstHeader.line, "番号付きの項目が一つもありません");
  if (toc.sections.length > 0 && section + 1 < toc.sections.length) {
    report.warn(
      null,
      "missing-sections",
      `目次の ${toc.sections.length} 節のうち ${section + 1} 節しか表にありません`,
    );
  }

  // The contact is kept as lines of data; the import report keeps it as printed, to check against.
  const contactLines = contact.length > 0 ? decodeContact(contact.join("\n")) : null;
  if (contactLines) {
    report.info(
      contactLine,
      "contact",
      `お問い合わせ先「${contact.join(" ")}」を ${contactLines.length} 項目（${contactLines.map((l) => l.kind).join("、")}）として読みました`,
    );
  }
  const draft: PlanDraft = {
    title: titlePage.planTitle,
    contact: contactLines,
    levels: [
      { key: "pillar", name: "柱" },
      ...(pillars.some((p) => p.children.some((c) => c.level === "area"))
        ? [{ key: "area" as const, name: "分野" }]
        : []),
      { key: "category", name: "区分" },
      { key: "item", name: "項目" },
      { key: "measure", name: "取組" },
    ],
    fiscalYears,
    period: { asOf: titlePage.asOf, publishedOn: titlePage.publishedOn },
    pillars,
  };
  resolveRelistings(draft, report);
  return { draft, report };
}
