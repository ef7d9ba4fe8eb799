import { AppHeader } from "@/components/site/app-header";
import { DASHBOARD_LINKS } from "@/components/dashboard/links";
import { signOutClinicianAction } from "@/lib/actions/auth";

export function DashboardNav({ practiceName }: { practiceName: string }) {
  return (
    <AppHeader
      brand={
        <>
          {practiceName} <span className="small">· Dashboard</span>
        </>
      }
      brandHref="/dashboard"
      navLabel="Dashboard"
      links={DASHBOARD_LINKS}
      signOut={signOutClinicianAction}
      className="dashboard-header"
    />
  );
}
