import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions";
import { AppHeader } from "@/components/app-header";
import { auth } from "@/server/session";

export default async function BorrowerLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect("/sign-in?callbackUrl=/chat");
  return (
    <>
      <AppHeader user={session.user} signOut={signOutAction} />
      <main className="mx-auto max-w-3xl p-4">{children}</main>
    </>
  );
}
