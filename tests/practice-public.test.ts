/**
 * What the public sees of the practice (lib/practice/profile.ts, defaults.ts) and her Notice
 * of Privacy Practices (lib/practice/privacy-notice.ts and its action), against the real
 * PostgreSQL test database: placeholders are left out, a database outage serves the last copy
 * read, and the notice is saved only when valid. next/cache and the session are mocked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn(), updateTag: vi.fn() }));
const requireClinician = vi.hoisted(() =>
  vi.fn(async () => ({ id: "vt-public-clinician", email: "dr.public@practice.test", role: "CLINICIAN" as const, sessionId: "s" })),
);
vi.mock("@/lib/auth/session", () => ({ requireClinician }));

const { prisma } = await import("@/lib/platform/db");
const { telHref } = await import("@/lib/platform/validation");
const { PLACEHOLDER_SETTINGS, publicCredentials, publicValue } = await import("@/lib/practice/defaults");
const profile = await import("@/lib/practice/profile");
const { getPrivacyNotice } = await import("@/lib/practice/privacy-notice");
const { PRIVACY_NOTICE_TEMPLATE } = await import("@/lib/practice/privacy-notice-text");
const { savePrivacyNoticeAction } = await import("@/lib/actions/practice");

let before: Awaited<ReturnType<typeof prisma.practiceSettings.findUnique>>;

async function storeProfile(fields: Partial<typeof PLACEHOLDER_SETTINGS> = {}) {
  const data = { ...PLACEHOLDER_SETTINGS, ...fields, privacyNotice: null, privacyNoticeSavedAt: null };
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

beforeAll(async () => {
  before = await prisma.practiceSettings.findUnique({ where: { id: 1 } });
});

beforeEach(async () => {
  await storeProfile();
  revalidatePath.mockClear();
});

afterAll(async () => {
  if (before) {
    const rest = Object.fromEntries(Object.entries(before).filter(([key]) => key !== "id" && key !== "updatedAt"));
    await prisma.practiceSettings.update({ where: { id: 1 }, data: rest });
  } else await prisma.practiceSettings.deleteMany({});
  await prisma.$disconnect();
});

describe("the public view of the profile", () => {
  test("a seeded placeholder is never public; her own brackets are", () => {
    expect(publicValue("[practice phone]")).toBeNull();
    expect(publicValue("[Fee] per 50-minute session")).toBeNull();
    expect(publicValue("  ")).toBeNull();
    expect(publicValue("Dr. Jane Smith [she/her]")).toBe("Dr. Jane Smith [she/her]");
    expect(publicValue(" (512) 555-0142 ")).toBe("(512) 555-0142");
    expect(publicCredentials(PLACEHOLDER_SETTINGS.credentials)).toBe(
      "Clinical Psychologist · Certified in Perinatal Mental Health (PMH-C)",
    );
    expect(publicCredentials("[degree and license]")).toBeNull();
    expect(publicCredentials("PhD · Licensed Psychologist (TX 12345)")).toBe("PhD · Licensed Psychologist (TX 12345)");
  });

  test("the seeded profile shows only what is real; her details appear once set", async () => {
    const seeded = await profile.getPublicProfile();
    expect(seeded).toMatchObject({
      practiceName: PLACEHOLDER_SETTINGS.practiceName,
      clinicianName: null,
      location: null,
      telehealthStates: [],
      contactEmail: null,
      contactPhone: null,
      sessionFee: null,
      feeNotes: null,
      consultationFee: "Free 20-minute consultation",
      stale: false,
    });
    expect(JSON.stringify(seeded)).not.toMatch(/\[(practice|Clinician|City|State|Fee|Payment|degree)/);

    await storeProfile({ contactPhone: "(512) 555-0142", telehealthStates: ["Texas", "[State]"] });
    expect(await profile.getPublicProfile()).toMatchObject({ contactPhone: "(512) 555-0142", telehealthStates: ["Texas"] });
  });

  test("with the database unreadable the public view is the last copy read, marked stale; her settings form gets an error instead", async () => {
    await storeProfile({ practiceName: "Outage Practice", contactPhone: "(512) 555-0199" });
    expect((await profile.getPublicProfile()).practiceName).toBe("Outage Practice");
    const down = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const spy = vi.spyOn(prisma.practiceSettings, "findUnique").mockRejectedValue(down);
    try {
      const shown = await profile.getLivePublicProfile();
      expect(shown).toMatchObject({ practiceName: "Outage Practice", contactPhone: "(512) 555-0199", stale: true });
      // Within the next few seconds the public view does not wait for the database again.
      expect(await profile.getPublicProfile()).toMatchObject({ practiceName: "Outage Practice", stale: true });
      await expect(profile.getPracticeProfile()).rejects.toBe(down);
    } finally {
      spy.mockRestore();
    }
    expect(await profile.getLivePublicProfile()).toMatchObject({ practiceName: "Outage Practice", stale: false });
  });

  test("a phone number as typed becomes a dialable tel: link", () => {
    expect(telHref("(512) 555-0142")).toBe("tel:5125550142");
    expect(telHref(" +49 30 1234-567 ")).toBe("tel:+49301234567");
    expect(telHref("1-800-944-4773")).toBe("tel:18009444773");
  });
});

describe("the Notice of Privacy Practices", () => {
  test("is the built-in template until she saves her own", async () => {
    expect(await getPrivacyNotice()).toEqual({ markdown: PRIVACY_NOTICE_TEMPLATE, savedAt: null });
    // The template names no one and holds no placeholder, so nothing bracketed can reach the page.
    expect(PRIVACY_NOTICE_TEMPLATE).not.toMatch(/\[[^\]]+\]/);
  });

  test("saving stores her text as reviewed now; a refused save changes nothing and returns what she typed", async () => {
    const refused = await savePrivacyNoticeAction(null, form({ privacyNotice: "   " }));
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { privacyNotice: "Please enter the notice." },
      values: { privacyNotice: "   " },
    });
    const tooLong = "x".repeat(50_001);
    const long = await savePrivacyNoticeAction(null, form({ privacyNotice: tooLong }));
    expect(long).toMatchObject({ ok: false, values: { privacyNotice: tooLong } });
    expect(long?.ok === false && long.fieldErrors.privacyNotice).toMatch(/at most 50,000 characters/);
    expect((await getPrivacyNotice()).savedAt).toBeNull();

    const saved = await savePrivacyNoticeAction(null, form({ privacyNotice: "  ## Our notice\r\n\r\nText.\u0000  " }));
    expect(saved).toMatchObject({ ok: true });
    const notice = await getPrivacyNotice();
    expect(notice.markdown).toBe("## Our notice\n\nText.");
    expect(notice.savedAt).toBeInstanceOf(Date);
  });
});
