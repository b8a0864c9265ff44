"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { oidcEnabled, signIn, signOut } from "@/server/session";
import { safeCallbackUrl } from "./sign-in/callback-url";

export interface SignInState {
  error?: string;
  /** What was typed, so a refused sign-in only asks for the password again. */
  email?: string;
}

export async function signInWithPassword(_state: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    // Success is a redirect, thrown by Next.js; only AuthError means the credentials were refused.
    if (error instanceof AuthError) return { error: "That email and password do not match an account.", email };
    throw error;
  }
}

export async function signInWithOidc(form: FormData) {
  // The sign-in page offers single sign-on only when it is configured; a post without it would
  // otherwise fail inside next-auth with a 500.
  if (!oidcEnabled) redirect("/sign-in");
  await signIn("oidc", { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
