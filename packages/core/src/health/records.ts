// What a record says about an account, read the same way by the health signals (signals.ts) and
// the alert rules (alerts/evaluate.ts). Internal: not part of the package's exports.
import type { Contract, Invoice, Ticket } from '../model/schemas.js';

/** A contract whose renewal is still to come: not renewed, not churned, not replaced. */
export const renewalPending = (c: Contract): boolean => c.renewalStatus !== 'renewed' && c.renewalStatus !== 'churned' && !c.renewedById;

/** A ticket still waiting on us or on the customer. */
export const ticketOpen = (k: Ticket): boolean => k.status === 'open' || k.status === 'pending';

/** What is still owed on an invoice (0 when paid). */
export function outstanding(inv: Invoice): number {
  if (inv.paidAmount !== undefined) return Math.max(0, inv.amount.amount - inv.paidAmount);
  return inv.paidDate ? 0 : inv.amount.amount;
}
