import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "APFA", template: "%s · APFA" },
  description: "Loan advice grounded in real loan outcomes, with the ML-ops console behind it.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next.js puts the request's CSP nonce (proxy.ts) on its
  // scripts only while rendering, and a page prerendered at build time would carry none, so the
  // policy would block it. The pages are per-user anyway; only sign-in and errors were static.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
