import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getPracticeProfile } from "@/lib/settings";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const profile = await getPracticeProfile();
  return (
    <>
      <SiteHeader practiceName={profile.practiceName} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter profile={profile} />
    </>
  );
}
