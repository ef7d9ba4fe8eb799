import type { ReactNode } from "react";
import { CRISIS } from "@/lib/practice/crisis";
import { CallLink, CrisisLine, TextLink } from "@/components/ui/crisis-line";
import { NoStore } from "@/components/ui/no-store";

export type ErrorAudience = "public" | "portal" | "dashboard";

/**
 * What a person sees when a page fails on our side (the database is restarting, say).
 * Written for someone who may be exhausted or anxious and on a phone: it was not their
 * fault, what is kept, one clear thing to do, and where to get help now.
 *
 * It renders on the server as well as in the browser (no hooks, no handlers of its own):
 * Next renders error.tsx only in the browser, so the server-rendered failures (components/ui/
 * page-guard.tsx) use this directly and work with JavaScript off. "Try again" is a link to the
 * same address unless the caller passes a retry of its own; the help lines are on the page
 * itself, so they do not depend on another page loading. Only a reference is shown, never an
 * error's message, which could quote internals.
 */
export function ErrorPage({ audience, reference, retry }: { audience: ErrorAudience; reference?: string; retry?: ReactNode }) {
  return (
    <div className="container narrow section prose error-page">
      <meta name="robots" content="noindex" />
      <NoStore />
      <h1>Something went wrong on our side</h1>
      <p>This was not caused by anything you did. The page could not load just now; this usually clears up within a minute or two.</p>
      {audience === "portal" && (
        <p>
          Your intake answers are saved as you go: anything that was marked &ldquo;Saved&rdquo; is kept, and you can carry on from there.
        </p>
      )}
      {audience === "dashboard" && <p>Changes you had already saved are kept. Anything not yet saved may need to be entered again.</p>}
      <p>
        {retry ?? (
          // An empty href is this same address: a plain reload, which needs no script.
          <a href="" className="button">
            Try again
          </a>
        )}
      </p>
      {audience !== "dashboard" && (
        <div className="error-page-help">
          <p>
            If you need help right now, <CrisisLine named /> in an emergency.
          </p>
          <p>
            Pregnant or a new parent? The {CRISIS.maternal.label}: <CallLink tel={CRISIS.maternal.tel}>{CRISIS.maternal.display}</CallLink>{" "}
            or <TextLink sms={CRISIS.maternal.sms}>text the hotline</TextLink>, 24/7. {CRISIS.psi.label} (not for emergencies):{" "}
            <CallLink tel={CRISIS.psi.tel}>{CRISIS.psi.display}</CallLink>.
          </p>
          <p>
            {/* A plain link: a full page load reaches /get-help even when the page's scripts have failed. */}
            <a href="/get-help">More ways to get help now</a>
          </p>
        </div>
      )}
      {reference && <p className="small">If you contact the practice about this, you can mention this reference: {reference}</p>}
    </div>
  );
}
