/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 uses) of every API response, for
 * `components.schemas` of the OpenAPI document. Objects are closed (`additionalProperties` or
 * `unevaluatedProperties` false), so a presenter that adds a member without documenting it
 * fails the contract tests.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const orNull = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });
/** A closed object whose every member is required. */
const obj = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
const str = (description?: string): Schema => ({
  type: "string",
  ...(description ? { description } : {}),
});
const int = (description?: string): Schema => ({
  type: "integer",
  ...(description ? { description } : {}),
});
const bool: Schema = { type: "boolean" };
const list = (items: Schema): Schema => ({ type: "array", items });
const isoDate: Schema = { type: "string", format: "date", description: "ISO 8601 の日付（西暦）" };
const path: Schema = { type: "string", format: "uri-reference" };
const paging = {
  total: int("条件に合う件数"),
  page: int("このページの番号（1から）"),
  perPage: int("1ページの件数"),
  pageCount: int("ページ数（0件でも1）"),
};

const problemFields: Record<string, Schema> = {
  type: { type: "string", format: "uri", examples: ["urn:shinchoku:problem:not_found"] },
  title: str("問題の種類の見出し"),
  status: int("HTTP ステータス"),
  detail: str("この問題の説明（日本語）"),
  instance: path,
  field: str("問題のある入力項目（あるとき）"),
};

export const SCHEMAS: Record<string, Schema> = {
  Problem: {
    type: "object",
    description: "RFC 9457 の problem details。type は urn:shinchoku:problem:<id>",
    additionalProperties: false,
    required: ["type", "title", "status", "detail", "instance"],
    properties: problemFields,
  },
  ConflictProblem: {
    type: "object",
    description: "版の衝突（409）: いま保存されている内容を current に返す",
    additionalProperties: false,
    required: ["type", "title", "status", "detail", "instance", "current"],
    properties: {
      ...problemFields,
      current: obj({
        narrative: str(),
        statusCode: orNull(str()),
        version: int(),
        updatedBy: orNull(str()),
        updatedAt: { type: "string", format: "date-time" },
        figures: list(ref("Figure")),
      }),
    },
  },
  Figure: obj(
    {
      value: { type: "number" },
      total: orNull({
        type: "number",
        exclusiveMinimum: 0,
        description: "全体の数（35電停中19電停の35）",
      }),
      unit: orNull(str("単位（電停、人、m…）")),
      qualifier: orNull({ enum: ["約", "以上", "以下", "未満", "超", "程度", "余"] }),
      text: str("本文での表記（手で追加した数値は空）"),
    },
    "担当課が確定した数値（進捗状況の本文から）",
  ),
  OrganizationCode: {
    type: "string",
    pattern: "^[0-9]{6}$",
    description: "全国地方公共団体コード（6桁、検査数字つき、ゼロ埋めの文字列）",
  },
  OrganizationRef: obj({ code: ref("OrganizationCode"), name: str() }),
  Organization: obj({
    code: ref("OrganizationCode"),
    name: str(),
    planCount: int(),
    links: obj({ plans: path }),
  }),
  OrganizationList: obj({ total: int(), items: list(ref("Organization")) }),
  PlanLinks: obj({ self: path, tree: path, periods: path, measures: path, search: path }),
  FiscalYears: { ...list(int()), description: "年度（開始する西暦年: 2013 = 平成25年度）" },
  PlanListItem: obj({
    id: str("計画の ID（URL の {plan}）"),
    title: str(),
    organization: ref("OrganizationRef"),
    fiscalYears: ref("FiscalYears"),
    latestPeriod: orNull(isoDate),
    links: ref("PlanLinks"),
  }),
  PlanPage: obj({ ...paging, items: list(ref("PlanListItem")) }),
  Status: obj({ code: str(), name: str() }, "計画の状況区分"),
  StatusSource: {
    enum: ["confirmed", "suggested", null],
    description:
      "状況区分の判定: confirmed は市（担当課）が確定したもの、suggested は本文の語句から自動判定したもの（市の判断ではない）。状況区分がなければ null",
  },
  StatusSuggestion: orNull({
    ...obj({
      label: { const: "本文から自動判定" },
      words: list(str("判定の根拠になった本文の語句")),
    }),
    description: "自動判定した状況区分のラベルと根拠の語句（確定した状況区分では null）",
  }),
  ContactLine: {
    type: "object",
    description:
      "お問い合わせ先の一行: 担当（name）、所在地（address）、電話（phone）、FAX（fax）、メール（email、mailto: なし）、URL（url、http/https）、その他（text）",
    additionalProperties: false,
    required: ["kind", "value"],
    properties: {
      kind: { enum: ["name", "address", "phone", "fax", "email", "url", "text"] },
      value: str(),
      label: str("リンクの表示文字列（value と異なるときのみ）"),
    },
  },
  Level: obj({
    key: { enum: ["pillar", "area", "category", "item", "measure"] },
    name: str(),
  }),
  Period: obj({
    asOf: isoDate,
    fiscalYear: int("基準日が属する年度"),
    publishedOn: orNull({ type: "string", pattern: "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$" }),
  }),
  PeriodList: obj({ total: int(), items: list(ref("Period")) }),
  PlanSummary: obj({
    id: str(),
    title: str(),
    organization: ref("OrganizationRef"),
    fiscalYears: ref("FiscalYears"),
    contact: orNull(list(ref("ContactLine"))),
    levels: list(ref("Level")),
    statuses: list(ref("Status")),
    periods: list(ref("Period")),
    latestPeriod: orNull(isoDate),
    counts: obj({
      items: int(),
      measures: int("再掲を除く取組の数"),
      relistings: int(),
      byStatus: list(
        obj({
          code: orNull(str()),
          name: str(),
          count: int("確定した状況区分の数"),
          suggested: int("本文から自動判定した状況区分の数（確定とは別に数える）"),
        }),
      ),
    }),
    links: ref("PlanLinks"),
  }),
  RoadmapEntry: obj({
    fiscalYear: int(),
    text: str("印刷されたとおりのセル（⇒、— を含む）"),
    continued: bool,
    none: bool,
    activity: orNull(str("⇒ を解決した実際の取組内容")),
  }),
  PlanJson: obj(
    {
      format: { const: "shinchoku-plan/1" },
      organization: ref("OrganizationRef"),
      plan: obj({
        id: str(),
        title: str(),
        fiscalYears: ref("FiscalYears"),
        contact: orNull(list(ref("ContactLine"))),
      }),
      levels: list(ref("Level")),
      statuses: list(ref("Status")),
      periods: list(ref("TreePeriod")),
      period: orNull(ref("TreePeriod")),
      pillars: list(ref("TreeGroup")),
      indicatorKinds: list(str()),
      scoreBands: list(ref("ScoreBand")),
      indicators: list(ref("Indicator")),
    },
    "docs/json-format.md の計画 JSON（shinchoku-plan/1）",
  ),
  ScoreBand: obj(
    { label: str(), minimum: orNull(ref("Decimal")) },
    "達成率（%）が minimum 以上なら label。minimum が null の帯は残り（最も低い帯）",
  ),
  Decimal: {
    type: "string",
    pattern: "^-?[0-9]+(\\.[0-9]+)?$",
    description: "書かれたとおりの桁の10進数（5.05、3437）。浮動小数点にしない",
  },
  IndicatorValue: obj({
    kind: { enum: ["baseline", "target", "result"] },
    fiscalYear: orNull(int("年度（開始する西暦年）")),
    final: { ...bool, description: "最終目標値" },
    periodAsOf: orNull({ ...isoDate, description: "年度途中の実績の報告期の基準日" }),
    value: orNull(ref("Decimal")),
    note: orNull(str("備考（※単年実績、見込み、数値でない記載）")),
  }),
  IndicatorPlace: {
    oneOf: [
      obj({ level: { const: "measure" }, levelName: str(), measure: str("取組 ID") }),
      obj({ level: { const: "item" }, levelName: str(), itemNumber: orNull(int()) }),
      obj({
        level: { const: "group" },
        levelName: str(),
        groupLevel: { enum: ["pillar", "area", "category"] },
        groupPath: list(int()),
      }),
    ],
  },
  Achievement: obj(
    {
      fiscalYear: int(),
      baseline: orNull(ref("Decimal")),
      target: orNull(ref("Decimal")),
      result: orNull(ref("Decimal")),
      rate: orNull({ type: "number", description: "達成率（%、小数第1位まで）" }),
      score: orNull(str("計画の評点の帯")),
    },
    "最新の実績の年度の達成率（docs/ARCHITECTURE.md の規則）",
  ),
  Indicator: obj({
    id: str("指標 ID（I0001…）"),
    name: str(),
    unit: orNull(str()),
    kind: str("活動指標、成果指標、KPI、事業費…"),
    direction: orNull({ enum: ["increase", "decrease", "maintain"] }),
    source: orNull(str()),
    achievementForm: { enum: ["auto", "ratio"] },
    place: ref("IndicatorPlace"),
    values: list(ref("IndicatorValue")),
    achievement: orNull(ref("Achievement")),
  }),
  IndicatorPage: obj({
    ...paging,
    period: orNull(isoDate),
    scoreBands: list(ref("ScoreBand")),
    items: list(ref("Indicator")),
  }),
  TreePeriod: obj({
    asOf: isoDate,
    publishedOn: orNull({ type: "string", pattern: "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$" }),
    state: { const: "published" },
  }),
  TreeGroup: {
    type: "object",
    additionalProperties: false,
    required: ["level", "number", "label", "title"],
    properties: {
      level: { enum: ["pillar", "area", "category"] },
      number: int(),
      label: str(),
      title: str(),
      children: list(ref("TreeGroup")),
      items: list(ref("TreeItem")),
    },
  },
  TreeItem: obj({
    number: orNull(int()),
    label: str(),
    title: str(),
    relistingOfItemNumber: orNull(int()),
    measures: list(ref("TreeMeasure")),
  }),
  TreeMeasure: obj({
    id: str("取組 ID（M0001…）"),
    title: str(),
    relistingOf: orNull(obj({ id: str(), itemNumber: orNull(int()) })),
    roadmap: list(ref("RoadmapEntry")),
    progress: orNull(
      obj({
        narrative: str(),
        statusCode: orNull(str()),
        statusSource: ref("StatusSource"),
        statusSuggestion: ref("StatusSuggestion"),
        figures: list(ref("Figure")),
      }),
    ),
  }),
  GroupRef: obj({ number: int(), label: str(), title: str() }),
  ItemRef: obj({ number: orNull(int()), label: str(), title: str() }),
  MeasureFields: {
    type: "object",
    required: [
      "id",
      "title",
      "item",
      "group",
      "relistingOf",
      "period",
      "status",
      "statusSource",
      "statusSuggestion",
      "narrative",
      "links",
    ],
    properties: {
      id: str("取組 ID（M0001…）"),
      title: str(),
      item: ref("ItemRef"),
      group: obj({
        path: str("柱・分野・区分の番号（1-2-3、2-1）"),
        pillar: ref("GroupRef"),
        area: orNull(ref("GroupRef")),
        category: ref("GroupRef"),
      }),
      relistingOf: orNull(obj({ id: str(), itemNumber: orNull(int()) })),
      period: orNull(isoDate),
      status: orNull(ref("Status")),
      statusSource: ref("StatusSource"),
      statusSuggestion: ref("StatusSuggestion"),
      narrative: orNull(str()),
      links: obj({ self: path, progress: path }),
    },
  },
  MeasureRow: { type: "object", allOf: [ref("MeasureFields")], unevaluatedProperties: false },
  MeasurePage: obj({ ...paging, period: orNull(isoDate), items: list(ref("MeasureRow")) }),
  Measure: {
    type: "object",
    allOf: [ref("MeasureFields")],
    required: ["roadmap", "departments", "relistedAt"],
    properties: {
      roadmap: list(ref("RoadmapEntry")),
      departments: list(obj({ name: str(), role: { enum: ["lead", "contributor"] } })),
      relistedAt: list(ref("Relisting")),
    },
    unevaluatedProperties: false,
  },
  Relisting: obj({ id: str(), itemNumber: orNull(int()), itemTitle: str() }),
  ProgressHistory: obj({
    measure: obj({ id: str(), title: str() }),
    source: str("進捗を持つ取組（再掲なら再掲元）の ID"),
    items: list(
      obj({
        asOf: isoDate,
        publishedOn: orNull(str()),
        status: orNull(ref("Status")),
        statusSource: ref("StatusSource"),
        statusSuggestion: ref("StatusSuggestion"),
        narrative: str(),
      }),
    ),
  }),
  MatchRange: obj({ start: int("UTF-16 の位置"), end: int("UTF-16 の位置（含まない）") }),
  SearchResults: obj({
    ...paging,
    query: str(),
    truncated: bool,
    terms: list(str()),
    period: orNull(isoDate),
    items: list(
      obj({
        measure: obj({ id: str(), title: str(), titleMatches: list(ref("MatchRange")) }),
        item: obj({
          number: orNull(int()),
          label: str(),
          title: str(),
          titleMatches: list(ref("MatchRange")),
        }),
        status: orNull(ref("Status")),
        snippet: orNull(
          obj({
            source: { enum: ["progress", "roadmap"] },
            fiscalYear: orNull(int()),
            text: str(),
            matches: list(ref("MatchRange")),
            before: bool,
            after: bool,
          }),
        ),
        relistedAt: list(ref("Relisting")),
        links: obj({ measure: path }),
      }),
    ),
  }),
  NationalIndicatorResults: obj({
    ...paging,
    query: str(),
    truncated: bool,
    terms: list(str()),
    totalCapped: { ...bool, description: "一致が total（1,000件）より多いか" },
    items: list(
      obj({
        plan: obj({
          id: str("計画の ID（スラッグ）"),
          title: str(),
          organization: obj({ code: str("全国地方公共団体コード"), name: str() }),
        }),
        indicator: obj({
          id: str("指標 ID（I0001…）"),
          name: str(),
          nameMatches: list(ref("MatchRange")),
          unit: orNull(str()),
          kind: str(),
          direction: orNull({ enum: ["increase", "decrease", "maintain"] }),
        }),
        owner: obj({
          level: { enum: ["measure", "item", "group"] },
          levelName: str("計画での階層の名前（取組、施策…）"),
          measure: orNull(str("取組 ID（取組の指標のとき）")),
          itemNumber: orNull(int()),
          title: str(),
        }),
        latest: orNull(
          obj({
            fiscalYear: int(),
            value: orNull(ref("Decimal")),
            note: orNull(str()),
          }),
        ),
        achievement: orNull(ref("Achievement")),
        links: obj({ plan: path, indicator: path }),
      }),
    ),
  }),
  Draft: obj(
    {
      measure: obj({ id: str(), title: str() }),
      period: obj({ asOf: isoDate, deadline: orNull(isoDate) }),
      narrative: str(),
      statusCode: orNull(str()),
      version: int("次の保存で expectedVersion に渡す版（下書きがなければ 0）"),
      reviewState: orNull({ enum: ["carried", "draft", "submitted", "accepted", "returned"] }),
      reviewComment: orNull(str()),
      updatedAt: orNull({ type: "string", format: "date-time" }),
      updatedBy: orNull(str()),
      figures: list(ref("Figure")),
    },
    "受付中の報告期の下書き",
  ),
  DraftInput: {
    type: "object",
    additionalProperties: false,
    required: ["narrative", "statusCode", "expectedVersion"],
    properties: {
      narrative: { type: "string", minLength: 1, description: "進捗状況（2000文字以内）" },
      statusCode: orNull(str("計画の状況区分のコード")),
      expectedVersion: {
        type: "integer",
        minimum: 0,
        description: "編集を始めた版（Draft.version）",
      },
      figures: {
        ...list(ref("FigureInput")),
        maxItems: 30,
        description:
          "確定した数値（順に）。保存されている数値と置き換える。空の配列で全部削除、省略すればそのまま",
      },
    },
  },
  FigureInput: {
    type: "object",
    additionalProperties: false,
    required: ["value"],
    description:
      '確定する数値。value と total は数か数字の文字列（全角の数字、3桁ごとのカンマも可: "６，４４１"）。',
    properties: {
      value: { type: ["number", "string"] },
      total: { type: ["number", "string", "null"], description: "0より大きい数" },
      unit: { type: ["string", "null"], maxLength: 20 },
      qualifier: orNull({ enum: ["約", "以上", "以下", "未満", "超", "程度", "余"] }),
      text: { type: ["string", "null"], maxLength: 200 },
    },
  },
  OpenApiDocument: {
    type: "object",
    required: ["openapi", "info", "paths"],
    properties: {
      openapi: { const: "3.1.0" },
      info: { type: "object" },
      paths: { type: "object" },
    },
  },
};
