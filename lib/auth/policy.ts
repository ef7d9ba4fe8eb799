/** Session lifetimes, by role. The server-side Session row enforces them. */
export const SESSION_POLICY = {
  CLIENT: { absoluteMs: 7 * 24 * 60 * 60 * 1000, idleMs: 24 * 60 * 60 * 1000 },
  CLINICIAN: { absoluteMs: 12 * 60 * 60 * 1000, idleMs: 30 * 60 * 1000 },
} as const;

export const SIGN_IN_LINK_MAX_AGE_SECONDS = 10 * 60;
