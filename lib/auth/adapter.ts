/**
 * The part of a next-auth adapter that email sign-in needs, on our Prisma client (the
 * official adapter expects the default client output, which Prisma 7 no longer has).
 * Sessions are not stored through the adapter: see lib/auth/session.ts.
 */
import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { prisma } from "@/lib/platform/db";

type Row = { id: string; email: string; emailVerified: Date | null };
const toAdapterUser = (row: Row): AdapterUser => ({ id: row.id, email: row.email, emailVerified: row.emailVerified });
const fields = { id: true, email: true, emailVerified: true } as const;

export function havenAdapter(): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const row = await prisma.user.create({
        data: { email: user.email.toLowerCase(), emailVerified: user.emailVerified },
        select: fields,
      });
      return toAdapterUser(row);
    },
    async getUser(id: string) {
      const row = await prisma.user.findUnique({ where: { id }, select: fields });
      return row && toAdapterUser(row);
    },
    async getUserByEmail(email: string) {
      const row = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: fields });
      return row && toAdapterUser(row);
    },
    async getUserByAccount() {
      return null;
    },
    async updateUser(user: Partial<AdapterUser> & Pick<AdapterUser, "id">) {
      const row = await prisma.user.update({
        where: { id: user.id },
        data: { emailVerified: user.emailVerified ?? undefined },
        select: fields,
      });
      return toAdapterUser(row);
    },
    async createVerificationToken(token: { identifier: string; token: string; expires: Date }) {
      await prisma.verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }: { identifier: string; token: string }) {
      // Deleting is what makes a link work once: a second click finds nothing.
      const rows = await prisma.$queryRaw<{ identifier: string; token: string; expires: Date }[]>`
        DELETE FROM "VerificationToken" WHERE token = ${token} AND (${identifier ?? null}::text IS NULL OR identifier = ${identifier ?? null})
        RETURNING identifier, token, expires`;
      return rows[0] ?? null;
    },
  };
}
