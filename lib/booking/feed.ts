/**
 * Her consultations out: a secret, revocable subscription address (an ICS feed) for her own
 * calendar app. Only a hash of the token is stored, so the address is shown once when made;
 * making a new one or revoking it ends the old one at once. The entries say "Consultation",
 * the time, how it happens and a link to the booking in the dashboard: no client details.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { buildIcsFeed } from "@/lib/booking/calendar";
import { clinicianView } from "@/lib/booking/consultation";
import { consultationFields, consultationFor } from "@/lib/booking/queries";
import { DEFAULT_BOOKING_SETTINGS, getConsultationSettings } from "@/lib/booking/rules";
import { prisma } from "@/lib/platform/db";
import { siteUrl } from "@/lib/platform/site";
import { getPracticeProfile } from "@/lib/practice/profile";

const DAY_MS = 24 * 60 * 60 * 1000;
const hash = (token: string) => createHash("sha256").update(`haven-feed:${token}`).digest("hex");

export const feedUrl = (token: string) => siteUrl(`/api/calendar-feed/${token}`);

/** A new address (the old one stops working); returns the token, shown to her once. */
export async function createFeedToken(): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await prisma.bookingSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...DEFAULT_BOOKING_SETTINGS, feedTokenHash: hash(token) },
    update: { feedTokenHash: hash(token) },
  });
  return token;
}

export async function revokeFeed(): Promise<void> {
  await prisma.bookingSettings.updateMany({ where: { id: 1 }, data: { feedTokenHash: null } });
}

export async function hasFeed(): Promise<boolean> {
  return (await prisma.bookingSettings.count({ where: { id: 1, feedTokenHash: { not: null } } })) === 1;
}

/** The feed for a token, or null when the token is not the current one. */
export async function feedFor(token: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const current = await prisma.bookingSettings.findFirst({ where: { id: 1, feedTokenHash: hash(token) }, select: { id: true } });
  if (!current) return null;
  const [rows, settings, profile] = await Promise.all([
    prisma.booking.findMany({
      where: { status: "CONFIRMED", startsAt: { gte: new Date(now.getTime() - 30 * DAY_MS), lte: new Date(now.getTime() + 366 * DAY_MS) } },
      orderBy: { startsAt: "asc" },
      take: 2000,
      select: { ...consultationFields, icsUid: true, icsSequence: true, startsAt: true, endsAt: true },
    }),
    getConsultationSettings(),
    getPracticeProfile(),
  ]);
  const organizerEmail = "no-reply@haven.invalid";
  return buildIcsFeed(
    rows.map((row) => {
      const link = siteUrl(`/dashboard/bookings#booking-${row.id}`);
      const how = clinicianView(consultationFor({ ...row, phoneEnc: null }, settings, profile.clinicianName));
      return {
        uid: row.icsUid,
        sequence: row.icsSequence,
        start: row.startsAt,
        end: row.endsAt,
        summary: "Consultation",
        description: `${how.line}\n\nOpen in Haven: ${link}`,
        location: how.location,
        url: link,
        organizerEmail,
      };
    }),
    "Haven consultations",
  );
}
