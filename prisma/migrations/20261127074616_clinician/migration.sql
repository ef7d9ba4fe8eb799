-- AlterTable
ALTER TABLE "Intake" ADD COLUMN     "reviewNoteEnc" TEXT;

-- AlterTable
ALTER TABLE "PracticeSettings" ADD COLUMN     "photo" BYTEA,
ADD COLUMN     "photoType" TEXT;

-- CreateTable
CREATE TABLE "ClinicianCredential" (
    "userId" TEXT NOT NULL,
    "passwordHash" TEXT,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "totpLastStep" INTEGER,
    "recoveryCodes" TEXT[],
    "setupTokenHash" TEXT,
    "setupTokenExpires" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClinicianCredential_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClinicianCredential_setupTokenHash_key" ON "ClinicianCredential"("setupTokenHash");

-- AddForeignKey
ALTER TABLE "ClinicianCredential" ADD CONSTRAINT "ClinicianCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
