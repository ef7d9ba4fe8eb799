import { cache } from "react";
import { prisma } from "@/lib/platform/db";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";

export type PracticeProfile = typeof PLACEHOLDER_SETTINGS & { photoUrl: string | null };

/** The practice's public details; the seeded placeholders if the row is missing. */
export const getPracticeProfile = cache(async (): Promise<PracticeProfile> => {
  const row = await prisma.practiceSettings.findUnique({
    where: { id: 1 },
    select: {
      practiceName: true,
      clinicianName: true,
      credentials: true,
      tagline: true,
      bio: true,
      location: true,
      telehealthStates: true,
      contactEmail: true,
      contactPhone: true,
      sessionFee: true,
      consultationFee: true,
      feeNotes: true,
      photoType: true,
      updatedAt: true,
    },
  });
  if (!row) return { ...PLACEHOLDER_SETTINGS, photoUrl: null };
  const { photoType, updatedAt, ...profile } = row;
  // The version in the URL lets browsers cache the photo for good until it changes.
  return { ...profile, photoUrl: photoType ? `/practice-photo?v=${updatedAt.getTime()}` : null };
});
