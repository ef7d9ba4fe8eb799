-- How consultations happen, reminders and quiet hours, her consultations feed (issue 12).
CREATE TYPE "ConsultationMode" AS ENUM ('PHONE_CLINICIAN_CALLS', 'PHONE_CLIENT_CALLS', 'VIDEO', 'IN_PERSON');

ALTER TABLE "BookingSettings"
  ADD COLUMN "consultationMode" "ConsultationMode" NOT NULL DEFAULT 'PHONE_CLINICIAN_CALLS',
  ADD COLUMN "consultationPhone" TEXT,
  ADD COLUMN "videoRoomUrlEnc" TEXT,
  ADD COLUMN "inPersonAddress" TEXT,
  ADD COLUMN "reminderMinutes" INTEGER[] DEFAULT ARRAY[1440]::INTEGER[],
  ADD COLUMN "quietStart" TEXT NOT NULL DEFAULT '21:00',
  ADD COLUMN "quietEnd" TEXT NOT NULL DEFAULT '08:00',
  ADD COLUMN "feedTokenHash" TEXT;

CREATE UNIQUE INDEX "BookingSettings_feedTokenHash_key" ON "BookingSettings"("feedTokenHash");

ALTER TABLE "Booking"
  ADD COLUMN "cancelReasonEnc" TEXT,
  ADD COLUMN "consultationMode" "ConsultationMode",
  ADD COLUMN "videoUrlEnc" TEXT,
  ADD COLUMN "calendarShowsPractice" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "bookedByClinician" BOOLEAN NOT NULL DEFAULT false;

-- Busy times from her own calendars' secret ICS addresses (times only).
CREATE TABLE "CalendarSource" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "urlEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "busyCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CalendarSource_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CalendarBusy" (
    "id" BIGSERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarBusy_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CalendarBusy_startsAt_endsAt_idx" ON "CalendarBusy"("startsAt", "endsAt");
CREATE INDEX "CalendarBusy_sourceId_idx" ON "CalendarBusy"("sourceId");

ALTER TABLE "CalendarBusy" ADD CONSTRAINT "CalendarBusy_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "CalendarSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
