import { telHref } from "@/lib/platform/validation";

/** The practice's phone as a tap-to-call link. */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}

/** The practice's email as a mailto: link. */
export function EmailLink({ email }: { email: string }) {
  return <a href={`mailto:${email}`}>{email}</a>;
}

/** "phone · email", each a link, leaving out what the practice has not set yet. */
export function ContactLinks({ phone, email }: { phone: string | null; email: string | null }) {
  if (!phone && !email) return null;
  return (
    <>
      {phone && <PhoneLink phone={phone} />}
      {phone && email && " · "}
      {email && <EmailLink email={email} />}
    </>
  );
}
