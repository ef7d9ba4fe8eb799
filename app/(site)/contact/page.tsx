import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPracticeProfile } from "@/lib/practice/profile";
import { CrisisLine } from "@/components/ui/crisis-line";

export const metadata = pageMetadata({
  title: "Contact",
  description: "How to reach the practice. Email is not monitored for emergencies.",
  path: "/contact",
});

export default async function ContactPage() {
  const profile = await getPracticeProfile();
  return (
    <div className="container narrow section prose">
      <h1>Contact</h1>
      <p>
        The easiest way to start is to <Link href="/book">book a free consultation</Link>. You can also reach the practice directly:
      </p>
      <ul>
        <li>Email: {profile.contactEmail}</li>
        <li>Phone: {profile.contactPhone}</li>
        <li>Location: {profile.location}</li>
      </ul>
      <section className="notice" aria-labelledby="not-emergency">
        <h2 id="not-emergency">Email and messages are not for emergencies</h2>
        <p>
          Messages are read during business hours only. If you are in crisis or worried about your safety or your baby&rsquo;s,{" "}
          <CrisisLine />. <Link href="/get-help">More ways to get help now</Link>.
        </p>
      </section>
    </div>
  );
}
