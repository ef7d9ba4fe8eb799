import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPracticeProfile } from "@/lib/practice/profile";

export const metadata = pageMetadata({
  title: "About",
  description: "A clinical psychologist specializing in reproductive mental health and certified in perinatal mental health.",
  path: "/about",
});

export default async function AboutPage() {
  const profile = await getPracticeProfile();
  return (
    <div className="container narrow section prose">
      {profile.photoUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a small, already size-checked upload served from our own route
        <img src={profile.photoUrl} alt={`Portrait of ${profile.clinicianName}`} className="portrait" width={160} height={160} />
      )}
      <h1>About {profile.clinicianName}</h1>
      <p className="meta">{profile.credentials}</p>
      <p>{profile.bio}</p>
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
      <h2>Where I practise</h2>
      <p>
        {profile.location}. Sessions are also available by secure video for residents of {profile.telehealthStates.join(", ")}.
      </p>
      <p>
        <Link href="/book" className="button">
          Book a free consultation
        </Link>
      </p>
    </div>
  );
}
