"use client";

import { RouteErrorBoundary, type ErrorBoundaryProps } from "@/components/ui/error-boundary";

// In the browser only (Next never renders error.tsx on the server): a failure in a group's
// layout during a client-side navigation is caught here, inside the root layout and its
// crisis footer. Failures while rendering on the server: components/ui/page-guard.tsx.
export default function RootError(props: ErrorBoundaryProps) {
  return (
    <main id="main" tabIndex={-1}>
      <RouteErrorBoundary audience="public" {...props} />
    </main>
  );
}
