import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { OPENAPI_DOCUMENT } from "../src/web/api/openapi.ts";

type Json = Record<string, unknown>;
const DOC_ID = "urn:shinchoku:openapi";
const doc = structuredClone(OPENAPI_DOCUMENT) as unknown as {
  paths: Record<string, Record<string, Json>>;
  components: Record<string, Record<string, Json>>;
};
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

// ajv-formats is CommonJS: its default export is the plugin, or its `default` member.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => void;

/** Every documented operation and response status: `GET /v1/plans 200`. */
export function documentedResponses(): string[] {
  const keys: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as { responses?: Json } | undefined;
      if (!op) continue;
      for (const status of Object.keys(op.responses ?? {}))
        if (status !== "default") keys.push(`${method.toUpperCase()} ${path} ${status}`);
    }
  }
  return keys;
}

/** Validate the OpenAPI document itself against the OpenAPI 3.1 schema. */
export async function validateDocument(document: unknown = OPENAPI_DOCUMENT) {
  return new Validator().validate(structuredClone(document) as Json);
}

const pointer = (...parts: string[]) =>
  `#/${parts.map((p) => encodeURIComponent(p.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/")}`;

/**
 * Checks real API responses against the OpenAPI document: the path and method are documented,
 * the status is documented for that operation, the required headers are present, the content
 * type is documented, and the body validates against its JSON Schema (2020-12). Records what it
 * saw, so a test can assert that every documented response was exercised.
 * @example const body = await contract.check("GET", "/api/v1/plans", await app.request("/api/v1/plans"));
 */
export class ApiContract {
  readonly exercised = new Set<string>();
  readonly #ajv = new Ajv2020({ strict: true, allErrors: true });
  readonly #validators = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.#ajv);
    // The document's own members are not schema keywords: known, and ignored, at its root.
    this.#ajv.addVocabulary(["openapi", "info", "servers", "tags", "paths", "components"]);
    this.#ajv.addVocabulary(["jsonSchemaDialect"]);
    this.#ajv.addSchema(structuredClone(doc) as Json, DOC_ID);
  }

  /** The documented path template a request URL stands for (`/api/v1/plans/x` → `/v1/plans/{plan}`). */
  template(url: string): string {
    const path = new URL(url, "http://localhost").pathname.replace(/^\/api/u, "");
    const found = Object.keys(doc.paths).find((t) =>
      new RegExp(`^${t.replace(/\{[^}]+\}/gu, "[^/]+").replaceAll(".", "\\.")}$`, "u").test(path),
    );
    assert.ok(found, `${path} is not a documented path`);
    return found;
  }

  async check(method: string, url: string, res: Response): Promise<unknown> {
    const template = this.template(url);
    const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    const op = doc.paths[template]?.[verb] as { responses: Record<string, Json> } | undefined;
    assert.ok(op, `${method} ${template} is not documented`);
    const status = String(res.status);
    let spec = op.responses[status];
    assert.ok(spec, `${method} ${template} does not document status ${status}`);
    let at = pointer("paths", template, verb, "responses", status);
    const ref = spec.$ref as string | undefined;
    if (ref) {
      const name = ref.split("/").at(-1) ?? "";
      spec = doc.components.responses?.[name] as Json;
      at = pointer("components", "responses", name);
    }
    for (const [name, header] of Object.entries((spec.headers ?? {}) as Record<string, Json>)) {
      const h = (
        header.$ref ? doc.components.headers?.[String(header.$ref).split("/").at(-1) ?? ""] : header
      ) as { required?: boolean };
      if (h?.required)
        assert.ok(res.headers.has(name), `${method} ${url} ${status}: header ${name} missing`);
    }
    const text = await res.text();
    const content = spec.content as Record<string, Json> | undefined;
    this.exercised.add(`${method.toUpperCase()} ${template} ${status}`);
    if (!content) {
      assert.equal(text, "", `${method} ${url} ${status} has a body where none is documented`);
      return undefined;
    }
    const type = (res.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
    assert.ok(content[type], `${method} ${url} ${status}: content type ${type} not documented`);
    const body: unknown = JSON.parse(text);
    const schemaRef = `${DOC_ID}${at}/content/${encodeURIComponent(type.replace("/", "~1"))}/schema`;
    let validate = this.#validators.get(schemaRef);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: schemaRef });
      this.#validators.set(schemaRef, validate);
    }
    assert.ok(
      validate(body),
      `${method} ${url} ${status}: ${this.#ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`,
    );
    return body;
  }
}
