import Link from "@/components/ui/link";
import { NoStore } from "@/components/ui/no-store";

/** "We couldn't find that page", with places to go instead. Never kept by the page cache: any address can lead here. */
export function NotFoundContent() {
  return (
    <div className="container narrow section prose">
      <meta name="robots" content="noindex" />
      <NoStore />
      <h1>We couldn&rsquo;t find that page</h1>
      <p>The page may have moved, or the link may have a typo. Here are some places to go instead:</p>
      <ul>
        <li>
          <Link href="/">Home</Link>
        </li>
        <li>
          <Link href="/articles">Articles</Link>
        </li>
        <li>
          <Link href="/book">Book a free consultation</Link>
        </li>
        <li>
          <Link href="/get-help">Get help now</Link>
        </li>
      </ul>
    </div>
  );
}
