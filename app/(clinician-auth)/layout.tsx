import { connection } from "next/server";
export default async function ClinicianAuthLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  return (
    <main id="main" tabIndex={-1} className="container narrow section">
      {children}
    </main>
  );
}
