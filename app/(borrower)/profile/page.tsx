import type { Metadata } from "next";
import {
  ATTRIBUTE_LABELS,
  PREFER_NOT_TO_SAY,
  SELF_DECLARED_ATTRIBUTES,
  SELF_DECLARED_OPTIONS,
} from "@/server/demographics";
import { SelfDeclaredForm, type AttributeChoices } from "./self-declared-form";

export const metadata: Metadata = { title: "Your profile" };

export default function ProfilePage() {
  // The choices are read here, on the server, and handed to the form: the domain's face brings in
  // the database, which a client component must not import.
  const attributes: AttributeChoices[] = SELF_DECLARED_ATTRIBUTES.map((attribute) => ({
    attribute,
    label: ATTRIBUTE_LABELS[attribute],
    options: [
      ...Object.entries(SELF_DECLARED_OPTIONS[attribute]).map(([value, label]) => ({ value, label })),
      { value: PREFER_NOT_TO_SAY, label: "Prefer not to say" },
    ],
  }));
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Your profile</h1>
        <p className="text-sm text-muted-foreground">Optional information about you. Every question may be left out.</p>
      </div>
      <section aria-labelledby="why-asked" className="rounded-md border bg-muted/40 p-3 text-sm">
        <h2 id="why-asked" className="font-medium">
          Why we ask, and how it is used
        </h2>
        <p className="mt-1">
          Lenders collect these answers under the Home Mortgage Disclosure Act so that anyone can check whether
          applicants are treated alike. We ask for the same reason: to measure, over all answers the advisor has given,
          whether people in one group get favorable advice less often than people in another.
        </p>
        <p className="mt-1">
          Your answers are stored apart from your questions. They are never sent to the advisor or used to find similar
          loans, so they cannot change the advice you get. Our ML engineers see only counts per group, never your
          answers. You can change or clear them at any time.
        </p>
      </section>
      <SelfDeclaredForm attributes={attributes} />
    </div>
  );
}
