import Link from "@/components/ui/link";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPublicProfile } from "@/lib/practice/profile";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Fees, insurance and Good Faith Estimate",
  description: "Self-pay rates, superbills for out-of-network reimbursement, and your right to a Good Faith Estimate.",
  path: "/fees",
});

export default async function FeesPage() {
  const profile = await getPublicProfile();
  return (
    <div className="container narrow section prose">
      <h1>Fees and insurance</h1>
      <h2>Self-pay rates</h2>
      <ul>
        {profile.consultationFee && <li>Initial consultation: {profile.consultationFee}</li>}
        {profile.sessionFee ? <li>Therapy: {profile.sessionFee}</li> : <li>Therapy: please ask the practice for the current rate.</li>}
      </ul>
      {profile.feeNotes && <p>{profile.feeNotes}</p>}

      <h2>Insurance and superbills</h2>
      <p>
        I do not bill insurance directly. On request I provide a monthly <strong>superbill</strong>, a receipt with the codes your insurer
        needs, so that you can seek out-of-network reimbursement. Ask your plan about out-of-network mental-health benefits before we start;
        I am happy to help you with the questions to ask.
      </p>

      <section className="notice" aria-labelledby="gfe-heading">
        <h2 id="gfe-heading">Your right to a Good Faith Estimate</h2>
        <p>You have the right to receive a &ldquo;Good Faith Estimate&rdquo; explaining how much your medical care will cost.</p>
        <p>
          Under the law, health care providers need to give patients who don&rsquo;t have insurance or who are not using insurance an
          estimate of the bill for medical items and services.
        </p>
        <ul>
          <li>
            You have the right to receive a Good Faith Estimate for the total expected cost of any non-emergency items or services. This
            includes related costs like medical tests, prescription drugs, equipment, and hospital fees.
          </li>
          <li>
            Make sure your health care provider gives you a Good Faith Estimate in writing at least 1 business day before your medical
            service or item. You can also ask your health care provider, and any other provider you choose, for a Good Faith Estimate before
            you schedule an item or service.
          </li>
          <li>If you receive a bill that is at least $400 more than your Good Faith Estimate, you can dispute the bill.</li>
          <li>Make sure to save a copy or picture of your Good Faith Estimate.</li>
        </ul>
        <p>
          For questions or more information about your right to a Good Faith Estimate, visit{" "}
          <a href="https://www.cms.gov/nosurprises">www.cms.gov/nosurprises</a> or call 1-800-985-3059.
        </p>
      </section>
      <p>
        Questions about fees? <Link href="/contact">Get in touch</Link>.
      </p>
    </div>
  );
}
