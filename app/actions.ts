"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { oidcEnabled, signIn, signOut } from "@/server/session";

export interface SignInState {
  error?: string;
}

/** Only same-site paths: an attacker-supplied callbackUrl must not send users elsewhere. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

export async function signInWithPassword(_state: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password." };
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallback(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    // Success is a redirect, thrown by Next.js; only AuthError means the credentials were refused.
    if (error instanceof AuthError) return { error: "That email and password do not match an account." };
    throw error;
  }
}

export async function signInWithOidc(form: FormData) {
  // The sign-in page offers single sign-on only when it is configured; a post without it would
  // otherwise fail inside next-auth with a 500.
  if (!oidcEnabled) redirect("/sign-in");
  await signIn("oidc", { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
