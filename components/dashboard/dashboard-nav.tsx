import Link from "next/link";
import { DASHBOARD_LINKS } from "@/components/dashboard/links";
import { signOutClinicianAction } from "@/lib/actions/auth";


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
