/**
 * The clinical settings: whether the EPDS is part of the questionnaires, with which cutoff,
 * and who confirmed the permission to use it. One reader, one writer.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { prisma, type Db } from "@/lib/platform/db";
import type { EpdsChoice } from "@/lib/intake/schema";

export type ClinicalSettings = {
  epdsEnabled: boolean;
  epdsSensitiveCutoff: boolean;
  epdsPermissionBy: string | null;
  epdsPermissionAt: Date | null;
};

/** What scoring and validation need to know. */
export type ClinicalOptions = Pick<ClinicalSettings, "epdsEnabled" | "epdsSensitiveCutoff">;

export async function getClinicalSettings(db: Db = prisma): Promise<ClinicalSettings> {
  const row = await db.clinicalSettings.findUnique({
    where: { id: 1 },
    select: { epdsEnabled: true, epdsSensitiveCutoff: true, epdsPermissionBy: true, epdsPermissionAt: true },
  });
  return row ?? { epdsEnabled: false, epdsSensitiveCutoff: false, epdsPermissionBy: null, epdsPermissionAt: null };
}

/**
 * Turns the EPDS on or off (the choice already parsed with epdsSchema, which requires her
 * confirmation of permission to turn it on). Who confirmed and when is stored with the
 * setting (and cleared when it is turned off), and every change is in the audit trail.
 */
export async function setEpdsPermission(choice: EpdsChoice, clinician: CurrentUser, now = new Date()): Promise<ClinicalSettings> {
  if (clinician.role !== "CLINICIAN") throw new Error("Only the clinician can change the EPDS setting");
  const { enabled, sensitiveCutoff } = choice;
  return prisma.$transaction(async (tx) => {
    const current = await getClinicalSettings(tx);
    // A fresh confirmation is recorded when it is turned on; staying on keeps the original.
    const confirmation =
      enabled && current.epdsEnabled && current.epdsPermissionBy
        ? { epdsPermissionBy: current.epdsPermissionBy, epdsPermissionAt: current.epdsPermissionAt }
        : enabled
          ? { epdsPermissionBy: clinician.email, epdsPermissionAt: now }
          : { epdsPermissionBy: null, epdsPermissionAt: null };
    const data = { epdsEnabled: enabled, epdsSensitiveCutoff: sensitiveCutoff, ...confirmation };
    await tx.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordAudit(
      {
        actor: { id: clinician.id, role: clinician.role },
        action: "settings.epds",
        subjectType: "ClinicalSettings",
        subjectId: "1",
        outcome: "allowed",
      },
      tx,
    );
    return getClinicalSettings(tx);
  });
}
