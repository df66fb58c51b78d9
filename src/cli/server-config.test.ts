import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ShinchokuError } from "../domain/errors.ts";
import { DEFAULT_DATABASE_URL } from "../store/store.ts";
import { DEFAULT_SITE_IDENTITY } from "../web/site/site-identity.ts";
import { readServerConfig } from "./server-config.ts";

describe("the server's configuration", () => {
  it("has defaults for everything: the SQLite file, port 3000, loopback, info logs", () => {
    assert.deepEqual(readServerConfig({}), {
      databaseUrl: DEFAULT_DATABASE_URL,
      databaseReadUrl: null,
      port: 3000,
      host: "127.0.0.1",
      publicBaseUrl: null,
      logLevel: "info",
      site: DEFAULT_SITE_IDENTITY,
    });
  });

  it("reads the organization's name, logo and favicon, and refuses a missing file or a wrong kind at start", () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-site-"));
    try {
      const logo = join(dir, "logo.svg");
      writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"/>');
      const { site } = readServerConfig({
        SHINCHOKU_ORG_NAME: " 熊本市 ",
        SHINCHOKU_ORG_NAME_EN: "Kumamoto City",
        SHINCHOKU_ORG_LOGO: logo,
      });
      assert.equal(site.organizationName, "熊本市");
      assert.equal(site.organizationNameEn, "Kumamoto City");
      assert.equal(site.logo?.type, "image/svg+xml");
      assert.match(site.logo?.href ?? "", /^\/assets\/logo\.svg\?v=[\w-]{12}$/u);
      assert.equal(site.favicon, DEFAULT_SITE_IDENTITY.favicon, "the shipped favicon by default");
      assert.notEqual(site.fingerprint, DEFAULT_SITE_IDENTITY.fingerprint);
      assert.throws(
        () =>
          readServerConfig({
            SHINCHOKU_ORG_LOGO: join(dir, "missing.png"),
            SHINCHOKU_FAVICON: join(dir, "favicon.gif"),
          }),
        (error: unknown) =>
          error instanceof ShinchokuError &&
          /SHINCHOKU_ORG_LOGO.*ENOENT/u.test(error.message) &&
          /SHINCHOKU_FAVICON「.*favicon\.gif」/u.test(error.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the environment, and lets the command line's --port and --host win", () => {
    const config = readServerConfig(
      {
        DATABASE_URL: " postgres://shinchoku@db.example.lg.jp/shinchoku ",
        PORT: "8080",
        PUBLIC_BASE_URL: "https://shinchoku.example.lg.jp/",
        LOG_LEVEL: "WARN",
      },
      { port: "9090", host: "0.0.0.0" },
    );
    assert.equal(config.databaseUrl, "postgres://shinchoku@db.example.lg.jp/shinchoku");
    assert.equal(config.port, 9090);
    assert.equal(config.host, "0.0.0.0");
    assert.equal(config.publicBaseUrl, "https://shinchoku.example.lg.jp");
    assert.equal(config.logLevel, "warn");
  });

  it("refuses every wrong setting at once, naming each variable and what it was given", () => {
    let error: unknown;
    try {
      readServerConfig({
        DATABASE_URL: "mysql://db/x",
        PORT: "70000",
        PUBLIC_BASE_URL: "shinchoku.example.lg.jp",
        LOG_LEVEL: "loud",
        SHINCHOKU_TRUSTED_PROXIES: "10.0.0.0/99",
      });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ShinchokuError);
    assert.equal(error.id, "invalid_config");
    assert.match(error.message, /5件/u);
    for (const name of [
      "DATABASE_URL「mysql://db/x」",
      "PORT「70000」",
      "PUBLIC_BASE_URL「shinchoku.example.lg.jp」",
      "LOG_LEVEL「loud」",
      "SHINCHOKU_TRUSTED_PROXIES",
    ])
      assert.ok(error.message.includes(name), `${name} is named in: ${error.message}`);
  });

  it("takes a PostgreSQL read replica only beside a PostgreSQL primary", () => {
    const config = readServerConfig({
      DATABASE_URL: "postgres://shinchoku@primary.example.lg.jp/shinchoku",
      DATABASE_READ_URL: "postgres://shinchoku@replica.example.lg.jp/shinchoku",
    });
    assert.equal(config.databaseReadUrl, "postgres://shinchoku@replica.example.lg.jp/shinchoku");
    assert.throws(
      () => readServerConfig({ DATABASE_READ_URL: "postgres://replica/shinchoku" }),
      /DATABASE_READ_URL: 読み取り用の複製は DATABASE_URL が PostgreSQL のときだけ/u,
    );
    assert.throws(
      () =>
        readServerConfig({
          DATABASE_URL: "postgres://primary/shinchoku",
          DATABASE_READ_URL: "sqlite:replica.db",
        }),
      /DATABASE_READ_URL「sqlite:replica.db」/u,
    );
  });

  it("takes a licence by its short name or as 名前|https://…, and refuses a link that is not a web address", () => {
    assert.doesNotThrow(() => readServerConfig({ SHINCHOKU_LICENCE: "CC0 1.0" }));
    assert.doesNotThrow(() =>
      readServerConfig({
        SHINCHOKU_LICENCE: "熊本市オープンデータ利用規約|https://example.lg.jp/od",
      }),
    );
    assert.throws(
      () => readServerConfig({ SHINCHOKU_LICENCE: "規約|javascript:alert(1)" }),
      /SHINCHOKU_LICENCE「規約\|javascript:alert\(1\)」/u,
    );
    assert.throws(
      () => readServerConfig({ SHINCHOKU_LICENCE: "|https://example.lg.jp/od" }),
      /SHINCHOKU_LICENCE/u,
    );
  });

  it("refuses a port that is not a whole number", () => {
    assert.throws(() => readServerConfig({ PORT: "80a" }), /PORT「80a」/u);
    assert.throws(() => readServerConfig({}, { port: "-1" }), /PORT「-1」/u);
  });
});
