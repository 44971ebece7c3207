/**
 * Contacts: the people an organization calls, their lists, imports and the do-not-call lists that veto a call
 * ({@link com.vocelio.call.entity.CallPlacing}). One contact per phone number per organization.
 */
package com.vocelio.contact;
