import Link from "@/components/ui/link";

type NavLink = { href: string; label: string; className?: string };

/** The one header: brand, a named navigation list, and an optional sign-out button. */
export function AppHeader({
  brand,
  brandHref = "/",
  navLabel,
  links,
  signOut,
  className = "",
}: {
  brand: React.ReactNode;
  brandHref?: string;
  navLabel: string;
  links: readonly NavLink[];
  signOut?: () => Promise<void>;
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
            {signOut && (
              <li>
                <form action={signOut}>
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

export const GET_HELP_LINK: NavLink = { href: "/get-help", label: "Get help now", className: "nav-help" };
