import Link from "@/components/ui/link";
import { CrisisLine } from "@/components/ui/crisis-line";

/** On every page, so that help is one tap away wherever someone is on the site. */
export function CrisisFooter() {
  return (
    <aside className="crisis-footer" aria-label="Crisis help">
      <p>
        In crisis? <CrisisLine capital />. <Link href="/get-help">More ways to get help now</Link>
      </p>
    </aside>
  );
}
