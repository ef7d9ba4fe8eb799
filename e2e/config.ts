/** Shared by the Playwright config, the e2e web server and the fixtures. */
export const E2E = {
  appPort: Number(process.env.HAVEN_E2E_APP_PORT ?? 3100),
  smtpPort: Number(process.env.HAVEN_E2E_SMTP_PORT ?? 2526),
  mailbox: ".data/mail-e2e",
  /** Everything the e2e app server writes to stdout and stderr (e2e/serve.ts). */
  serverLog: ".data/e2e-server.log",
  clinicianEmail: "clinician@practice.test",
  /** The clinician's sign-in address (kept apart from the notification inbox on purpose). */
  clinicianLoginEmail: "dr.haven@practice.test",
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
      // Test-only secrets: production refuses the development defaults, so these differ.
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      ENCRYPTION_KEYS: "e2e1:ZTJlLWtleS1lMmUta2V5LWUyZS1rZXktZTJlLWtleSE=",
      SMTP_URL: `smtp://127.0.0.1:${this.smtpPort}`,
      // The sink is plain SMTP on this machine: production refuses that unless told so.
      SMTP_ALLOW_PLAINTEXT_LOOPBACK: "true",
      MAIL_FROM: "Haven Test <no-reply@practice.test>",
      CLINICIAN_NOTIFY_EMAIL: this.clinicianEmail,
      OUTBOX_WORKER: "inline",
      OUTBOX_POLL_MS: "500",
      // The calendar tests serve ICS files from a local HTTP server.
      CALENDAR_FETCH_ALLOW_LOCAL: "true",
    };
  },
};
