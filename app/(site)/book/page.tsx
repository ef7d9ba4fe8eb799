import Link from "next/link";
import { pageMetadata } from "@/lib/metadata";
import { getPracticeProfile } from "@/lib/settings";

export const metadata = pageMetadata({
  title: "Book a free consultation",
  description: "Book a free 20-minute consultation.",
  path: "/book",
});

export default async function BookPage() {
  const profile = await getPracticeProfile();
  return (
    <div className="container narrow section prose">
      <h1>Book a free consultation</h1>
      <p>Online booking opens soon. Until then, please contact the practice at {profile.contactEmail} or {profile.contactPhone}.</p>
      <p>
        <Link href="/contact">Contact details</Link>
      </p>
    </div>
  );
}
