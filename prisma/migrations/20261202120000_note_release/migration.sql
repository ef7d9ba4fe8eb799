-- The clinician's notes on an intake are private unless she releases one to the client.
ALTER TABLE "Intake" ADD COLUMN "reviewNoteReleasedAt" TIMESTAMP(3);
ALTER TABLE "Intake" ADD COLUMN "urgentFollowUpNoteReleasedAt" TIMESTAMP(3);
