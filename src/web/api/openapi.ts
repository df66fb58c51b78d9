import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from "./api-pagination.ts";
import { SCHEMAS } from "./openapi-schemas.ts";

type Json = Record<string, unknown>;

const ref = (kind: string, name: string): Json => ({ $ref: `#/components/${kind}/${name}` });
const param = (name: string) => ref("parameters", name);
const response = (name: string) => ref("responses", name);

/** A 200 with a JSON body, its ETag and cache headers, and CORS for any origin. */
const ok = (schema: string, description: string, headers: Json = {}): Json => ({
  description,
  headers: {
    ETag: ref("headers", "ETag"),
    "Cache-Control": ref("headers", "Cache-Control"),
    "Access-Control-Allow-Origin": ref("headers", "Access-Control-Allow-Origin"),
    ...headers,
  },
  content: { "application/json": { schema: ref("schemas", schema) } },
});
const pageHeaders = {
  Link: ref("headers", "Link"),
  "X-Total-Count": ref("headers", "X-Total-Count"),
};

/** A read: open data, conditional with If-None-Match. */
const read = (op: {
  id: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Json[];
  ok: Json;
  errors?: string[];
}): Json => ({
  get: {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    parameters: [...(op.parameters ?? []), param("IfNoneMatch")],
    responses: {
      "200": op.ok,
      "304": response("NotModified"),
      ...Object.fromEntries((op.errors ?? []).map((e) => [e.slice(0, 3), response(e.slice(4))])),
      default: response("Error"),
    },
  },
});

const problemResponse = (description: string, schema = "Problem", headers: Json = {}): Json => ({
  description,
  headers: { "Cache-Control": ref("headers", "Cache-Control"), ...headers },
  content: { "application/problem+json": { schema: ref("schemas", schema) } },
});

const stringQuery = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

/**
 * The OpenAPI 3.1 document of the JSON API, served at `/api/openapi.json`. Every path and
 * method here is exercised by src/web/api/api-contract.test.ts, which validates the real
 * responses against these schemas.
 */
export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
  info: {
    title: "Shinchoku API",
    version: "1.0.0",
    summary: "アクションプランの行程表と進捗状況（公表済み）の読み出しと、担当課の下書きの書き込み",
    description:
      "読み出しはオープンデータ: 公表された報告期だけ、認証なし、どのオリジンからも（CORS）。" +
      "GET の応答には ETag（本文のハッシュ）があり、If-None-Match が合えば 304。" +
      "一覧は ?page=&per_page= でページに分け、Link ヘッダー（first, prev, next, last）と X-Total-Count を返す。" +
      "下書きの書き込みは管理者が担当課ごとに発行する API トークン（Authorization: Bearer）で行う。" +
      "エラーはすべて application/problem+json（type は urn:shinchoku:problem:<id>）。" +
      "日付は ISO 8601（西暦）、年度は開始する西暦年（2013 = 平成25年度）。",
    license: { name: "MIT", identifier: "MIT" },
  },
  servers: [{ url: "/api" }],
  tags: [
    { name: "catalog", description: "団体と計画" },
    { name: "measures", description: "取組と進捗状況" },
    { name: "indicators", description: "指標（基準値・目標値・実績値）" },
    { name: "drafts", description: "受付中の報告期の下書き（API トークン）" },
    { name: "meta", description: "この文書" },
  ],
  paths: {
    "/openapi.json": read({
      id: "getOpenApiDocument",
      summary: "この OpenAPI 文書",
      tags: ["meta"],
      ok: ok("OpenApiDocument", "OpenAPI 3.1 の文書"),
    }),
    "/v1/organizations": read({
      id: "listOrganizations",
      summary: "計画のある団体の一覧",
      tags: ["catalog"],
      ok: ok("OrganizationList", "団体（全国地方公共団体コード順）"),
    }),
    "/v1/plans": read({
      id: "listPlans",
      summary: "計画の一覧（ページ分け）",
      tags: ["catalog"],
      parameters: [
        param("Page"),
        param("PerPage"),
        stringQuery("organization", "団体の全国地方公共団体コードで絞り込む", {
          $ref: "#/components/schemas/OrganizationCode",
        }),
      ],
      ok: ok("PlanPage", "計画の1ページ", pageHeaders),
      errors: ["400 BadRequest"],
    }),
    "/v1/plans/{plan}": read({
      id: "getPlan",
      summary: "計画の概要: 階層、状況区分、公表された報告期、件数",
      tags: ["catalog"],
      parameters: [param("Plan")],
      ok: ok("PlanSummary", "計画の概要"),
      errors: ["404 NotFound"],
    }),
    "/v1/plans/{plan}/tree": read({
      id: "getPlanTree",
      summary: "計画の全体（計画 JSON、docs/json-format.md）",
      tags: ["catalog"],
      parameters: [param("Plan"), param("Period")],
      ok: ok("PlanJson", "柱 → 分野 → 区分 → 項目 → 取組の木と、報告期の進捗状況"),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/plans/{plan}/periods": read({
      id: "listPeriods",
      summary: "公表された報告期（古い順）",
      tags: ["catalog"],
      parameters: [param("Plan")],
      ok: ok("PeriodList", "公表された報告期"),
      errors: ["404 NotFound"],
    }),
    "/v1/plans/{plan}/measures": read({
      id: "listMeasures",
      summary: "取組の一覧（ページ分け、絞り込み）",
      description:
        "再掲は既定で除く（relistings=true で含める）。再掲の行は再掲元の状況と進捗を示す。",
      tags: ["measures"],
      parameters: [
        param("Plan"),
        param("Period"),
        stringQuery("status", "状況区分のコード、または未設定は unset"),
        stringQuery(
          "group",
          "柱・分野・区分の番号: 1（柱I）、1-2（柱Iの分野2）、1-2-3（その区分③）",
          {
            type: "string",
            pattern: "^[0-9]+(-[0-9]+)*$",
          },
        ),
        stringQuery("fiscalYear", "この年度の行程表に取組（— 以外）がある取組", {
          type: "integer",
        }),
        stringQuery("relistings", "再掲も行として含める", { enum: ["true", "false"] }),
        param("Page"),
        param("PerPage"),
      ],
      ok: ok("MeasurePage", "取組の1ページ", pageHeaders),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/plans/{plan}/measures/{measure}": read({
      id: "getMeasure",
      summary: "取組: 位置、行程表、状況と進捗状況、担当課、再掲先",
      tags: ["measures"],
      parameters: [param("Plan"), param("Measure"), param("Period")],
      ok: ok("Measure", "取組"),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/plans/{plan}/measures/{measure}/progress": read({
      id: "getProgressHistory",
      summary: "取組の進捗状況の推移（公表された報告期、古い順）",
      tags: ["measures"],
      parameters: [param("Plan"), param("Measure")],
      ok: ok("ProgressHistory", "進捗状況の推移"),
      errors: ["404 NotFound"],
    }),
    "/v1/plans/{plan}/indicators": read({
      id: "listIndicators",
      summary: "指標の一覧（基準値・目標値・実績値と達成率、ページ分け）",
      description:
        "年度途中の実績は、公表された報告期のうち period 以前のものだけ。値は書かれた桁のままの文字列。",
      tags: ["indicators"],
      parameters: [
        param("Plan"),
        param("Period"),
        stringQuery("kind", "指標の種類（活動指標、成果指標、KPI、事業費…）"),
        stringQuery("measure", "取組 ID: その取組の指標だけ"),
        param("Page"),
        param("PerPage"),
      ],
      ok: ok("IndicatorPage", "指標の1ページ", pageHeaders),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/plans/{plan}/indicators/{indicator}": read({
      id: "getIndicator",
      summary: "指標: 置き場所、単位、方向、値、達成率",
      tags: ["indicators"],
      parameters: [
        param("Plan"),
        {
          name: "indicator",
          in: "path",
          required: true,
          description: "指標 ID（例 I0001）",
          schema: { type: "string" },
        },
        param("Period"),
      ],
      ok: ok("Indicator", "指標"),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/plans/{plan}/search": read({
      id: "searchMeasures",
      summary: "取組の全文検索（名称、進捗状況、行程表）",
      description:
        "日本語の2文字以上の語は bigram の句、1文字は前方一致。すべての語に合う取組を、名称の一致を上に並べる。",
      tags: ["measures"],
      parameters: [
        param("Plan"),
        {
          name: "q",
          in: "query",
          required: true,
          description: "検索する言葉",
          schema: { type: "string", maxLength: 1000 },
        },
        param("Period"),
        stringQuery("status", "状況区分のコード、または unset"),
        stringQuery("group", "柱・分野・区分の番号（1、1-2、1-2-3）", {
          type: "string",
          pattern: "^[0-9]+(-[0-9]+)*$",
        }),
        stringQuery("fiscalYear", "この年度に取組がある取組", { type: "integer" }),
        param("Page"),
        param("PerPage"),
      ],
      ok: ok("SearchResults", "検索結果の1ページ", pageHeaders),
      errors: ["400 BadRequest", "404 NotFound"],
    }),
    "/v1/indicators": read({
      id: "searchIndicators",
      summary: "全国の計画の指標を指標名で探す（団体の順、ページ分け）",
      description:
        "すべての計画の指標から、名前にすべての語を含むものを、最近登録された1,000件まで数えて団体コードの順に並べる。" +
        "実績は最新の年度のもの（年度途中の値は公表された報告期のものだけ）。",
      tags: ["indicators"],
      parameters: [
        {
          name: "q",
          in: "query",
          required: true,
          description: "指標名に含まれる言葉",
          schema: { type: "string", maxLength: 1000 },
        },
        stringQuery("prefecture", "都道府県コード（JIS X 0401、01〜47）", {
          type: "string",
          pattern: "^[0-9]{2}$",
        }),
        param("Page"),
        param("PerPage"),
      ],
      ok: ok("NationalIndicatorResults", "指標の1ページ", pageHeaders),
      errors: ["400 BadRequest"],
    }),
    "/v1/plans/{plan}/measures/{measure}/draft": {
      get: {
        operationId: "getDraft",
        summary: "受付中の報告期の下書き（次の保存に使う version を含む）",
        tags: ["drafts"],
        security: [{ apiToken: [] }],
        parameters: [param("Plan"), param("Measure"), param("IfNoneMatch")],
        responses: {
          "200": {
            description: "下書き（Cache-Control: no-store）",
            headers: {
              ETag: ref("headers", "ETag"),
              "Cache-Control": ref("headers", "Cache-Control"),
            },
            content: { "application/json": { schema: ref("schemas", "Draft") } },
          },
          "304": response("NotModified"),
          "400": response("BadRequest"),
          "401": response("Unauthorized"),
          "403": response("Forbidden"),
          "404": response("NotFound"),
          "409": response("InvalidState"),
          default: response("Error"),
        },
      },
      put: {
        operationId: "saveDraft",
        summary: "下書きを保存する（担当課のトークンで、その課の取組だけ）",
        description:
          "保存すると提出済み（submitted）になり、企画課の確認を待つ。公表されるまで読み出し API には出ない。" +
          "expectedVersion が保存されている版と違えば 409 と、いまの内容（current）を返す。",
        tags: ["drafts"],
        security: [{ apiToken: [] }],
        parameters: [param("Plan"), param("Measure")],
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("schemas", "DraftInput") } },
        },
        responses: {
          "200": {
            description: "保存した下書き（新しい version）",
            headers: { "Cache-Control": ref("headers", "Cache-Control") },
            content: { "application/json": { schema: ref("schemas", "Draft") } },
          },
          "400": response("BadRequest"),
          "401": response("Unauthorized"),
          "403": response("Forbidden"),
          "404": response("NotFound"),
          "409": {
            description:
              "版の衝突（conflict、current にいまの内容）、または受付中の報告期がない（invalid_state）",
            headers: { "Cache-Control": ref("headers", "Cache-Control") },
            content: {
              "application/problem+json": {
                schema: { anyOf: [ref("schemas", "ConflictProblem"), ref("schemas", "Problem")] },
              },
            },
          },
          "413": response("TooLarge"),
          default: response("Error"),
        },
      },
    },
  },
  components: {
    schemas: SCHEMAS,
    parameters: {
      Plan: {
        name: "plan",
        in: "path",
        required: true,
        description: "計画の ID（例 431001-1）",
        schema: { type: "string" },
      },
      Measure: {
        name: "measure",
        in: "path",
        required: true,
        description: "取組 ID（例 M0001）",
        schema: { type: "string" },
      },
      Period: stringQuery("period", "公表された報告期の基準日（既定: 最新）", {
        type: "string",
        format: "date",
      }),
      Page: stringQuery("page", "ページ番号（1から）", { type: "integer", minimum: 1, default: 1 }),
      PerPage: stringQuery("per_page", `1ページの件数（1〜${MAX_PER_PAGE}）`, {
        type: "integer",
        minimum: 1,
        maximum: MAX_PER_PAGE,
        default: DEFAULT_PER_PAGE,
      }),
      IfNoneMatch: {
        name: "If-None-Match",
        in: "header",
        required: false,
        description: "前に受け取った ETag。変わっていなければ 304",
        schema: { type: "string" },
      },
    },
    headers: {
      ETag: {
        description: "本文の SHA-256（圧縮時は弱い ETag）",
        required: true,
        schema: { type: "string" },
      },
      "Cache-Control": {
        description: "読み出しは public, max-age=0, must-revalidate、下書きとエラーは no-store",
        required: true,
        schema: { type: "string" },
      },
      "Access-Control-Allow-Origin": {
        description: "オープンデータ: *",
        required: true,
        schema: { type: "string" },
      },
      Link: {
        description: "RFC 8288: first, prev, next, last",
        required: true,
        schema: { type: "string" },
      },
      "X-Total-Count": {
        description: "条件に合う件数",
        required: true,
        schema: { type: "integer" },
      },
      "WWW-Authenticate": {
        description: 'Bearer realm="shinchoku"',
        required: true,
        schema: { type: "string" },
      },
    },
    responses: {
      NotModified: {
        description: "If-None-Match の ETag から変わっていない（本文なし）",
        headers: { ETag: ref("headers", "ETag") },
      },
      BadRequest: problemResponse("入力が正しくない（invalid_input）"),
      Unauthorized: problemResponse(
        "トークンがない、知らない、または無効にされた（unauthenticated）",
        "Problem",
        {
          "WWW-Authenticate": ref("headers", "WWW-Authenticate"),
        },
      ),
      Forbidden: problemResponse("このトークンの担当課の取組ではない（forbidden）"),
      NotFound: problemResponse("計画、公表された報告期、取組、または URL がない（not_found）"),
      InvalidState: problemResponse("受付中の報告期がない（invalid_state）"),
      TooLarge: problemResponse("本文が 64 KiB を超える（too_large）"),
      Error: problemResponse("その他のエラー（problem+json）"),
    },
    securitySchemes: {
      apiToken: {
        type: "http",
        scheme: "bearer",
        description: "管理者が担当課ごとに発行する API トークン（shinchoku token issue）",
      },
    },
  },
} as const;
