/**
 * The practice's public profile: who she is, how to reach the practice, fees. One reader
 * (getPracticeProfile, for the public pages and her settings form alike) and one writer.
 */
import "server-only";
import { cache } from "react";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";
import { prisma } from "@/lib/platform/db";
import type { ProfileInput } from "@/lib/practice/schema";

export type PracticeProfile = typeof PLACEHOLDER_SETTINGS & { photoUrl: string | null };

/** The practice's details; the seeded placeholders if the row is missing. */
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
  return { ...profile, photoUrl: photoType ? photoUrl(updatedAt) : null };
});

/** The version in the URL lets browsers cache the photo for good until it changes. */
export function photoUrl(updatedAt: Date): string {
  return `/practice-photo?${new URLSearchParams({ v: String(updatedAt.getTime()) })}`;
}

/** Stores the profile (already parsed with profileSchema by the action). */
export async function saveProfile(profile: ProfileInput): Promise<void> {
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: profile });
}
