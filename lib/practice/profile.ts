/**
 * The practice's public profile: who she is, how to reach the practice, fees. One reader
 * (getPracticeProfile, for the public pages and her settings form alike) and one writer.
 */
import "server-only";
import { cache } from "react";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";
import { prisma } from "@/lib/platform/db";
import { cleanStrings } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

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

// ---------------------------------------------------------------------------------------
// Editing

const required = (label: string, max: number) =>
  z
    .string({ error: `Please enter ${label}.` })
    .trim()
    .min(1, { error: `Please enter ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max} characters.` });

// The seeded profile uses visible placeholders such as "[practice email]"; she may save the
// profile in stages, so an untouched bracketed placeholder is accepted until she replaces it.
const isPlaceholder = (value: string) => /^\[[^\]]{1,60}\]$/.test(value);

export const profileSchema = z.preprocess(
  cleanStrings,
  z.object({
    practiceName: required("the practice name", 120),
    clinicianName: required("your name as clients should see it", 120),
    credentials: required("your credentials", 300),
    tagline: required("a tagline for the home page", 300),
    bio: required("a short biography", 5000),
    location: required("the practice location", 200),
    // Typed as one comma-separated line.
    telehealthStates: z
      .string({ error: "Please list the states where you offer telehealth, separated by commas." })
      .transform((value) => [
        ...new Set(
          value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(
        z
          .array(z.string().max(40, { error: (issue) => `"${String(issue.input)}" is too long for a state name (40 characters at most).` }))
          .min(1, { error: "Please list at least one state where you offer telehealth, separated by commas." })
          .max(60, { error: "Please list at most 60 states." }),
      ),
    contactEmail: required("the practice email address", 200).refine(
      (value) => isPlaceholder(value) || z.email().safeParse(value).success,
      {
        error: "Please enter a valid email address, for example hello@yourpractice.com.",
      },
    ),
    contactPhone: required("the practice phone number", 40),
    sessionFee: required("the session fee", 200),
    consultationFee: required("the consultation fee", 200),
    feeNotes: z.string().trim().max(1000, { error: "Fee notes must be at most 1000 characters." }).default(""),
  }),
);

export type ProfileInput = z.output<typeof profileSchema>;

/** Stores the profile (already parsed with profileSchema by the action). */
export async function saveProfile(profile: ProfileInput): Promise<void> {
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: profile });
}
