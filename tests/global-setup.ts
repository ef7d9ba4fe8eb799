/**
 * Starts the embedded PostgreSQL test cluster (separate from the development one), recreates
 * the test database from the migrations, and hands its URL to the tests. When
 * TEST_DATABASE_URL is set, that server is used instead and its database is reset.
 */
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedServer } from "../scripts/embedded-pg";
import { prismaCli } from "../scripts/prisma-cli";

let server: EmbeddedServer | undefined;

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    prismaCli(["migrate", "reset", "--force", "--skip-seed"], url);
  } else {
    server = await startEmbeddedPostgres({
      dataDir: process.env.HAVEN_TEST_PG_DIR ?? ".data/postgres-test",
      port: Number(process.env.HAVEN_TEST_PG_PORT ?? 54339),
      fast: true,
    });
    await ensureDatabase(server, "haven_unit", { recreate: true });
    url = server.urlFor("haven_unit");
    prismaCli(["migrate", "deploy"], url);
  }
  project.provide("databaseUrl", url);
  return async () => {
    await server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
