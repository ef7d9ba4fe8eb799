import type { Metadata } from "next";
import { NotFoundContent } from "@/components/site/not-found-content";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getPublicProfile } from "@/lib/practice/profile";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Unmatched addresses (a real 404, rendered on the server by Next's own not-found route) and
 * notFound() anywhere. This takes the place of every group's layout, so it brings the site's
 * header and footer itself. Pages whose address matched but whose record does not exist (an
 * unknown article) render NotFoundContent in place instead: a thrown notFound() is rendered
 * only by the browser's JavaScript (see components/ui/page-guard.tsx).
 */
export default async function NotFound() {
  const profile = await getPublicProfile();
  return (
    <>
      <SiteHeader practiceName={profile.practiceName} />
      <main id="main" tabIndex={-1}>
        <NotFoundContent />
      </main>
      <SiteFooter profile={profile} />
    </>
  );
}
