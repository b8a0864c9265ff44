import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { upsertOidcUser, verifyCredentials, type Role, type SessionUser } from "../auth";
import { env } from "../env";
import { logger } from "../logger";

/** Browser sessions (next-auth v5, JWT strategy). API keys for partners live in server/partners. */

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
  interface User {
    role?: Role;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
  }
}

const log = logger.child("session");

const credentialsInput = z.object({
  email: z.string().trim().email(),
  password: z.string().min(1),
});

const providers: NextAuthConfig["providers"] = [
  Credentials({
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw) {
      const parsed = credentialsInput.safeParse(raw);
      if (!parsed.success) return null;
      const user = await verifyCredentials(parsed.data.email, parsed.data.password);
      if (!user) log.warn("sign-in failed", { email: parsed.data.email });
      return user;
    },
  }),
];

if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
  providers.push({
    id: "oidc",
    name: "Single sign-on",
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
  });
}

export const oidcEnabled = providers.length > 1;

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers,
  callbacks: {
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc") {
        if (!user.email) throw new Error("the OIDC provider returned no email");
        const stored = await upsertOidcUser(user.email, user.name ?? user.email);
        token.uid = stored.id;
        token.role = stored.role;
      } else if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          id: token.uid,
          email: token.email ?? "",
          name: token.name ?? token.email ?? "",
          role: token.role,
        } as typeof session.user;
      }
      return session;
    },
  },
  logger: {
    // A refused password is a normal event, already logged as a warning by authorize().
    error: (error) => {
      if ((error as { type?: string }).type !== "CredentialsSignin") log.error("next-auth error", { error });
    },
    warn: (code) => log.warn("next-auth warning", { code }),
  },
});
