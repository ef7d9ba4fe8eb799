import { AppHeader, GET_HELP_LINK } from "@/components/site/app-header";

const NAV = [
  { href: "/about", label: "About" },
  { href: "/services", label: "Services" },
  { href: "/fees", label: "Fees" },
  { href: "/articles", label: "Articles" },
  { href: "/faq", label: "FAQ" },
  { href: "/contact", label: "Contact" },
];

export function SiteHeader({ practiceName }: { practiceName: string }) {
  return <AppHeader brand={practiceName} navLabel="Main" links={[...NAV, GET_HELP_LINK]} />;
}
