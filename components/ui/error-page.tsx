"use client";

import Link from "@/components/ui/link";
import { CrisisLine } from "@/components/ui/crisis-line";

export type ErrorAudience = "public" | "portal" | "dashboard";

/**
 * What a person sees when a page fails on our side (the database is restarting, say).
 * Written for someone who may be exhausted or anxious and on a phone: it was not their
 * fault, what is kept, one clear thing to do, and where to get help now. Only the digest
 * is shown, never error.message: in production Next replaces server messages anyway, and
 * a message could quote internals.
 */
export function ErrorPage({ audience, digest, onRetry }: { audience: ErrorAudience; digest?: string; onRetry: () => void }) {
  return (
    <div className="container narrow section prose error-page">
      <h1>Something went wrong on our side</h1>
      <p>This was not caused by anything you did. The page could not load just now; this usually clears up within a minute or two.</p>
      {audience === "portal" && (
        <p>
          Your intake answers are saved as you go: anything that was marked &ldquo;Saved&rdquo; is kept, and you can carry on from there.
        </p>
      )}
      {audience === "dashboard" && <p>Changes you had already saved are kept. Anything not yet saved may need to be entered again.</p>}
      <p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </p>
      {audience !== "dashboard" && (
        <p className="error-page-help">
          If you need help right now, <CrisisLine named /> in an emergency. <Link href="/get-help">More ways to get help now</Link>
        </p>
      )}
      {digest && <p className="small">If you contact the practice about this, you can mention this reference: {digest}</p>}
    </div>
  );
}
