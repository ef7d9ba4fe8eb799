import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPublicProfile } from "@/lib/practice/profile";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "About",
  description: "A clinical psychologist specializing in reproductive mental health and certified in perinatal mental health.",
  path: "/about",
});

export default async function AboutPage() {
  const profile = await getPublicProfile();
  const telehealth = profile.telehealthStates.length > 0 ? profile.telehealthStates.join(", ") : null;
  return (
    <div className="container narrow section prose">
      {profile.photoUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a small, already size-checked upload served from our own route
        <img
          src={profile.photoUrl}
          alt={profile.clinicianName ? `Portrait of ${profile.clinicianName}` : "Portrait of the psychologist"}
          className="portrait"
          width={160}
          height={160}
        />
      )}
      <h1>{profile.clinicianName ? `About ${profile.clinicianName}` : "About me"}</h1>
      {profile.credentials && <p className="meta">{profile.credentials}</p>}
      {profile.bio && <p>{profile.bio}</p>}
      <h2>How I work</h2>
      <ul>
        <li>
          <strong>Person-centered care:</strong> you set the pace, and what matters to you leads our work.
        </li>
        <li>
          <strong>Attachment theory:</strong> we look at how your own early relationships shape the way you connect with your baby, your
          partner and yourself.
        </li>
        <li>
          <strong>Practical coping skills:</strong> grounding, sleep protection, managing intrusive thoughts and communicating needs, so
          that each session leaves you with something to use.
        </li>
      </ul>
      {(profile.location || telehealth) && (
        <>
          <h2>Where I practise</h2>
          <p>
            {profile.location && `${profile.location}. `}
            {telehealth && `Sessions are ${profile.location ? "also " : ""}available by secure video for residents of ${telehealth}.`}
          </p>
        </>
      )}
      <p>
        <Link href="/book" className="button">
          Book a free consultation
        </Link>
      </p>
    </div>
  );
}
