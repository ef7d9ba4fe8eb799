/**
 * Consultations for the clinician, with the client's contact details and note (decrypted
 * here, audited as a read of client data).
 */
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { decryptField } from "@/lib/platform/crypto";
import { prisma } from "@/lib/platform/db";
import { keyRing } from "@/lib/platform/keys";

export type DashboardBooking = {
  id: string;
  startsAt: Date;
  status: string;
  firstName: string;
  email: string;
  phone: string | null;
  note: string | null;
  contactMethod: string;
  clientTimeZone: string;
  intakeId: string | null;
};

export async function listBookings(clinician: CurrentUser, scope: "upcoming" | "past", now = new Date()): Promise<DashboardBooking[]> {
  const rows = await prisma.booking.findMany({
    where:
      scope === "upcoming"
        ? { status: "CONFIRMED", startsAt: { gte: now } }
        : { status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW", "CANCELLED"] }, startsAt: { lt: now } },
    orderBy: { startsAt: scope === "upcoming" ? "asc" : "desc" },
    take: 100,
    select: {
      id: true,
      startsAt: true,
      status: true,
      email: true,
      firstNameEnc: true,
      phoneEnc: true,
      noteEnc: true,
      contactMethod: true,
      clientTimeZone: true,
      client: { select: { intake: { select: { id: true } } } },
    },
  });
  await recordAudit({ actor: { id: clinician.id, role: clinician.role }, action: `booking.list.${scope}`, subjectType: "Booking", outcome: "allowed" });
  const ring = keyRing();
  const open = (value: string | null, id: string, field: string) => (value ? decryptField(ring, value, `Booking.${field}:${id}`) : null);
  return rows.map((row) => ({
    id: row.id,
    startsAt: row.startsAt,
    status: row.status,
    firstName: open(row.firstNameEnc, row.id, "firstName") ?? "",
    email: row.email,
    phone: open(row.phoneEnc, row.id, "phone"),
    note: open(row.noteEnc, row.id, "note"),
    contactMethod: row.contactMethod,
    clientTimeZone: row.clientTimeZone,
    intakeId: row.client?.intake?.id ?? null,
  }));
}
