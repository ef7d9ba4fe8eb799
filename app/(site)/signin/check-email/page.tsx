import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="container narrow section prose">
      <h1>Check your email</h1>
      <p>We sent you a sign-in link. It works once and expires in 10 minutes.</p>
    </div>
  );
}
