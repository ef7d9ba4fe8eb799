"use client";

import { RouteErrorBoundary, type ErrorBoundaryProps } from "@/components/ui/error-boundary";

// A failing layout (each group's layout reads the practice's details from the database)
// is caught here, one level up, inside the root layout and its crisis footer.
export default function RootError(props: ErrorBoundaryProps) {
  return (
    <main id="main" tabIndex={-1}>
      <RouteErrorBoundary audience="public" {...props} />
    </main>
  );
}
