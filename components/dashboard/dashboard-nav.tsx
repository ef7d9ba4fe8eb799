import Link from "next/link";
import { signOutClinicianAction } from "@/lib/actions/auth";

export const DASHBOARD_LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/intakes", label: "Intakes" },
  { href: "/dashboard/bookings", label: "Bookings" },
  { href: "/dashboard/availability", label: "Availability" },
  { href: "/dashboard/profile", label: "Profile" },
  { href: "/dashboard/articles", label: "Articles" },
  { href: "/dashboard/emails", label: "Emails" },
  { href: "/dashboard/audit", label: "Audit trail" },
] as const;

export function DashboardNav({ practiceName }: { practiceName: string }) {
  return (
    <header className="site-header dashboard-header">
      <div className="container header-inner">
        <Link href="/dashboard" className="brand">
          {practiceName} <span className="small">· Dashboard</span>
        </Link>
        <nav aria-label="Dashboard">
          <ul className="nav-list">
            {DASHBOARD_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
            <li>
              <form action={signOutClinicianAction}>
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </form>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
