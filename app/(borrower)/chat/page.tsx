import type { Metadata } from "next";
import { ChatView } from "./chat-view";

export const metadata: Metadata = { title: "Advisor" };

export default function ChatPage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Loan advisor</h1>
        <p className="text-sm text-muted-foreground">
          Advice grounded in the outcomes of similar real loans. It never takes your race, religion, sex, marital
          status, age, origin, disability, family or where you live into account.
        </p>
      </div>
      <ChatView />
    </div>
  );
}
