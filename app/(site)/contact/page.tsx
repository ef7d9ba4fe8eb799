import { connection } from "next/server";
import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPublicProfile } from "@/lib/practice/profile";
import { CrisisLine } from "@/components/ui/crisis-line";
import { EmailLink, PhoneLink } from "@/components/site/contact-links";

export const metadata = pageMetadata({
  title: "Contact",
  description: "How to reach the practice. Email is not monitored for emergencies.",
  path: "/contact",
});

export default async function ContactPage() {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  const profile = await getPublicProfile();
  const details = [
    profile.contactEmail && (
      <li key="email">
        Email: <EmailLink email={profile.contactEmail} />
      </li>
    ),
    profile.contactPhone && (
      <li key="phone">
        Phone: <PhoneLink phone={profile.contactPhone} />
      </li>
    ),
    profile.location && <li key="location">Location: {profile.location}</li>,
  ].filter(Boolean);
  return (
    <div className="container narrow section prose">
      <h1>Contact</h1>
      <p>
        The easiest way to start is to <Link href="/book">book a free consultation</Link>.
        {details.length > 0 && " You can also reach the practice directly:"}
      </p>
      {details.length > 0 && <ul>{details}</ul>}
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
