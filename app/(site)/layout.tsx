import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getPublicProfile } from "@/lib/practice/profile";
import { NoStore } from "@/components/ui/no-store";

// Never fails: with the database down the profile is the last copy read (or left out), so
// /get-help and every page that needs no data of its own still render in full.
export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const profile = await getPublicProfile();
  return (
    <>
      {profile.stale && <NoStore />}
      <SiteHeader practiceName={profile.practiceName} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter profile={profile} />
    </>
  );
}
