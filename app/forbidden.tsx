import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** What `forbidden()` answers with, status 403: a signed-in user whose role does not open the page. */
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md items-center p-6">
      <Card className="w-full">
        <CardHeader>
          <CardTitle>Not available for your account</CardTitle>
          <CardDescription>
            Your role does not open this page (403). The ML-ops console is for ML engineers and admins; partner keys are
            for admins.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {/* The start page sends each role where it works: borrowers to the advisor, the others to the console. */}
          <Link href="/" className="text-sm font-medium text-primary underline">
            Go to your start page
          </Link>
        </CardContent>
      </Card>
    </main>
  );
}
