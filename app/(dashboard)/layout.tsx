import { connection } from "next/server";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { failurePage } from "@/components/ui/page-guard";
import { requireClinician } from "@/lib/auth/session";
import { getPublicProfile } from "@/lib/practice/profile";
import "./dashboard.css";

// Convenience only: every dashboard page, action and route checks requireClinician() itself.
// When that check cannot reach the database, the header stays and the error page, rendered
// here on the server, takes the page's place.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  let failure: React.ReactNode = null;
  try {
    await requireClinician();
  } catch (error) {
    failure = failurePage(error, "dashboard", "dashboard");
  }
  const profile = await getPublicProfile();
  return (
    <>
      <DashboardNav practiceName={profile.practiceName} />
      <main id="main" tabIndex={-1} className="container section dashboard-main">
        {failure ?? children}
      </main>
    </>
  );
}
