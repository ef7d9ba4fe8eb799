"use client";

import { useActionState } from "react";
import { clinicianBookingAction, type BookingActionState } from "@/lib/actions/booking";

export function BookingActions({ bookingId, past }: { bookingId: string; past: boolean }) {
  const [state, action, pending] = useActionState<BookingActionState, FormData>(clinicianBookingAction, undefined);
  return (
    <form action={action} className="actions">
      <input type="hidden" name="bookingId" value={bookingId} />
      {past ? (
        <>
          <button type="submit" name="action" value="COMPLETED" className="button button-quiet button-small" disabled={pending}>
            Completed
          </button>
          <button type="submit" name="action" value="NO_SHOW" className="button button-quiet button-small" disabled={pending}>
            No-show
          </button>
        </>
      ) : (
        <button type="submit" name="action" value="cancel" className="button button-quiet button-small" disabled={pending}>
          Cancel and notify client
        </button>
      )}
      {state && (
        <span role="status" className={state.ok ? "small" : "field-error"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
