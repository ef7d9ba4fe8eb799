import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { CrisisLine } from "@/components/ui/crisis-line";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Frequently asked questions",
  description: "What to expect from a consultation, telehealth, fees, confidentiality and bringing your baby to sessions.",
  path: "/faq",
});

const FAQ: { q: string; a: React.ReactNode }[] = [
  {
    q: "What happens in the free consultation?",
    a: "A 20-minute call where you can share a little about what is going on and ask anything about how I work. There is no obligation, and you do not need to prepare.",
  },
  {
    q: "Can I bring my baby to sessions?",
    a: "Yes. Babies are welcome in person and on video. Feeding, rocking or pausing during a session is completely fine.",
  },
  {
    q: "Do you offer telehealth?",
    a: "Yes, by secure video, for people who live in a state where I am licensed. Many parents find it easier than travelling with a newborn.",
  },
  {
    q: "Is what I share confidential?",
    a: "Yes, with the limits the law sets, which I explain at our first meeting: for example, if someone is in immediate danger. Your information is stored encrypted and is never shared without your consent.",
  },
  {
    q: "Do you take insurance?",
    a: (
      <>
        I am an out-of-network provider and can give you a superbill for reimbursement. See <Link href="/fees">fees</Link>.
      </>
    ),
  },
  {
    q: "What if I am in crisis?",
    a: (
      <>
        Please do not wait for an appointment: <CrisisLine />. See <Link href="/get-help">get help now</Link> for more options.
      </>
    ),
  },
];

export default function FaqPage() {
  return (
    <div className="container narrow section prose">
      <h1>Frequently asked questions</h1>
      <dl className="faq">
        {FAQ.map((item) => (
          <div key={item.q}>
            <dt>{item.q}</dt>
            <dd>{item.a}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
