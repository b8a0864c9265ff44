import { SubNav } from "@/components/console/sub-nav";

/** Bias has three pages: alerts and group reports, the counterfactual audits of releases, and blind review of their pairs. */
export function BiasTabs() {
  return (
    <SubNav
      label="Bias"
      items={[
        { href: "/console/bias", label: "Reports & alerts" },
        { href: "/console/bias/audits", label: "Audits" },
        { href: "/console/bias/pair-review", label: "Blinded pair review" },
      ]}
    />
  );
}
