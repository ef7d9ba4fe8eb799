"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { ErrorPage, type ErrorAudience } from "@/components/ui/error-page";

export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** For error.tsx files: "Try again" re-renders the failed page from the server. */
export function RouteErrorBoundary({ audience, error, reset }: ErrorBoundaryProps & { audience: ErrorAudience }) {
  const router = useRouter();
  // reset() alone only re-renders on the client; the refresh fetches the server part again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return <ErrorPage audience={audience} digest={error.digest} onRetry={retry} />;
}
