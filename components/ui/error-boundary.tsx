"use client";

import { useRouter } from "next/navigation";
import { startTransition, type MouseEvent } from "react";
import { ErrorPage, type ErrorAudience } from "@/components/ui/error-page";

export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/**
 * For error.tsx files, which Next renders only in the browser (a failure while rendering on
 * the server is caught by components/ui/page-guard.tsx instead). "Try again" is the same link
 * as on the server-rendered page; here it re-renders the failed page from the server without
 * a full reload.
 */
export function RouteErrorBoundary({ audience, error, reset }: ErrorBoundaryProps & { audience: ErrorAudience }) {
  const router = useRouter();
  // reset() alone only re-renders on the client; the refresh fetches the server part again.
  const retry = (event: MouseEvent) => {
    event.preventDefault();
    startTransition(() => {
      router.refresh();
      reset();
    });
  };
  return (
    <ErrorPage
      audience={audience}
      reference={error.digest}
      retry={
        <a href="" className="button" onClick={retry}>
          Try again
        </a>
      }
    />
  );
}
