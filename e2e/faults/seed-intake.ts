/**
 * Saves a complete intake draft for a client, through the app's own code, in a separate
 * process: the Playwright worker may already hold a Prisma client bound to the main e2e
 * database. Usage (env as for the app): tsx e2e/faults/seed-intake.ts <clientId>
 */
import { COMPLETE_INTAKE } from "../data";

async function main() {
  const clientId = process.argv[2];
  if (!clientId) throw new Error("usage: seed-intake.ts <clientId>");
  const { saveDraft } = await import("../../lib/intake/service");
  for (const [step, values] of Object.entries(COMPLETE_INTAKE)) await saveDraft(clientId, step as never, values);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
