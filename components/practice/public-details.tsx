import Link from "@/components/ui/link";
import { formatDate } from "@/lib/platform/format";
import { getPracticeProfile, toPublicProfile } from "@/lib/practice/profile";
import { getPrivacyNotice } from "@/lib/practice/privacy-notice";
import { PrivacyNoticeForm } from "@/components/practice/privacy-notice-form";

const LABELS = {
  clinicianName: "Your name",
  credentials: "Credentials",
  bio: "Biography",
  location: "Location",
  telehealthStates: "Telehealth states",
  contactEmail: "Practice email",
  contactPhone: "Practice phone",
  sessionFee: "Session fee",
  consultationFee: "Consultation fee",
  feeNotes: "Fee notes",
} as const;

/**
 * What the public pages leave out because it is not set yet (still the seeded placeholder, or
 * empty), so that she sees at a glance what to fill in, and knows visitors never see
 * "[practice phone]".
 */
export async function NotSetYet() {
  const shown = toPublicProfile(await getPracticeProfile());
  const missing = (Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((key) => {
    const value = shown[key];
    return Array.isArray(value) ? value.length === 0 : value === null;
  });
  return (
    <section aria-labelledby="public-details-heading" className="section-gap">
      <h2 id="public-details-heading">What visitors see</h2>
      {missing.length === 0 ? (
        <p>Every detail is filled in.</p>
      ) : (
        <>
          <p>These details are not set yet, so the public pages leave them out until you fill them in below:</p>
          <ul>
            {missing.map((key) => (
              <li key={key}>
                {LABELS[key]}: <em>not set yet</em>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Her Notice of Privacy Practices: whether it is still the template, and the form to edit it. */
export async function PrivacyNoticeSection() {
  const notice = await getPrivacyNotice();
  return (
    <section aria-labelledby="privacy-notice-heading" className="section-gap">
      <h2 id="privacy-notice-heading">Notice of Privacy Practices</h2>
      {notice.savedAt ? (
        <p>
          Saved on {formatDate(notice.savedAt)}. Clients confirm they have read it when they sign the intake consent.{" "}
          <Link href="/privacy">View the public page</Link>
        </p>
      ) : (
        <p className="notice" role="note">
          <strong>Please review this notice.</strong> It is a plain template, shown on the <Link href="/privacy">public page</Link> marked
          as not yet reviewed by the practice. Clients confirm they have read it when they sign the intake consent. Read it, adapt it to how
          your practice works (and to your state&rsquo;s rules), and save it.
        </p>
      )}
      <PrivacyNoticeForm initial={notice.markdown} />
    </section>
  );
}
