-- AlterTable
ALTER TABLE "Intake" ADD COLUMN     "resumeStep" TEXT;

-- CreateTable
CREATE TABLE "RiskEvent" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "intakeId" TEXT,
    "measure" TEXT NOT NULL,
    "item" INTEGER NOT NULL,
    "answerEnc" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "clientKey" TEXT,

    CONSTRAINT "RiskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskEvent_intakeId_receivedAt_idx" ON "RiskEvent"("intakeId", "receivedAt");

-- CreateIndex
CREATE INDEX "RiskEvent_clientId_answeredAt_idx" ON "RiskEvent"("clientId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "RiskEvent_intakeId_clientKey_key" ON "RiskEvent"("intakeId", "clientKey");

-- AddForeignKey
ALTER TABLE "RiskEvent" ADD CONSTRAINT "RiskEvent_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskEvent" ADD CONSTRAINT "RiskEvent_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "Intake"("id") ON DELETE CASCADE ON UPDATE CASCADE;
