import { feedFor } from "@/lib/booking/feed";

type Context = { params: Promise<{ token: string }> };

/** Her consultations as a subscribed calendar. The secret token is the only key; a wrong or revoked one is a plain 404. */
export async function GET(_req: Request, { params }: Context) {
  const { token } = await params;
  const ics = await feedFor(token);
  if (!ics) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
