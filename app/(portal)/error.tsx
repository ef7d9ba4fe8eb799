"use client";

import { RouteErrorBoundary, type ErrorBoundaryProps } from "@/components/ui/error-boundary";

export default function PortalError(props: ErrorBoundaryProps) {
  return <RouteErrorBoundary audience="portal" {...props} />;
}
