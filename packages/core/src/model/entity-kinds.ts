// The entity collections a book holds, by name only. Apart from the schemas (schemas.ts has one
// for each, checked against this list) so that the sync engine, loaded on demand, can go through
// them without importing the schemas: it did, and zod and the schemas became a chunk shared with
// it, one more file loaded up front.

/** An entity collection of a book. */
export type EntityKind = 'accounts' | 'contacts' | 'teamMembers' | 'users' | 'opportunities' | 'activities' | 'contracts' | 'orders' | 'invoices' | 'tickets' | 'surveys';

/** Every entity collection, in the schemas' order: loads, syncs and caches go through them in it. */
export const entityKinds: EntityKind[] = ['accounts', 'contacts', 'teamMembers', 'users', 'opportunities', 'activities', 'contracts', 'orders', 'invoices', 'tickets', 'surveys'];
