/** What a person typed when booking, encrypted; declared once for the client's side and the clinician's. */
import "server-only";
import { sealedText } from "@/lib/platform/keys";

export const bookingFields = {
  firstName: sealedText("Booking", "firstName"),
  phone: sealedText("Booking", "phone"),
  note: sealedText("Booking", "note"),
};
