import { env } from "@/lib/platform/env";

export function siteUrl(path = "/"): string {
  return new URL(path, env().SITE_URL).toString();
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export const CRISIS = {
  lifeline: { label: "988 Suicide & Crisis Lifeline", tel: "988", sms: "988" },
  emergency: { label: "Emergency services", tel: "911" },
  maternal: { label: "National Maternal Mental Health Hotline", display: "1-833-TLC-MAMA (1-833-852-6262)", tel: "18338526262" },
  psi: { label: "Postpartum Support International HelpLine", display: "1-800-944-4773", tel: "18009444773" },
} as const;
