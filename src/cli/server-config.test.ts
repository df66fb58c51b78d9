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
      mail: null,
      reminderDays: 3,
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

  describe("mail", () => {
    const MAIL = {
      PUBLIC_BASE_URL: "https://shinchoku.city.example.jp/",
      SHINCHOKU_SMTP_HOST: "smtp.city.example.jp",
      SHINCHOKU_SMTP_FROM: "進捗管理 <shinchoku@city.example.jp>",
    };
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        readServerConfig(env);
      } catch (e) {
        if (e instanceof ShinchokuError && e.id === "invalid_config") return e.message;
        throw e;
      }
      assert.fail("the settings were accepted");
    };

    it("is off without SHINCHOKU_SMTP_HOST, with reminders 3 working days before a deadline", () => {
      const config = readServerConfig({ SHINCHOKU_REMINDER_DAYS: "５" });
      assert.equal(config.mail, null);
      assert.equal(config.reminderDays, 5, "full-width digits are read");
    });

    it("sends through STARTTLS on 587 by default, or TLS on 465, with the site's address for links", () => {
      assert.deepEqual(readServerConfig(MAIL).mail, {
        host: "smtp.city.example.jp",
        port: 587,
        secure: false,
        user: null,
        password: null,
        from: "進捗管理 <shinchoku@city.example.jp>",
        baseUrl: "https://shinchoku.city.example.jp",
      });
      const tls = readServerConfig({
        ...MAIL,
        SHINCHOKU_SMTP_SECURE: "true",
        SHINCHOKU_SMTP_USER: "shinchoku",
        SHINCHOKU_SMTP_PASSWORD: " pass phrase ",
      }).mail;
      assert.equal(tls?.port, 465);
      assert.equal(tls?.secure, true);
      assert.equal(tls?.password, " pass phrase ", "a password is taken as it is");
      assert.equal(readServerConfig({ ...MAIL, SHINCHOKU_SMTP_PORT: "2525" }).mail?.port, 2525);
    });

    it("refuses a mail server without a sender or without the site's address for links", () => {
      const message = problems({ SHINCHOKU_SMTP_HOST: "smtp.city.example.jp" });
      assert.match(message, /2件/u);
      assert.match(message, /SHINCHOKU_SMTP_FROM: 送信者のアドレスを指定してください/u);
      assert.match(message, /PUBLIC_BASE_URL: メールのリンクに使うため/u);
    });

    it("refuses every wrong mail setting at once, naming each, and never prints the password", () => {
      const message = problems({
        ...MAIL,
        SHINCHOKU_SMTP_PORT: "smtp",
        SHINCHOKU_SMTP_SECURE: "maybe",
        SHINCHOKU_SMTP_PASSWORD: "s3cret-never-shown",
        SHINCHOKU_SMTP_FROM: "shinchoku at city",
        SHINCHOKU_REMINDER_DAYS: "0",
      });
      assert.match(message, /5件/u);
      for (const name of [
        "SHINCHOKU_SMTP_PORT「smtp」",
        "SHINCHOKU_SMTP_SECURE「maybe」",
        "SHINCHOKU_SMTP_USER と SHINCHOKU_SMTP_PASSWORD は両方",
        "SHINCHOKU_SMTP_FROM「shinchoku at city」",
        "SHINCHOKU_REMINDER_DAYS「0」",
      ])
        assert.ok(message.includes(name), `${name} in: ${message}`);
      assert.ok(!message.includes("s3cret-never-shown"), "the password is not repeated");
    });

    it("refuses mail settings given without a mail server", () => {
      assert.match(
        problems({ SHINCHOKU_SMTP_USER: "shinchoku", SHINCHOKU_SMTP_PASSWORD: "x" }),
        /SHINCHOKU_SMTP_USER: SHINCHOKU_SMTP_HOST がないため使えません/u,
      );
    });
  });
});
