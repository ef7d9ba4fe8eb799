/**
 * The practice's public profile: who she is, how to reach the practice, fees. One reader of
 * the stored values (getPracticeProfile, for her settings form and the emails), one view of
 * them for the public (getPublicProfile), and one writer.
 */
import "server-only";
import { cache } from "react";
import { PLACEHOLDER_SETTINGS, publicCredentials, publicValue } from "@/lib/practice/defaults";
import { prisma } from "@/lib/platform/db";
import type { ProfileInput } from "@/lib/practice/schema";
import { isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { errorCode, logger } from "@/lib/platform/logger";

export type PracticeProfile = typeof PLACEHOLDER_SETTINGS & { photoUrl: string | null };

/** The last profile read in this process: what the public pages show while the database is down. */
let lastRead: PracticeProfile | undefined;
/** After a failed read, the public view skips the database until then (every page reads it). */
let retryAfter = 0;
const RETRY_MS = 5_000;

/**
 * The practice's details as stored (the seeded placeholders if the row is missing). Throws
 * when the database cannot be read: her settings form must never show, and then save, a
 * stand-in as if it were her profile.
 */
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
  let profile: PracticeProfile;
  if (!row) profile = { ...PLACEHOLDER_SETTINGS, photoUrl: null };
  else {
    const { photoType, updatedAt, ...rest } = row;
    profile = { ...rest, photoUrl: photoType ? photoUrl(updatedAt) : null };
  }
  lastRead = profile;
  retryAfter = 0;
  return profile;
});

/**
 * What the public may see of the profile: a value still holding a seeded placeholder is
 * null (pages leave it out), and so is an empty one.
 */
export type PublicProfile = {
  practiceName: string;
  clinicianName: string | null;
  credentials: string | null;
  tagline: string;
  bio: string | null;
  location: string | null;
  telehealthStates: string[];
  contactEmail: string | null;
  contactPhone: string | null;
  sessionFee: string | null;
  consultationFee: string | null;
  feeNotes: string | null;
  photoUrl: string | null;
  /** True when the database could not be read and this is the last copy read, or the defaults. */
  stale: boolean;
};

export function toPublicProfile(profile: PracticeProfile, stale = false): PublicProfile {
  return {
    practiceName: publicValue(profile.practiceName) ?? PLACEHOLDER_SETTINGS.practiceName,
    clinicianName: publicValue(profile.clinicianName),
    credentials: publicCredentials(profile.credentials),
    tagline: publicValue(profile.tagline) ?? PLACEHOLDER_SETTINGS.tagline,
    bio: publicValue(profile.bio),
    location: publicValue(profile.location),
    telehealthStates: profile.telehealthStates.map(publicValue).filter((state): state is string => state !== null),
    contactEmail: publicValue(profile.contactEmail),
    contactPhone: publicValue(profile.contactPhone),
    sessionFee: publicValue(profile.sessionFee),
    consultationFee: publicValue(profile.consultationFee),
    feeNotes: publicValue(profile.feeNotes),
    photoUrl: profile.photoUrl,
    stale,
  };
}

async function publicProfile(alwaysAsk: boolean): Promise<PublicProfile> {
  if (alwaysAsk || Date.now() >= retryAfter) {
    try {
      return toPublicProfile(await getPracticeProfile());
    } catch (error) {
      retryAfter = Date.now() + RETRY_MS;
      const level = isDatabaseUnavailable(error) ? "warn" : "error";
      logger[level](
        { event: "practice.profile.unavailable", errorCode: errorCode(error), cached: !!lastRead },
        "practice profile unreadable",
      );
    }
  }
  return toPublicProfile(lastRead ?? { ...PLACEHOLDER_SETTINGS, photoUrl: null }, true);
}

/**
 * The profile for the public pages, which every layout reads: it never throws. When the
 * database is down it serves the last copy this process read (or the defaults, with every
 * detail left out), so the header, the footer and /get-help still render, and for a few
 * seconds it does not ask the database again (a connection attempt can take seconds).
 */
export const getPublicProfile = cache(() => publicProfile(false));

/**
 * The same, but always asking the database, so that `stale` means it cannot be read right
 * now: for the portal, whose pages all need it anyway.
 */
export const getLivePublicProfile = cache(() => publicProfile(true));

/** The version in the URL lets browsers cache the photo for good until it changes. */
export function photoUrl(updatedAt: Date): string {
  return `/practice-photo?${new URLSearchParams({ v: String(updatedAt.getTime()) })}`;
}

/** Stores the profile (already parsed with profileSchema by the action). */
export async function saveProfile(profile: ProfileInput): Promise<void> {
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: profile });
}
