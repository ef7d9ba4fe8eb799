import type { Metadata } from "next";
import { EpdsForm, PhotoForm, ProfileForm } from "@/components/practice/profile-form";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getBookingRules } from "@/lib/booking/service";
import { getEditableProfile, getEpdsSettings } from "@/lib/dashboard/settings";

export const metadata: Metadata = { title: "Practice profile", robots: { index: false } };

export default async function ProfilePage() {
  await requireClinician("/dashboard/profile");
  const [{ photoType, photoVersion, ...profile }, epds, rules] = await Promise.all([getEditableProfile(), getEpdsSettings(), getBookingRules()]);
  const photoUrl = photoType && photoVersion ? `/practice-photo?${new URLSearchParams({ v: photoVersion })}` : null;
  return (
    <div className="narrow">
      <h1>Practice profile</h1>
      <p className="lead">What the public pages say about you and the practice. Changes appear on the site as soon as you save.</p>

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
        <EpdsForm
          initial={{
            enabled: epds.enabled,
            sensitiveCutoff: epds.sensitiveCutoff,
            permissionBy: epds.permissionBy,
            permissionAt: epds.permissionAt ? formatDateTime(epds.permissionAt, rules.timeZone) : null,
          }}
        />
      </section>
    </div>
  );
}
