/** The dashboard's pages, for its navigation (and the accessibility scan in e2e). */
export const DASHBOARD_LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/intakes", label: "Intakes" },
  { href: "/dashboard/bookings", label: "Bookings" },
  { href: "/dashboard/availability", label: "Availability" },
  { href: "/dashboard/profile", label: "Profile" },
  { href: "/dashboard/articles", label: "Articles" },
  { href: "/dashboard/emails", label: "Emails" },
  { href: "/dashboard/audit", label: "Audit trail" },
] as const;
