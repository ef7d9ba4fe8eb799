/**
 * The practice's Notice of Privacy Practices: the one reader (the public page and her form)
 * and the one writer. Until she saves her own, the notice is the built-in template, and
 * says so.
 */
import "server-only";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";
import { PRIVACY_NOTICE_MAX, PRIVACY_NOTICE_TEMPLATE } from "@/lib/practice/privacy-notice-text";
import { prisma } from "@/lib/platform/db";
import { cleanStrings } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

export type PrivacyNotice = {
  markdown: string;
  /** When she last saved it; null while the public page shows the unreviewed template. */
  savedAt: Date | null;
};

export async function getPrivacyNotice(): Promise<PrivacyNotice> {
  const row = await prisma.practiceSettings.findUnique({ where: { id: 1 }, select: { privacyNotice: true, privacyNoticeSavedAt: true } });
  if (!row?.privacyNotice) return { markdown: PRIVACY_NOTICE_TEMPLATE, savedAt: null };
  return { markdown: row.privacyNotice, savedAt: row.privacyNoticeSavedAt };
}

export const privacyNoticeSchema = z.preprocess(
  cleanStrings,
  z.object({
    privacyNotice: z
      .string({ error: "Please enter the notice." })
      // Browsers post a textarea's line breaks as CRLF.
      .transform((value) => value.replace(/\r\n?/g, "\n"))
      .pipe(
        z
          .string()
          .trim()
          .min(1, { error: "Please enter the notice." })
          .max(PRIVACY_NOTICE_MAX, {
            error: `The notice can be at most ${PRIVACY_NOTICE_MAX.toLocaleString("en-US")} characters. Please shorten it.`,
          }),
      ),
  }),
);

export type PrivacyNoticeInput = z.output<typeof privacyNoticeSchema>;

/** Stores her notice (already parsed with privacyNoticeSchema by the action) as reviewed now. */
export async function savePrivacyNotice(input: PrivacyNoticeInput, now = new Date()): Promise<void> {
  const data = { privacyNotice: input.privacyNotice, privacyNoticeSavedAt: now };
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...PLACEHOLDER_SETTINGS, ...data }, update: data });
}
