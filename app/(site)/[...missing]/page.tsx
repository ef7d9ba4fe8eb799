import { notFound } from "next/navigation";

// Unmatched URLs are routed through the site layout so the 404 page keeps the site's
// header, navigation and footer (app/not-found.tsx renders only the content).
export default function Missing() {
  notFound();
}
