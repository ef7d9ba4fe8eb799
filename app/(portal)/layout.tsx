import Link from "next/link";
import { signOutAction } from "@/lib/actions/auth";
import { getPracticeProfile } from "@/lib/settings";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const profile = await getPracticeProfile();
  return (
    <>
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="brand">
            {profile.practiceName}
          </Link>
          <nav aria-label="Portal">
            <ul className="nav-list">
              <li>
                <Link href="/portal">Your consultation</Link>
              </li>
              <li>
                <Link href="/get-help" className="nav-help">
                  Get help now
                </Link>
              </li>
              <li>
                <form action={signOutAction}>
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
