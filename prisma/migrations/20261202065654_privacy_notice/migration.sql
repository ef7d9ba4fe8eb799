-- AlterTable
ALTER TABLE "PracticeSettings" ADD COLUMN     "privacyNotice" TEXT,
ADD COLUMN     "privacyNoticeSavedAt" TIMESTAMP(3);
