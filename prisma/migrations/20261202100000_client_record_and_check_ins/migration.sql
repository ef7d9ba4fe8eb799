-- The client record and repeated check-ins (issue 13).
CREATE TYPE "ClientStatus" AS ENUM ('ENQUIRY', 'CONSULTED', 'CLIENT', 'REFERRED', 'CLOSED');
CREATE TYPE "CheckInStatus" AS ENUM ('SCHEDULED', 'SENT', 'COMPLETED', 'CANCELLED');

CREATE TABLE "ClientProfile" (
    "userId" TEXT NOT NULL,
    "detailsEnc" TEXT,
    "notesEnc" TEXT,
    "status" "ClientStatus" NOT NULL DEFAULT 'ENQUIRY',
    "enquiryAt" TIMESTAMP(3),
    "consultedAt" TIMESTAMP(3),
    "becameClientAt" TIMESTAMP(3),
    "referredAt" TIMESTAMP(3),
    "referredToEnc" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ClientProfile_pkey" PRIMARY KEY ("userId")
);
CREATE INDEX "ClientProfile_status_idx" ON "ClientProfile"("status");
ALTER TABLE "ClientProfile" ADD CONSTRAINT "ClientProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "measures" TEXT[],
    "status" "CheckInStatus" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "occasionEnc" TEXT,
    "epdsStem" TEXT,
    "draftEnc" TEXT,
    "answersEnc" TEXT,
    "scoresEnc" TEXT,
    "completedAt" TIMESTAMP(3),
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CheckIn_status_dueAt_idx" ON "CheckIn"("status", "dueAt");
CREATE INDEX "CheckIn_clientId_dueAt_idx" ON "CheckIn"("clientId", "dueAt");
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RiskEvent" ADD COLUMN "checkInId" TEXT;
CREATE UNIQUE INDEX "RiskEvent_checkInId_clientKey_key" ON "RiskEvent"("checkInId", "clientKey");
CREATE INDEX "RiskEvent_checkInId_receivedAt_idx" ON "RiskEvent"("checkInId", "receivedAt");
ALTER TABLE "RiskEvent" ADD CONSTRAINT "RiskEvent_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE CASCADE ON UPDATE CASCADE;
