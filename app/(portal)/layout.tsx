import { connection } from "next/server";
import { AppHeader, GET_HELP_LINK, SIGN_OUT_PATH } from "@/components/site/app-header";
import { unavailablePage } from "@/components/ui/page-guard";
import { getLivePublicProfile } from "@/lib/practice/profile";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  const profile = await getLivePublicProfile();
  return (
    <>
      <AppHeader
        brand={profile.practiceName}
        navLabel="Portal"
        links={[{ href: "/portal", label: "Your consultation" }, { href: "/portal/privacy", label: "Your information" }, GET_HELP_LINK]}
        signOutPath={SIGN_OUT_PATH}
      />
      <main id="main" tabIndex={-1}>
        {/* Every portal page starts with the session, in the database: when the profile could
            not be read either, the page would fail to an empty document, so the error page
            (server-rendered, with the header above) takes its place. */}
        {profile.stale ? unavailablePage("portal", "portal") : children}
      </main>
    </>
  );
}
