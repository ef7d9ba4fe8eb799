import { DateTime } from "luxon";
import { getBookingRules } from "@/lib/booking/service";
import { needsUrgentAttentionWhere } from "@/lib/intake/review";
import { prisma } from "@/lib/platform/db";

/** Counts for the overview; no clinical content, so nothing here is audited. */
export async function getDashboardOverview(now = new Date()) {
  const rules = await getBookingRules();
  const local = DateTime.fromJSDate(now, { zone: rules.timeZone });
  const dayStart = local.startOf("day").toJSDate();
  const dayEnd = local.endOf("day").toJSDate();
  const weekEnd = local.plus({ days: 7 }).toJSDate();
  const [urgentIntakes, newIntakes, todayCount, weekCount, failedEmails, upcoming] = await Promise.all([
    // A followed-up flag no longer counts (the intake still shows as was-urgent in the list).
    prisma.intake.count({ where: needsUrgentAttentionWhere() }),
    prisma.intake.count({ where: { status: "SUBMITTED" } }),
    prisma.booking.count({ where: { status: "CONFIRMED", startsAt: { gte: dayStart, lte: dayEnd } } }),
    prisma.booking.count({ where: { status: "CONFIRMED", startsAt: { gte: now, lte: weekEnd } } }),
    prisma.outboxEmail.count({ where: { status: "FAILED" } }),
    prisma.booking.findMany({
      where: { status: "CONFIRMED", startsAt: { gte: now, lte: weekEnd } },
      orderBy: { startsAt: "asc" },
      take: 10,
      select: { id: true, startsAt: true },
    }),
  ]);
  return { timeZone: rules.timeZone, urgentIntakes, newIntakes, todayCount, weekCount, failedEmails, upcoming };
}
