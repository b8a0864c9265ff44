import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows } from "@/components/console/states";
import { TracesView } from "./view";

export const metadata: Metadata = { title: "Traces" };

export default function Page() {
  // The view reads the chosen trace from the URL (?trace=…), which needs a Suspense boundary.
  return (
    <Suspense fallback={<LoadingRows />}>
      <TracesView />
    </Suspense>
  );
}
