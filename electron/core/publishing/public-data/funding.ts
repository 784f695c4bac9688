import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import { redact } from './redaction';
import type { PublicFunding } from './types';

/** Funding applications: amounts, status and dates; free texts redacted. */
export async function collectFunding(db: DbOrTx): Promise<PublicFunding[]> {
  return (await q.siteFunding(db)).map((f) => ({
    code: f.code,
    title: redact(f.title),
    applicant: redact(f.applicant),
    programme: f.programme,
    callCode: f.call_code,
    callTitle: redact(f.call_title),
    managingBody: redact(f.managing_body),
    nonReimbursable: f.non_reimbursable === 1,
    requestedAmount: Number(f.requested_amount),
    ownContribution: Number(f.own_contribution),
    totalAmount: Number(f.total_amount),
    status: f.status,
    decisionOn: f.decision_on,
    contractSignedOn: f.contract_signed_on,
  }));
}
