export { REVIEW_STATUSES, reviewItems, reviewDecisions, type ReviewStatus, type ReviewAction } from "./tables";
export { enqueueFlaggedAnswers, type FlaggedAnswer, type ReviewWriter } from "./enqueue";
export { reviewFilterSchema, type ReviewFilter } from "./filter";
export { listReviewItems, getReviewItem, reviewHistory, type ReviewItem, type ReviewPage } from "./queue";
export {
  decideReviewItem,
  assignReviewItem,
  decideInput,
  assignInput,
  type DecideInput,
  type AssignInput,
} from "./decide";
export { bulkReview, bulkInput, type BulkInput } from "./bulk";
export { reviewPrecision, type ReviewPrecision, type PrecisionFigures } from "./precision";
export { confirmedCases, exportConfirmedCases, type LabelledCase } from "./export";
