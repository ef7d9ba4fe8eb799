/**
 * The app's own domain code, run from the test process against the e2e database, for
 * setting up realistic encrypted data (an intake, say) without clicking through it.
 */
import { E2E } from "./config";

export async function appLib() {
  Object.assign(process.env, E2E.appEnv, { DATABASE_URL: E2E.databaseUrl });
  const [intake, review, clinical, totp, clinician, bookingService, bookingQueries, outbox, db, practice, practiceSchema] =
    await Promise.all([
      import("../lib/intake/service"),
      import("../lib/intake/review"),
      import("../lib/intake/settings"),
      import("../lib/auth/totp"),
      import("../lib/auth/clinician"),
      import("../lib/booking/service"),
      import("../lib/booking/queries"),
      import("../lib/email/outbox"),
      import("../lib/platform/db"),
      import("../lib/practice/profile"),
      import("../lib/practice/schema"),
    ]);
  return {
    intake: { ...intake, ...review, ...clinical },
    totp,
    clinician,
    booking: { ...bookingService, ...bookingQueries },
    outbox,
    prisma: db.prisma,
    practice: { ...practice, ...practiceSchema },
  };
}
