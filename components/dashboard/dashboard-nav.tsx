import { AppHeader, SIGN_OUT_PATH } from "@/components/site/app-header";
import { DASHBOARD_LINKS } from "@/components/dashboard/links";

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
      signOutPath={SIGN_OUT_PATH}
      className="dashboard-header"
    />
  );
}
