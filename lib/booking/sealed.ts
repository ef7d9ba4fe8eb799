/** What a person typed when booking, encrypted; declared once for the client's side and the clinician's. */
import "server-only";
import { sealedText } from "@/lib/platform/keys";

export const bookingFields = {
  firstName: sealedText("Booking", "firstName"),
  phone: sealedText("Booking", "phone"),
  note: sealedText("Booking", "note"),
  videoUrl: sealedText("Booking", "videoUrl"),
  cancelReason: sealedText("Booking", "cancelReason"),
};

/** Her standing video-room link (BookingSettings row 1). */
export const settingsFields = {
  videoRoomUrl: sealedText("BookingSettings", "videoRoomUrl"),
};
