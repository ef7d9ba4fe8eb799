import { requireClinician } from "@/lib/auth/session";
import { downloadHeaders, exportClientRecord, recordAsJson } from "@/lib/privacy/export";

type Context = { params: Promise<{ id: string }> };

/** A client's whole record as JSON, for the clinician (audited). */
export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/clients/${id}/export`);
  const record = await exportClientRecord(id, { id: user.id, role: user.role }, "json");
  if (!record)
    return new Response("No such client.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(recordAsJson(record), { headers: downloadHeaders("application/json", `client-record-${record.account.id}.json`) });
}
