/**
 * Server-rendered failure pages.
 *
 * Next renders error.tsx only in the browser: an error thrown while a page renders on the
 * server (the database is down, say) reaches React's server renderer, which has no error
 * boundaries, and Next answers with an empty document that only the page's JavaScript fills
 * in (see node_modules/next/dist/server/app-render/app-render.js, getErrorRSCPayload:
 * `<html id="__next_error__">` with an empty body). With JavaScript off, blocked or still
 * loading on a slow phone, that is a blank page: no message and no crisis line. So pages and
 * layouts that read data catch their own failure and render ErrorPage as ordinary HTML.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { ErrorPage, type ErrorAudience } from "@/components/ui/error-page";
import { isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { errorCode, logger } from "@/lib/platform/logger";

/** Logs a failure (by code and a reference, never its message) and returns the error page for it. */
export function failurePage(error: unknown, where: string, audience: ErrorAudience): ReactNode {
  // notFound(), redirect() and Next's own signals are not failures: let them through.
  unstable_rethrow(error);
  const reference = randomUUID().slice(0, 8);
  const level = isDatabaseUnavailable(error) ? "warn" : "error";
  logger[level]({ event: "page.failed", where, reference, errorCode: errorCode(error) }, "page failed; served the error page");
  return <ErrorPage audience={audience} reference={reference} />;
}

/** The error page for when the data a page needs cannot be read (the database is down). */
export function unavailablePage(where: string, audience: ErrorAudience): ReactNode {
  const reference = randomUUID().slice(0, 8);
  logger.warn({ event: "page.unavailable", where, reference }, "database unavailable; served the error page");
  return <ErrorPage audience={audience} reference={reference} />;
}

/**
 * Wraps a page (or layout) component: if it throws, the person gets the server-rendered error
 * page instead of an empty document. Errors of the components it renders are not caught
 * here: they are rare, and error.tsx shows them once the page's scripts run.
 */
export function guardPage<P>(audience: ErrorAudience, where: string, render: (props: P) => Promise<ReactNode>) {
  return async function GuardedPage(props: P): Promise<ReactNode> {
    try {
      return await render(props);
    } catch (error) {
      return failurePage(error, where, audience);
    }
  };
}

/** A part of a page that may fail on its own (the latest articles on the home page): null then, logged. */
export async function orNull<T>(read: Promise<T>, where: string): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    unstable_rethrow(error);
    const level = isDatabaseUnavailable(error) ? "warn" : "error";
    logger[level]({ event: "page.part.failed", where, errorCode: errorCode(error) }, "part of a page could not be read");
    return null;
  }
}
