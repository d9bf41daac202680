/** Amounts above this (in their own currency) are flagged as implausible: still counted, as the core counts them, and explained. */
export const ABSURD_AMOUNT = 1e12;
