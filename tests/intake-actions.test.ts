/**
 * The intake step form's own action, as a plain POST sends it (a FormData): it saves what
 * was typed, then moves on or comes back with a message per question and the values kept.
 * Against the real PostgreSQL test database.
 */
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";

const mocks = vi.hoisted(() => {
  class Redirect extends Error {
    constructor(readonly url: string) {
      super(`redirect ${url}`);
    }
  }
  return { Redirect, user: { id: "", email: "step-client@example.test", role: "CLIENT" as const, sessionId: "s" } };
});
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new mocks.Redirect(url);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({ requireClient: vi.fn(async () => mocks.user), requireClinician: vi.fn() }));

process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { prisma } = await import("@/lib/platform/db");
const { saveIntakeStepAction, submitIntakeAction } = await import("@/lib/actions/intake");
const service = await import("@/lib/intake/service");

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

/** The action's outcome: where it redirected, or what it returned. */
async function post(fields: Record<string, string | string[]>) {
  try {
    return { returned: await saveIntakeStepAction(null, form(fields)) };
  } catch (error) {
    if (error instanceof mocks.Redirect) return { redirect: error.url };
    throw error;
  }
}

const ABOUT_YOU = {
  step: "about-you",
  intent: "continue",
  legalName: "Stepform Person",
  dateOfBirth: "1990-01-15",
  phone: "(555) 010-2000",
  state: "Ohio",
  emergencyName: "Sam",
  emergencyRelationship: "Partner",
  emergencyPhone: "(555) 010-3000",
};

const draft = async () => service.getOrCreateClientIntake(mocks.user.id);

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Intake", "RiskEvent", "User" CASCADE');
  const user = await prisma.user.create({ data: { email: mocks.user.email, role: "CLIENT" }, select: { id: true } });
  mocks.user.id = user.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("saveIntakeStepAction", () => {
  test("a complete step is saved and leads to the next step; that is where she resumes", async () => {
    expect(await post(ABOUT_YOU)).toEqual({ redirect: "/portal/intake/pregnancy-and-postpartum" });
    const intake = await draft();
    expect(intake.draft["about-you"]).toMatchObject({ legalName: "Stepform Person", state: "Ohio" });
    expect(intake.resumeStep).toBe("pregnancy-and-postpartum");
  });

  test("a step with questions unanswered is saved as typed and comes back with a message per question and every value", async () => {
    const { returned } = await post({ ...ABOUT_YOU, phone: "", dateOfBirth: "" });
    expect(returned).toMatchObject({
      ok: false,
      message: expect.stringContaining("Your answers are saved"),
      fieldErrors: { phone: expect.any(String), dateOfBirth: expect.any(String) },
      values: { legalName: "Stepform Person", phone: "" },
    });
    expect((returned as { fieldErrors: Record<string, string> }).fieldErrors.legalName).toBeUndefined();
    const intake = await draft();
    expect(intake.draft["about-you"]).toMatchObject({ legalName: "Stepform Person", phone: "" });
    expect(intake.resumeStep).toBe("about-you");
  });

  test("Back saves without checking and leads to the previous step", async () => {
    expect(await post({ step: "history", intent: "back", diagnoses: "typed before going back" })).toEqual({
      redirect: "/portal/intake/what-brings-you",
    });
    expect((await draft()).draft.history).toMatchObject({ diagnoses: "typed before going back" });
  });

  test("a risk answer posted without JavaScript is recorded and flags the intake urgent", async () => {
    const answers = Object.fromEntries([...Array(9).keys()].map((i) => [`phq9.${i}`, i === 8 ? "1" : "0"]));
    const gad = Object.fromEntries([...Array(7).keys()].map((i) => [`gad7.${i}`, "0"]));
    expect(await post({ step: "screening", intent: "continue", ...answers, ...gad })).toEqual({ redirect: "/portal/intake/consent" });
    expect((await draft()).urgent).toBe(true);
    expect(await prisma.riskEvent.findMany({ select: { measure: true, item: true, source: true } })).toEqual([
      { measure: "phq9", item: 9, source: "draft" },
    ]);
  });

  test("an unknown step, the review, or something that is not a form: a message and nothing saved", async () => {
    for (const step of ["review", "no-such-step", ""]) {
      expect((await post({ step, legalName: "x" })).returned).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(await saveIntakeStepAction(null, { step: "about-you" } as unknown as FormData)).toMatchObject({ ok: false });
    expect(await prisma.intake.count({ where: { draftEnc: { not: null } } })).toBe(0);
  });

  test("answers too long to store are refused with the field's message, and nothing is saved", async () => {
    const { returned } = await post({ ...ABOUT_YOU, legalName: "x".repeat(6000) });
    expect(returned).toMatchObject({ ok: false, fieldErrors: { legalName: expect.stringContaining("under 200") } });
    expect((await draft()).draft).toEqual({});
  });

  test("once submitted, a post changes nothing and leads to the submitted intake", async () => {
    await prisma.intake.create({ data: { id: "submitted-intake-step", clientId: mocks.user.id, status: "SUBMITTED" } });
    expect(await post(ABOUT_YOU)).toEqual({ redirect: "/portal/intake" });
    expect((await draft()).draft).toEqual({});
  });
});

describe("submitIntakeAction", () => {
  test("steps still needing answers come back under their names; nothing is submitted", async () => {
    await post(ABOUT_YOU);
    const result = await submitIntakeAction();
    expect(result).toMatchObject({ ok: false, fieldErrors: { screening: expect.any(String), consent: expect.any(String) } });
    expect((await draft()).status).toBe("DRAFT");
  });

  // Found: the redirect after a submit with a risk answer put "support=1" in the address (and the browser history).
  test("a submitted intake with a risk answer leads to the submitted page with nothing about it in the address", async () => {
    const { COMPLETE_INTAKE } = await import("../e2e/data");
    for (const [step, values] of Object.entries(COMPLETE_INTAKE)) {
      const withRisk = step === "screening" ? { ...values, phq9: [...COMPLETE_INTAKE.screening.phq9.slice(0, 8), 2] } : values;
      await service.saveDraft(mocks.user.id, step as "about-you", withRisk as Record<string, unknown>);
    }
    await expect(submitIntakeAction()).rejects.toMatchObject({ url: "/portal/intake?submitted=1" });
    expect((await draft()).urgent).toBe(true);
  });
});
