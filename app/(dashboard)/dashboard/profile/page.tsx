import type { Metadata } from "next";
import { EpdsForm, PhotoForm, ProfileForm } from "@/components/practice/profile-form";
import { NotSetYet, PrivacyNoticeSection } from "@/components/practice/public-details";
import { requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { getClinicalSettings } from "@/lib/intake/settings";
import { formatDateTime } from "@/lib/platform/format";
import { getPracticeProfile } from "@/lib/practice/profile";

export const metadata: Metadata = { title: "Practice profile", robots: { index: false } };

export default async function ProfilePage() {
  await requireClinician("/dashboard/profile");
  const [{ photoUrl, ...profile }, epds, timeZone] = await Promise.all([
    getPracticeProfile(),
    getClinicalSettings(),
    getPracticeTimeZone(),
  ]);
  return (
    <div className="narrow">
      <h1>Practice profile</h1>
      <p className="lead">What the public pages say about you and the practice. Changes appear on the site as soon as you save.</p>

      <NotSetYet />

      <section aria-labelledby="details-heading" className="section-gap">
        <h2 id="details-heading">Details</h2>
        <ProfileForm initial={profile} />
      </section>

      <section aria-labelledby="photo-heading" className="section-gap">
        <h2 id="photo-heading">Photo</h2>
        <PhotoForm photoUrl={photoUrl} />
      </section>

      <section aria-labelledby="epds-heading" className="section-gap">
        <h2 id="epds-heading">EPDS screening</h2>
        <EpdsForm initial={{ ...epds, epdsPermissionAt: epds.epdsPermissionAt ? formatDateTime(epds.epdsPermissionAt, timeZone) : null }} />
      </section>

      <PrivacyNoticeSection />
    </div>
  );
}
