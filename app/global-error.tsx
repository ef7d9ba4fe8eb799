"use client";

import { CrisisFooter } from "@/components/site/crisis-footer";
import { ErrorPage } from "@/components/ui/error-page";
import "./globals.css";

// Replaces the root layout when that fails, so it brings its own <html>, styles and the
// crisis footer the root layout would have added. Its "Try again" is a full reload.
export default function GlobalError({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" tabIndex={-1}>
          <ErrorPage audience="public" reference={error.digest} />
        </main>
        <CrisisFooter />
      </body>
    </html>
  );
}
