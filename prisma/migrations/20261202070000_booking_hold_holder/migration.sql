-- Which browser placed a pending hold (a hash of its hold cookie), so that another browser
-- typing the same email cannot withdraw it.
ALTER TABLE "Booking" ADD COLUMN "holderHash" TEXT;

CREATE INDEX "Booking_holderHash_idx" ON "Booking"("holderHash");
