import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { importReportFile } from "../import/report-importer.ts";
import { listPlans } from "../store/queries/plan-tree-query.ts";
import { createApp } from "../web/app.ts";
import { openConfiguredStore } from "./database-url.ts";

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
      host: { type: "string", default: "127.0.0.1" },
      "load-example": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `shinchoku serve: ポート番号「${values.port ?? process.env.PORT}」が正しくありません`,
    );
    return 2;
  }
  const store = await openConfiguredStore();
  if (values["load-example"] && (await listPlans(store.db)).length === 0) {
    const { planSlug } = await importReportFile(store, EXAMPLE_REPORT, {
      organization: EXAMPLE_ORGANIZATION,
    });
    console.log(`例の計画を取り込みました: ${planSlug}`);
  }
  const plans = await listPlans(store.db);
  const server = serve({ fetch: createApp(store).fetch, port, hostname: values.host }, (info) => {
    const base = `http://${values.host === "0.0.0.0" ? "localhost" : values.host}:${info.port}`;
    console.log(`Shinchoku を起動しました: ${base}/ （${store.description}）`);
    for (const p of plans)
      console.log(`  ${p.title}（${p.organizationName}）: ${base}/plans/${p.slug}`);
  });
  const stop = () => {
    server.close();
    void store.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return new Promise<number>(() => {});
}
