import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInWithOidc, signInWithPassword } from "@/app/actions";
import { SignInForm } from "@/components/sign-in-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DEMO_ACCOUNTS } from "@/server/auth";
import { env } from "@/server/env";
import { auth, oidcEnabled } from "@/server/session";
import { safeCallbackUrl } from "./callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if ((await auth())?.user) redirect(callbackUrl);

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <div>
        <p className="text-sm font-semibold tracking-wide text-primary">APFA</p>
        <h1 className="text-2xl font-semibold">Loan advice you can check</h1>
        <p className="text-sm text-muted-foreground">Grounded in the outcomes of real loans like yours.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Sign in</CardTitle>
          <CardDescription>Borrowers go to the advisor; ML engineers and admins to the console.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} />
          {oidcEnabled ? (
            <form action={signInWithOidc}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="outline" className="w-full">
                Sign in with single sign-on
              </Button>
            </form>
          ) : null}
        </CardContent>
      </Card>
      {env.demoAccountsEnabled ? (
        <Card>
          <CardHeader>
            <CardTitle>Demo accounts</CardTitle>
            <CardDescription>Local installs only. The password is APFA_DEMO_PASSWORD (see the README).</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="text-sm">
              {DEMO_ACCOUNTS.map((account) => (
                <li key={account.email} className="flex justify-between gap-4 py-0.5">
                  <code>{account.email}</code>
                  <span className="text-muted-foreground">{account.name.replace("Demo ", "")}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </main>
  );
}
