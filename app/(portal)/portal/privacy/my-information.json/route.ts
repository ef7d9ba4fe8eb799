import { requireClient } from "@/lib/auth/session";
import { downloadHeaders, exportClientRecord, notYourRecordResponse, recordAsJson, requestedAccount } from "@/lib/privacy/export";

/** Her copy of her information as a JSON file (audited). */
export async function GET(request: Request) {
  const user = await requireClient("/portal/privacy/my-information");
  const account = new URL(request.url).searchParams.get("account");
  const record = await exportClientRecord(requestedAccount(user, account), { id: user.id, role: user.role }, "json");
  if (!record) return notYourRecordResponse();
  return new Response(recordAsJson(record), { headers: downloadHeaders("application/json", "my-information.json") });
}
