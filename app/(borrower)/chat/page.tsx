import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Advisor" };

export default function ChatPage() {
  return (
    <Card>
      <CardHeader>
        <h1 className="text-base font-semibold">Loan advisor</h1>
        <CardDescription>
          Ask about a loan and get advice grounded in the outcomes of similar real loans, with the profiles it used.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground" role="status">
          The advisor is not switched on yet: it arrives with the advisory pipeline.
        </p>
      </CardContent>
    </Card>
  );
}
