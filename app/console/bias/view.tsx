"use client";

import { PageHeader } from "@/components/console/states";
import { AlertsPanel } from "./alerts-panel";
import { BiasTabs } from "./bias-tabs";
import { DecisionsByGroup } from "./decisions-by-group";
import { FairnessReportForm } from "./fairness-report-form";
import { ReviewSection } from "./review/review-section";
import { TrendsPanel } from "./trends-panel";

export function BiasView() {
  return (
    <>
      <BiasTabs />
      <PageHeader
        title="Bias & fairness"
        description="Fairness alerts by model version, and group fairness reports of uploaded decisions."
      />
      <AlertsPanel />
      <TrendsPanel />
      <DecisionsByGroup />
      <ReviewSection />
      <div className="mt-6">
        <FairnessReportForm />
      </div>
    </>
  );
}
