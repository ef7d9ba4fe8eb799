/**
 * Who may open what. Every route file under the portal, the dashboard, the API and the
 * development pages, and every server action, must have an entry here:
 * tests/access-matrix.test.ts fails when one is added without one, and
 * e2e/access-matrix.spec.ts checks each entry for each kind of visitor.
 */

/** What a visitor gets: the page, a redirect to a sign-in page, or a plain 404. */
export type Outcome = "ok" | "client-signin" | "clinician-signin" | "not-found" | `redirect:${string}`;

export type Actors = { anonymous: Outcome; clientA: Outcome; clientB: Outcome; clinician: Outcome };

/** Ids of client A's records, for routes that take one. */
export type Fixture = { bookingId: string; intakeId: string; clientId: string };

export type RouteEntry = { path: (f: Fixture) => string; expect: Actors } | { skip: string };

const clientOnly: Actors = { anonymous: "client-signin", clientA: "ok", clientB: "ok", clinician: "client-signin" };
const clientAOnly: Actors = { anonymous: "client-signin", clientA: "ok", clientB: "not-found", clinician: "client-signin" };
const clinicianOnly: Actors = { anonymous: "clinician-signin", clientA: "clinician-signin", clientB: "clinician-signin", clinician: "ok" };
const everyone: Actors = { anonymous: "ok", clientA: "ok", clientB: "ok", clinician: "ok" };

export const ROUTES: Record<string, RouteEntry> = {
  "app/(portal)/portal/page.tsx": { path: () => "/portal", expect: clientOnly },
  "app/(portal)/portal/intake/page.tsx": {
    path: () => "/portal/intake",
    expect: { ...clientOnly, clientA: "ok", clientB: "redirect:/portal/intake/about-you" },
  },
  "app/(portal)/portal/intake/[step]/page.tsx": {
    path: () => "/portal/intake/history",
    expect: { ...clientOnly, clientA: "redirect:/portal/intake" },
  },
  "app/(portal)/portal/bookings/[id]/reschedule/page.tsx": {
    path: (f) => `/portal/bookings/${f.bookingId}/reschedule`,
    expect: clientAOnly,
  },
  "app/(portal)/portal/bookings/[id]/cancel/page.tsx": { path: (f) => `/portal/bookings/${f.bookingId}/cancel`, expect: clientAOnly },
  "app/(portal)/portal/bookings/[id]/calendar.ics/route.ts": {
    path: (f) => `/portal/bookings/${f.bookingId}/calendar.ics`,
    expect: { anonymous: "not-found", clientA: "ok", clientB: "not-found", clinician: "not-found" },
  },
  "app/(portal)/portal/confirm/route.ts": {
    path: (f) => `/portal/confirm?booking=${f.bookingId}`,
    expect: {
      anonymous: "client-signin",
      clientA: "redirect:/portal?status=confirmed",
      clientB: "redirect:/portal",
      clinician: "client-signin",
    },
  },
  "app/(portal)/portal/privacy/page.tsx": { path: () => "/portal/privacy", expect: clientOnly },
  // Her own copy; client B following client A's link gets a page saying it is not hers (e2e/privacy-export.spec.ts).
  "app/(portal)/portal/privacy/my-information/page.tsx": { path: () => "/portal/privacy/my-information", expect: clientOnly },
  "app/(portal)/portal/privacy/my-information.json/route.ts": {
    path: (f) => `/portal/privacy/my-information.json?account=${f.clientId}`,
    expect: clientAOnly,
  },
  "app/(portal)/portal/privacy/my-information.fhir.json/route.ts": {
    path: (f) => `/portal/privacy/my-information.fhir.json?account=${f.clientId}`,
    expect: clientAOnly,
  },
  "app/(portal)/portal/privacy/access-log/page.tsx": { path: () => "/portal/privacy/access-log", expect: clientOnly },
  "app/(dashboard)/dashboard/clients/[id]/export/page.tsx": {
    path: (f) => `/dashboard/clients/${f.clientId}/export`,
    expect: clinicianOnly,
  },
  "app/(dashboard)/dashboard/clients/[id]/export/record.json/route.ts": {
    path: (f) => `/dashboard/clients/${f.clientId}/export/record.json`,
    expect: clinicianOnly,
  },
  "app/(dashboard)/dashboard/clients/[id]/export/record.fhir.json/route.ts": {
    path: (f) => `/dashboard/clients/${f.clientId}/export/record.fhir.json`,
    expect: clinicianOnly,
  },
  "app/(dashboard)/dashboard/page.tsx": { path: () => "/dashboard", expect: clinicianOnly },
  "app/(dashboard)/dashboard/intakes/page.tsx": { path: () => "/dashboard/intakes", expect: clinicianOnly },
  "app/(dashboard)/dashboard/intakes/[id]/page.tsx": { path: (f) => `/dashboard/intakes/${f.intakeId}`, expect: clinicianOnly },
  "app/(dashboard)/dashboard/bookings/page.tsx": { path: () => "/dashboard/bookings", expect: clinicianOnly },
  "app/(dashboard)/dashboard/bookings/new/page.tsx": { path: () => "/dashboard/bookings/new", expect: clinicianOnly },
  "app/(dashboard)/dashboard/bookings/[id]/move/page.tsx": {
    path: (f) => `/dashboard/bookings/${f.bookingId}/move`,
    expect: clinicianOnly,
  },
  "app/(dashboard)/dashboard/bookings/[id]/cancel/page.tsx": {
    path: (f) => `/dashboard/bookings/${f.bookingId}/cancel`,
    expect: clinicianOnly,
  },
  "app/(dashboard)/dashboard/emails/page.tsx": { path: () => "/dashboard/emails", expect: clinicianOnly },
  "app/(dashboard)/dashboard/audit/page.tsx": { path: () => "/dashboard/audit", expect: clinicianOnly },
  "app/(dashboard)/dashboard/articles/page.tsx": { path: () => "/dashboard/articles", expect: clinicianOnly },
  "app/(dashboard)/dashboard/articles/new/page.tsx": { path: () => "/dashboard/articles/new", expect: clinicianOnly },
  "app/(dashboard)/dashboard/articles/[id]/page.tsx": {
    path: () => "/dashboard/articles/no-such-article",
    expect: { ...clinicianOnly, clinician: "not-found" },
  },
  "app/(dashboard)/dashboard/availability/page.tsx": { path: () => "/dashboard/availability", expect: clinicianOnly },
  "app/(dashboard)/dashboard/profile/page.tsx": { path: () => "/dashboard/profile", expect: clinicianOnly },
  "app/(clinician-auth)/dashboard/signin/page.tsx": { path: () => "/dashboard/signin", expect: everyone },
  "app/(clinician-auth)/dashboard/setup/page.tsx": { path: () => "/dashboard/setup?token=not-a-token", expect: everyone },
  "app/api/auth/[...nextauth]/route.ts": { skip: "next-auth's own endpoints; sign-in is covered by the booking and dashboard e2e tests" },
  "app/api/calendar-feed/[token]/route.ts": {
    path: () => "/api/calendar-feed/not-the-secret-token-at-all",
    expect: { anonymous: "not-found", clientA: "not-found", clientB: "not-found", clinician: "not-found" },
  },
  "app/api/bookings/hold/route.ts": {
    skip: "POST only, public by design; origin, validation and rate limits are covered in e2e/booking.spec.ts",
  },
  "app/api/intake/risk-answers/route.ts": {
    skip: "POST only, for the signed-in client's own intake; origin, sign-in and ownership are covered in tests/intake-risk.test.ts and e2e/intake-risk.spec.ts",
  },
  "app/dev/mail/page.tsx": {
    path: () => "/dev/mail",
    expect: { anonymous: "not-found", clientA: "not-found", clientB: "not-found", clinician: "not-found" },
  },
};

/** Route files checked for an entry (the public site's pages are public by design). */
export const GUARDED_ROUTE_DIRS = ["app/(portal)", "app/(dashboard)", "app/(clinician-auth)", "app/api", "app/dev"];

/**
 * Each exported server action and the guard it calls; tests/access-matrix.test.ts calls every
 * guarded one as a visitor and as the wrong kind of user.
 */
export const ACTIONS: Record<string, "requireClient" | "requireClinician" | "public"> = {
  "lib/actions/auth.ts#completeSetupAction": "public",
  "lib/actions/auth.ts#requestSignInLinkAction": "public",
  "lib/actions/auth.ts#clinicianSignInAction": "public",
  "lib/actions/booking.ts#requestBookingAction": "public",
  "lib/actions/booking.ts#rescheduleAction": "requireClient",
  "lib/actions/booking.ts#cancelAction": "requireClient",
  "lib/actions/booking.ts#clinicianBookingAction": "requireClinician",
  "lib/actions/booking.ts#saveAvailabilityAction": "requireClinician",
  "lib/actions/booking.ts#saveConsultationSettingsAction": "requireClinician",
  "lib/actions/booking.ts#addCalendarAction": "requireClinician",
  "lib/actions/booking.ts#refreshCalendarAction": "requireClinician",
  "lib/actions/booking.ts#removeCalendarAction": "requireClinician",
  "lib/actions/booking.ts#createFeedAction": "requireClinician",
  "lib/actions/booking.ts#revokeFeedAction": "requireClinician",
  "lib/actions/booking.ts#setBookingConsultationAction": "requireClinician",
  "lib/actions/booking.ts#bookForClientAction": "requireClinician",
  "lib/actions/booking.ts#moveBookingAction": "requireClinician",
  "lib/actions/booking.ts#cancelBookingByClinicianAction": "requireClinician",
  "lib/actions/intake.ts#saveIntakeDraftAction": "requireClient",
  "lib/actions/intake.ts#saveIntakeStepAction": "requireClient",
  "lib/actions/intake.ts#submitIntakeAction": "requireClient",
  "lib/actions/intake.ts#markReviewedAction": "requireClinician",
  "lib/actions/intake.ts#markUrgentFollowedUpAction": "requireClinician",
  "lib/actions/intake.ts#releaseNoteAction": "requireClinician",
  "lib/actions/intake.ts#saveEpdsAction": "requireClinician",
  "lib/actions/practice.ts#saveProfileAction": "requireClinician",
  "lib/actions/practice.ts#savePhotoAction": "requireClinician",
  "lib/actions/practice.ts#savePrivacyNoticeAction": "requireClinician",
  "lib/actions/email.ts#retryEmailAction": "requireClinician",
  "lib/actions/articles.ts#saveArticleAction": "requireClinician",
  "lib/actions/articles.ts#previewMarkdownAction": "requireClinician",
};
