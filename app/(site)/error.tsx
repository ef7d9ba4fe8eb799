"use client";

import { RouteErrorBoundary, type ErrorBoundaryProps } from "@/components/ui/error-boundary";

export default function SiteError(props: ErrorBoundaryProps) {
  return <RouteErrorBoundary audience="public" {...props} />;
}
