import { requireClient } from "@/lib/auth/session";
import { downloadHeaders, exportClientRecord, notYourRecordResponse, requestedAccount } from "@/lib/privacy/export";
import { recordAsFhirBundle } from "@/lib/privacy/fhir";
import { siteUrl } from "@/lib/platform/site";

/** Her copy of her information as a FHIR R4 Bundle, for another clinician's system (audited). */
export async function GET(request: Request) {
  const user = await requireClient("/portal/privacy/my-information");
  const account = new URL(request.url).searchParams.get("account");
  const record = await exportClientRecord(requestedAccount(user, account), { id: user.id, role: user.role }, "fhir");
  if (!record) return notYourRecordResponse();
  return new Response(JSON.stringify(recordAsFhirBundle(record, siteUrl("/")), null, 2), {
    headers: downloadHeaders("application/fhir+json", "my-information.fhir.json"),
  });
}
