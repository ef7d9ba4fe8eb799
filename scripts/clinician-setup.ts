/**
 * `npm run clinician:setup [email]`: creates the clinician's account if needed and prints a
 * one-time link (valid 24 hours) where she sets her password and enrols her authenticator.
 */
import { createSetupToken, ensureClinicianAccount } from "../lib/auth/clinician";
import { prisma } from "../lib/platform/db";
import { env } from "../lib/platform/env";
import { siteUrl } from "../lib/platform/site";

async function main() {
  const email = process.argv[2] ?? env().CLINICIAN_NOTIFY_EMAIL;
  const account = await ensureClinicianAccount(email);
  const token = await createSetupToken(account.id);
  console.log(`\nClinician account: ${account.email}`);
  console.log(
    `Open this link within 24 hours to set your password and authenticator (it works once):\n\n  ${siteUrl(`/dashboard/setup?token=${token}`)}\n`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
