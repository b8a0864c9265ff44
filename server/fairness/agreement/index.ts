export { cohenKappa, countTable, fleissKappa, type Agreement } from "./kappa";
export { ratersAgreement, type Rating, type RaterPairAgreement, type RatersAgreement } from "./raters";
