import { requireClinician } from "@/lib/auth/session";
import { downloadHeaders, exportClientRecord } from "@/lib/privacy/export";
import { recordAsFhirBundle } from "@/lib/privacy/fhir";
import { siteUrl } from "@/lib/platform/site";

type Context = { params: Promise<{ id: string }> };

/** A client's record as a FHIR R4 Bundle, for the clinician (audited). */
export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/clients/${id}/export`);
  const record = await exportClientRecord(id, { id: user.id, role: user.role }, "fhir");
  if (!record)
    return new Response("No such client.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(JSON.stringify(recordAsFhirBundle(record, siteUrl("/")), null, 2), {
    headers: downloadHeaders("application/fhir+json", `client-record-${record.account.id}.fhir.json`),
  });
}
