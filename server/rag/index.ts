/** The rag domain's public face: retrieval of the loan profiles most like a question. */
export type { RetrievedProfile } from "./retrieved";
export {
  profilesFor,
  retrieveProfiles,
  retrieveLoanDataTool,
  type Retrieval,
  type RetrievalEngines,
} from "./retriever";
export { facetDistance } from "./facet-distance";
