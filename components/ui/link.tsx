import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching. Every page renders per request (each has its own CSP
 * nonce), so a prefetched link is a full server render nobody may look at: the header alone
 * caused 16 of them per page view. Visitors are mostly on phones, often on metered data.
 * A click costs one round trip instead.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
