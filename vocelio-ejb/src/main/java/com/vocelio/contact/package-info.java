/**
 * Contacts: the people an organization calls, their lists, imports and the do-not-call lists that veto a call
 * ({@link com.vocelio.call.entity.CallPlacing}). One contact per phone number (E.164) per organization: a create or
 * an import that meets a known number reports it (409 naming {@code phone}) or merges into it, as asked, and never
 * duplicates it. Reads go a page at a time in a fixed number of statements (trigram search over name, e-mail and
 * phone; keyset paging); bulk operations and imports are set-based. Out of scope: CRM integrations and sync.
 */
package com.vocelio.contact;
