import Link from "@/components/ui/link";
import { tagLabel } from "@/lib/articles/queries";

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link href={`/articles/tags/${tag}`} className="tag">
            {tagLabel(tag)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
