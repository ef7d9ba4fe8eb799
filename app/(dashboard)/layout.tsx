import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { requireClinician } from "@/lib/auth/session";
import { getPracticeProfile } from "@/lib/practice/profile";
import "./dashboard.css";

// Convenience only: every dashboard page, action and route checks requireClinician() itself.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requireClinician();
  const profile = await getPracticeProfile();
  return (
    <>
      <DashboardNav practiceName={profile.practiceName} />
      <main id="main" tabIndex={-1} className="container section dashboard-main">
        {children}
      </main>
    </>
  );
}
