/**
 * Saves the practice profile through the app's own code, in a separate process (the
 * Playwright worker may hold a Prisma client bound to the main e2e database).
 * Usage (env as for the app): tsx e2e/faults/save-profile.ts '<json of profile fields>'
 * The fields are merged over the seeded placeholders; '{}' restores them. Like the profile
 * form, it then expires every cached public page on every instance (the page cache's NOTIFY,
 * lib/platform/page-cache.mjs), as revalidatePath("/", "layout") does there.
 */
async function main() {
  const fields = JSON.parse(process.argv[2] ?? "{}") as Record<string, unknown>;
  const { PLACEHOLDER_SETTINGS } = await import("../../lib/practice/defaults");
  const { saveProfile } = await import("../../lib/practice/profile");
  const { profileSchema } = await import("../../lib/practice/schema");
  const input = { ...PLACEHOLDER_SETTINGS, telehealthStates: PLACEHOLDER_SETTINGS.telehealthStates.join(", "), ...fields };
  await saveProfile(profileSchema.parse(input));
  const { prisma } = await import("../../lib/platform/db");
  const notice = JSON.stringify({ from: "save-profile", tags: ["_N_T_/layout"] });
  await prisma.$executeRaw`SELECT pg_notify('haven_page_cache', ${notice})`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
