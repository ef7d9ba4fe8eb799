"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Remembers the visitor's time zone in a cookie: the one they chose, or the browser's own
 * on the first visit. The server renders every time in that zone.
 */
export function TimeZoneSync({ current, chosen }: { current: string; chosen: boolean }) {
  const router = useRouter();
  useEffect(() => {
    const remember = (zone: string) => {
      document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    };
    if (chosen) {
      remember(current);
      return;
    }
    const hasCookie = document.cookie.split("; ").some((c) => c.startsWith("tz="));
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!hasCookie && detected && detected !== current) {
      remember(detected);
      router.refresh();
    } else if (!hasCookie && detected) {
      remember(detected);
    }
  }, [current, chosen, router]);
  return null;
}
