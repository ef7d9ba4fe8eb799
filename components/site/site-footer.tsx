import Link from "@/components/ui/link";
import type { PracticeProfile } from "@/lib/practice/profile";

export function SiteFooter({ profile }: { profile: PracticeProfile }) {
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <div>
          <p className="footer-name">{profile.practiceName}</p>
          <p>
            {profile.clinicianName}, {profile.credentials}
          </p>
          <p>
            {profile.location} · Telehealth in {profile.telehealthStates.join(", ")}
          </p>
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
              <a href="/feed.xml">RSS feed</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
