import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { getRequestListener } from "@hono/node-server";
import { importReportFile } from "../import/report-importer.ts";
import { startMailWorker } from "../mail/mail-worker.ts";
import { listPlans } from "../store/queries/plan-tree-query.ts";
import { openReadReplica, openStore } from "../store/store.ts";
import { createSite } from "../web/app.ts";
import { keptPageListener } from "../web/kept-page-listener.ts";
import { jsonLogger } from "../web/logging/json-logger.ts";
import { readServerConfig } from "./server-config.ts";

/** The example plan that `npm start` loads into an empty store. */
export const EXAMPLE_REPORT = fileURLToPath(
  new URL("../../examples/kumamoto-2013-09-30.txt", import.meta.url),
);
export const EXAMPLE_ORGANIZATION = { code: "431001", name: "熊本市" };

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "load-example": { type: "boolean", default: false },
    },
  });
  // Every setting is checked before anything starts; a wrong one stops here with all problems.
  const config = readServerConfig(process.env, { port: values.port, host: values.host });
  const logger = jsonLogger(config.logLevel);
  const store = await openStore(config.databaseUrl);
  if (values["load-example"] && (await listPlans(store.db)).length === 0) {
    const { planSlug } = await importReportFile(store, EXAMPLE_REPORT, {
      organization: EXAMPLE_ORGANIZATION,
    });
    logger.info(`例の計画を取り込みました: ${planSlug}`, { plan: planSlug });
  }
  const readStore = config.databaseReadUrl ? await openReadReplica(config.databaseReadUrl) : store;
  const plans = await listPlans(store.db);
  const { app, pages } = createSite(store, {
    logger,
    readStore,
    site: config.site,
    mail: config.mail ? { baseUrl: config.mail.baseUrl } : null,
  });
  // Mail is optional: without SHINCHOKU_SMTP_HOST nothing is queued and no sender runs.
  const mailWorker = config.mail
    ? startMailWorker(store, config.mail, { reminderDays: config.reminderDays, logger })
    : null;
  // Kept public pages are answered before Hono (src/web/kept-page-listener.ts).
  const server = createServer(
    keptPageListener(pages, getRequestListener(app.fetch, { hostname: config.host }), logger),
  );
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const local = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
    const base = config.publicBaseUrl ?? local;
    logger.info(`Shinchoku を起動しました: ${local}/ （${store.description}）`, {
      url: `${local}/`,
      publicBaseUrl: config.publicBaseUrl,
      database: store.dialect,
      readReplica: readStore === store ? null : readStore.description,
      plans: plans.map((p) => ({ title: p.title, url: `${base}/plans/${p.slug}` })),
      mail: config.mail
        ? { host: config.mail.host, port: config.mail.port, reminderDays: config.reminderDays }
        : null,
    });
  });
  const stop = () => {
    logger.info("Shinchoku を停止します");
    logger.flush();
    server.close();
    void (mailWorker?.stop() ?? Promise.resolve()).then(() => store.close());
    if (readStore !== store) void readStore.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Runs until stopped; a port that cannot be opened ends it with one line and exit 1.
  return new Promise<number>((resolve) => {
    server.once("error", async (error: NodeJS.ErrnoException) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      console.error(`shinchoku serve: ${listenFailure(error, config.host, config.port)}`);
      await mailWorker?.stop();
      await store.close();
      if (readStore !== store) await readStore.close();
      resolve(1);
    });
  });
}

/** Why the server could not listen, in one line naming the address (a bug keeps its message). */
function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case "EADDRINUSE":
      return `ポート ${port} はすでに使われています（EADDRINUSE）。--port か PORT で別のポートを指定してください`;
    case "EACCES":
      return `ポート ${port} を開く権限がありません（EACCES）。1024 以上のポートを指定してください`;
    case "EADDRNOTAVAIL":
      return `アドレス ${host} はこのマシンにありません（EADDRNOTAVAIL）。--host か HOST を確かめてください`;
    default:
      return `${host}:${port} で待ち受けられません（${error.code ?? error.message}）`;
  }
}
