-- AlterTable
ALTER TABLE "Intake" ADD COLUMN     "urgentFollowUpNoteEnc" TEXT,
ADD COLUMN     "urgentFollowedUpAt" TIMESTAMP(3),
ADD COLUMN     "urgentFollowedUpById" TEXT;

-- AddForeignKey
ALTER TABLE "Intake" ADD CONSTRAINT "Intake_urgentFollowedUpById_fkey" FOREIGN KEY ("urgentFollowedUpById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
