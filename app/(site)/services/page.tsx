import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Services and specialties",
  description: "Individual therapy for pregnancy, postpartum, birth trauma, bonding, perinatal loss and military families.",
  path: "/services",
});

const SPECIALTIES = [
  ["Perinatal depression and anxiety", "Low mood, constant worry, panic, or feeling numb during pregnancy or after birth."],
  [
    "Intrusive thoughts and perinatal OCD",
    "Unwanted, frightening thoughts about your baby's safety, and the checking or avoiding that can follow.",
  ],
  ["Birth trauma", "Processing a frightening or disappointing birth so that it no longer intrudes on the present."],
  ["Bonding and attachment", "Support when the connection with your baby does not feel the way you expected."],
  [
    "Pregnancy and infant loss",
    "Grief after miscarriage, stillbirth, termination for medical reasons or infant death, and pregnancy after loss.",
  ],
  ["Fertility and trying to conceive", "The strain of waiting, treatment and uncertainty."],
  ["Military families", "Pregnancy, birth and parenting through deployment, relocation and homecoming."],
  ["Relationships and identity", "The shift in roles, relationships and sense of self that comes with becoming a parent."],
] as const;

export default function ServicesPage() {
  return (
    <div className="container section">
      <div className="narrow prose">
        <h1>Services and specialties</h1>
        <p>
          I offer individual therapy for adults in the perinatal period, from trying to conceive through pregnancy and the first years of
          parenthood. Partners are welcome to join sessions when that would help.
        </p>
      </div>
      <ul className="grid cards-2">
        {SPECIALTIES.map(([title, text]) => (
          <li key={title} className="card">
            <h2 className="card-title">{title}</h2>
            <p>{text}</p>
          </li>
        ))}
      </ul>
      <div className="narrow prose">
        <h2>How we begin</h2>
        <ol>
          <li>A free 20-minute consultation by phone or video, to see whether we are a good fit.</li>
          <li>A short intake questionnaire you complete online before your first session.</li>
          <li>Weekly or fortnightly 50-minute sessions, in person or by secure video.</li>
        </ol>
        <p>
          <Link href="/book" className="button">
            Book a free consultation
          </Link>
        </p>
      </div>
    </div>
  );
}
