import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getPracticeProfile } from "@/lib/practice/profile";

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
