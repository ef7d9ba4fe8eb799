"use client";

import { useEffect, useState } from "react";

/**
 * The video link as a button that works from 15 minutes before the start. Rendered on the
 * server in the right state (a reload works without JavaScript); with it, it opens by itself.
 */
export function JoinVideo({
  url,
  opensAt,
  opensLabel,
  initiallyOpen,
}: {
  url: string;
  opensAt: string;
  opensLabel: string;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (open) return;
    const wait = new Date(opensAt).getTime() - Date.now();
    const timer = setTimeout(() => setOpen(true), Math.max(0, Math.min(wait, 2_147_000_000)));
    return () => clearTimeout(timer);
  }, [open, opensAt]);
  if (open) {
    return (
      <a className="button" href={url} rel="noopener noreferrer" target="_blank">
        Join video
      </a>
    );
  }
  return (
    <p className="small">
      <span className="button button-quiet" aria-disabled="true">
        Join video
      </span>{" "}
      The button opens at {opensLabel}, 15 minutes before.
    </p>
  );
}
