// Records of the four-eyes rule for production: a model's promotion policy, and the promotion requests that wait
// for a second person's approval under it.

export interface PromotionPolicy {
  readonly model: string;
  /** A promotion to production needs an approval by someone other than the requester. */
  readonly requireApproval: boolean;
  /** Every version registered for the model must be signed by a trusted key. */
  readonly requireSignature: boolean;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** What a policy change sets; what it leaves out stays as it was. */
export interface PolicyChanges {
  readonly requireApproval?: boolean;
  readonly requireSignature?: boolean;
}

export const PROMOTION_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'failed'] as const;
export type PromotionRequestStatus = (typeof PROMOTION_REQUEST_STATUSES)[number];

export interface PromotionRequest {
  readonly id: number;
  readonly model: string;
  readonly version: number;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly status: PromotionRequestStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
  /** The people behind requestedBy and decidedBy (keys' owners): the two-person rule compares these. */
  readonly requestedByPerson: string;
  readonly decidedByPerson: string | null;
}

export interface PromotionRequestQuery {
  readonly model?: string;
  readonly status?: PromotionRequestStatus;
}
