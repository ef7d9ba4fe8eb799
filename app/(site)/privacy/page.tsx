import { connection } from "next/server";
import Link from "@/components/ui/link";
import { ContactLinks } from "@/components/site/contact-links";
import { guardPage } from "@/components/ui/page-guard";
import { renderArticleMarkdown } from "@/lib/articles/markdown";
import { formatDate } from "@/lib/platform/format";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPrivacyNotice } from "@/lib/practice/privacy-notice";
import { getPublicProfile } from "@/lib/practice/profile";

export const metadata = pageMetadata({
  title: "Notice of Privacy Practices",
  description: "How the practice uses and protects your health information, and your rights to see and correct it.",
  path: "/privacy",
});

// The notice the intake consent asks her clients to confirm they have read. Her own text,
// typed into a form, so it goes through the same sanitised Markdown as the articles.
export default guardPage("public", "privacy notice", async function PrivacyPage() {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  const [notice, profile] = await Promise.all([getPrivacyNotice(), getPublicProfile()]);
  return (
    <article className="container narrow section">
      <header className="article-header">
        <h1>Notice of Privacy Practices</h1>
        <p className="meta">
          {profile.practiceName}
          {notice.savedAt && (
            <>
              {" "}
              · Effective <time dateTime={notice.savedAt.toISOString()}>{formatDate(notice.savedAt)}</time>
            </>
          )}
        </p>
      </header>
      {!notice.savedAt && (
        <p className="notice" role="note">
          <strong>Template:</strong> this is the standard notice the practice starts from, not yet reviewed for this practice. Please ask
          the practice for its current notice, or for a paper copy, at your first session.
        </p>
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: renderArticleMarkdown(notice.markdown) }} />
      <aside className="card section-gap" aria-labelledby="privacy-contact">
        <h2 id="privacy-contact" className="card-title">
          Questions about your privacy
        </h2>
        <p>
          {profile.contactPhone || profile.contactEmail ? (
            <>
              Contact the practice: <ContactLinks phone={profile.contactPhone} email={profile.contactEmail} />.
            </>
          ) : (
            <>
              See the <Link href="/contact">Contact page</Link>.
            </>
          )}
        </p>
      </aside>
    </article>
  );
});
