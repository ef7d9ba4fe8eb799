import Link from "@/components/ui/link";

/** On every page, so that help is one tap away wherever someone is on the site. */
export function CrisisFooter() {
  return (
    <aside className="crisis-footer" aria-label="Crisis help">
      <p>
        In crisis? Call or text <a href="tel:988">988</a>, or call <a href="tel:911">911</a>.{" "}
        <Link href="/get-help">More ways to get help now</Link>
      </p>
    </aside>
  );
}
