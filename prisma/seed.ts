/**
 * Idempotent seed: creates the practice settings and the first articles when they are
 * missing, and never overwrites what the clinician has since edited.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { ensureClinicianAccount } from "../lib/auth/clinician";
import { prisma } from "../lib/platform/db";
import { env } from "../lib/platform/env";
import { DEFAULT_BOOKING_SETTINGS } from "../lib/booking/rules";
import { PLACEHOLDER_SETTINGS } from "../lib/practice/defaults";

const SEED_DIR = path.join(import.meta.dirname, "seed-data");

type SeedArticle = {
  file: string;
  publishedAt: Date;
};

// Her article comes first; the military-families draft follows it, so her page's "Next"
// link leads there as it did on her old site.
const ARTICLES: SeedArticle[] = [
  { file: "a-difficult-connection.md", publishedAt: new Date("2026-09-15T14:00:00Z") },
  { file: "coping-while-theyre-away.md", publishedAt: new Date("2026-10-06T14:00:00Z") },
];

export async function seed() {
  // The clinician's account, without a password: `npm run clinician:setup` prints her
  // one-time link to set one and enrol her authenticator.
  await ensureClinicianAccount(env().CLINICIAN_NOTIFY_EMAIL);

  await prisma.practiceSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...PLACEHOLDER_SETTINGS },
    update: {},
  });

  await prisma.bookingSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...DEFAULT_BOOKING_SETTINGS },
    update: {},
  });

  for (const { file, publishedAt } of ARTICLES) {
    const { data, content } = matter(readFileSync(path.join(SEED_DIR, file), "utf8"));
    const article = {
      slug: String(data.slug),
      title: String(data.title),
      summary: String(data.summary),
      tags: (data.tags as string[]).map(String),
      body: content.trim() + "\n",
      isPlaceholder: data.placeholder === true,
      status: "PUBLISHED" as const,
      publishedAt,
    };
    await prisma.article.upsert({ where: { slug: article.slug }, create: article, update: {} });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(() => console.log("Seed complete."))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
