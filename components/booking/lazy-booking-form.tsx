"use client";

import dynamic from "next/dynamic";

/**
 * The booking form, in a chunk of its own that the browser fetches only when a time has been
 * chosen: it brings zod and react-hook-form, about as much JavaScript again as the slot list
 * that most visits of /book only look at. Still rendered on the server, so the form is in the
 * HTML when a slot is in the URL, and it posts (a server action) before that chunk arrives.
 */
export const LazyBookingForm = dynamic(() => import("@/components/booking/booking-form").then((m) => m.BookingForm));
