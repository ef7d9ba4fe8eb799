import { AppHeader, GET_HELP_LINK, SIGN_OUT_PATH } from "@/components/site/app-header";
import { getPracticeProfile } from "@/lib/practice/profile";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const profile = await getPracticeProfile();
  return (
    <>
      <AppHeader
        brand={profile.practiceName}
        navLabel="Portal"
        links={[{ href: "/portal", label: "Your consultation" }, GET_HELP_LINK]}
        signOutPath={SIGN_OUT_PATH}
      />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
