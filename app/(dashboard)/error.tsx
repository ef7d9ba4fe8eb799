"use client";

import { RouteErrorBoundary, type ErrorBoundaryProps } from "@/components/ui/error-boundary";

export default function DashboardError(props: ErrorBoundaryProps) {
  return <RouteErrorBoundary audience="dashboard" {...props} />;
}
