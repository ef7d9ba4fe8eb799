/**
 * The app's own domain code, run from the test process against the e2e database, for
 * setting up realistic encrypted data (an intake, say) without clicking through it.
 */
import { E2E } from "./config";

export async function appLib() {
  Object.assign(process.env, E2E.appEnv, { DATABASE_URL: E2E.databaseUrl });
  const [intake, totp, bookingService, bookingQueries, practice] = await Promise.all([
    import("../lib/intake/service"),
    import("../lib/auth/totp"),
    import("../lib/booking/service"),
    import("../lib/booking/queries"),
    import("../lib/practice/profile"),
  ]);
  return { intake, totp, booking: { ...bookingService, ...bookingQueries }, practice };
}
