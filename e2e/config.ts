/** Shared by the Playwright config, the e2e web server and the fixtures. */
export const E2E = {
  appPort: 3100,
  pgPort: Number(process.env.HAVEN_E2E_PG_PORT ?? 54349),
  database: "haven_e2e",
  get baseUrl() {
    return `http://localhost:${this.appPort}`;
  },
  get databaseUrl() {
    return process.env.E2E_DATABASE_URL ?? `postgresql://haven:haven-local-dev@127.0.0.1:${this.pgPort}/${this.database}`;
  },
  get appEnv(): Record<string, string> {
    return {
      NODE_ENV: "production",
      SITE_URL: this.baseUrl,
      LOG_LEVEL: "warn",
    };
  },
};
