import Link from "@/components/ui/link";
import type { PublicProfile } from "@/lib/practice/profile";

export function SiteFooter({ profile }: { profile: PublicProfile }) {
  const who = [profile.clinicianName, profile.credentials].filter(Boolean).join(", ");
  const telehealth = profile.telehealthStates.length > 0 ? `Telehealth in ${profile.telehealthStates.join(", ")}` : null;
  const where = [profile.location, telehealth].filter(Boolean).join(" · ");
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <div>
          <p className="footer-name">{profile.practiceName}</p>
          {who && <p>{who}</p>}
          {where && <p>{where}</p>}
        </div>
        <nav aria-label="Footer">
          <ul className="footer-links">
            <li>
              <Link href="/book">Book a free consultation</Link>
            </li>
            <li>
              <Link href="/articles">Articles</Link>
            </li>
            <li>
              <Link href="/fees">Fees and Good Faith Estimate</Link>
            </li>
            <li>
              <Link href="/contact">Contact</Link>
            </li>
            <li>
              <Link href="/privacy">Notice of Privacy Practices</Link>
            </li>
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
