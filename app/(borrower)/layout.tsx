import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions";
import { requireUser } from "@/app/require-user";
import { AppHeader } from "@/components/app-header";

export default async function BorrowerLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("borrower");
  return (
    <>
      <AppHeader user={user} signOut={signOutAction}>
        <nav aria-label="Borrower" className="flex gap-4 text-sm">
          <Link href="/chat">Advisor</Link>
          <Link href="/profile">Your profile</Link>
        </nav>
      </AppHeader>
      <main className="mx-auto max-w-3xl p-4">{children}</main>
    </>
  );
}
