import Link from "@/components/ui/link";
import { ArticleCard } from "@/components/articles/article-card";
import { listPublishedArticles } from "@/lib/articles/queries";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPublicProfile } from "@/lib/practice/profile";
import { orNull } from "@/components/ui/page-guard";
import { NoStore } from "@/components/ui/no-store";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Perinatal and reproductive mental health therapy",
  description:
    "A clinical psychologist specializing in reproductive mental health: support through pregnancy, postpartum, birth trauma, bonding, loss and deployment.",
  path: "/",
});

const HELPS_WITH = [
  {
    title: "Pregnancy",
    text: "Worry, low mood or intrusive thoughts while expecting, including after a previous loss or a difficult birth.",
  },
  { title: "Postpartum", text: "Depression, anxiety, exhaustion and the upheaval of the early months with a baby." },
  { title: "Birth trauma", text: "When a birth was frightening or did not go as planned, and the memories keep returning." },
  { title: "Bonding", text: "Feeling distant or disconnected from your baby, and the guilt that can come with it." },
  { title: "Loss", text: "Miscarriage, stillbirth, infant loss and the grief of fertility struggles." },
  { title: "Military families", text: "Pregnancy and parenting through deployment, relocation and reintegration." },
];

export default async function HomePage() {
  // The profile never fails (a cached copy while the database is down); the articles may, and
  // then only their section says so: the rest of the page, and its crisis help, still render.
  const [profile, latest] = await Promise.all([getPublicProfile(), orNull(listPublishedArticles({ take: 3 }), "home: latest articles")]);
  const reach = [profile.telehealthStates.length > 0 && `Telehealth in ${profile.telehealthStates.join(", ")}`, profile.location]
    .filter(Boolean)
    .join(" · ");
  return (
    <>
      {latest === null && <NoStore />}
      <section className="hero">
        <div className="container narrow">
          <p className="eyebrow">Perinatal and reproductive mental health</p>
          <h1>{profile.tagline}</h1>
          <p className="lead">
            {profile.clinicianName ? `${profile.clinicianName} is` : "I am"} a clinical psychologist specializing in reproductive mental
            health and certified in perinatal mental health. You do not have to have it all figured out to reach out.
          </p>
          <p className="cta-row">
            <Link href="/book" className="button">
              Book a free consultation
            </Link>
            <Link href="/about" className="button button-quiet">
              About my approach
            </Link>
          </p>
          {reach && <p className="small">{reach}</p>}
        </div>
      </section>

      <section className="container section" aria-labelledby="helps-heading">
        <h2 id="helps-heading">Who I help</h2>
        <ul className="grid cards-3">
          {HELPS_WITH.map((item) => (
            <li key={item.title} className="card">
              <h3 className="card-title">{item.title}</h3>
              <p>{item.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="section band" aria-labelledby="approach-heading">
        <div className="container narrow">
          <h2 id="approach-heading">My approach</h2>
          <p>
            My approach integrates <strong>person-centered care</strong>, <strong>attachment theory</strong> and{" "}
            <strong>practical coping skills</strong>. Together we make room for what you are feeling without judgment, understand how your
            own story shapes this season, and practise steps that help in the days between sessions, on your own timeline.
          </p>
          <p>
            <Link href="/services">How therapy with me works</Link>
          </p>
        </div>
      </section>

      <section className="container section" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest articles</h2>
        {latest === null ? (
          <p>The latest articles could not be loaded just now. Please try again in a minute or two.</p>
        ) : latest.length === 0 ? (
          <p>New articles are on their way.</p>
        ) : (
          <div className="grid cards-3">
            {latest.map((article) => (
              <ArticleCard key={article.slug} article={article} headingLevel={3} />
            ))}
          </div>
        )}
        <p>
          <Link href="/articles">All articles</Link>
        </p>
      </section>
    </>
  );
}
