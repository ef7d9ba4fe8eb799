import { pageMetadata } from "@/lib/platform/metadata";
import { CrisisResources } from "@/components/site/crisis-resources";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Get help now",
  description:
    "Crisis lines and support lines for new and expecting parents: 988, 911, the National Maternal Mental Health Hotline and Postpartum Support International.",
  path: "/get-help",
});

export default function GetHelpPage() {
  return (
    <div className="container narrow section prose">
      <h1>Get help now</h1>
      <p className="lead">
        If you are thinking about harming yourself or your baby, or you feel unsafe, you deserve help right now. You are not alone, and
        these feelings can get better.
      </p>
      <CrisisResources />
      <p>
        This practice does not monitor messages or online forms around the clock. Please use the lines above rather than email when you need
        help quickly.
      </p>
    </div>
  );
}
