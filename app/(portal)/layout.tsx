import { AppHeader, GET_HELP_LINK } from "@/components/site/app-header";
import { signOutAction } from "@/lib/actions/auth";
import { getPracticeProfile } from "@/lib/practice/profile";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const profile = await getPracticeProfile();
  return (
    <>
      <AppHeader
        brand={profile.practiceName}
        navLabel="Portal"
        links={[{ href: "/portal", label: "Your consultation" }, GET_HELP_LINK]}
        signOut={signOutAction}
      />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
