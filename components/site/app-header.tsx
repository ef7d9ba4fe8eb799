import Link from "@/components/ui/link";

type NavLink = { href: string; label: string; className?: string };

/**
 * The one header: brand, a named navigation list, and an optional sign-out button. Signing
 * out is a plain form post to `signOutPath` (not a server action), so it ends in a full page
 * load: nothing of the signed-in page stays in the document (see lib/auth/http.ts).
 */
export function AppHeader({
  brand,
  brandHref = "/",
  navLabel,
  links,
  signOutPath,
  className = "",
}: {
  brand: React.ReactNode;
  brandHref?: string;
  navLabel: string;
  links: readonly NavLink[];
  signOutPath?: string;
  className?: string;
}) {
  return (
    <header className={`site-header ${className}`.trim()}>
      <div className="container header-inner">
        <Link href={brandHref} className="brand">
          {brand}
        </Link>
        <nav aria-label={navLabel}>
          <ul className="nav-list">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className={link.className}>
                  {link.label}
                </Link>
              </li>
            ))}
            {signOutPath && (
              <li>
                <form method="post" action={signOutPath}>
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** next-auth's sign-out address, answered by lib/auth/http.ts. */
export const SIGN_OUT_PATH = "/api/auth/signout";

export const GET_HELP_LINK: NavLink = { href: "/get-help", label: "Get help now", className: "nav-help" };
