/**
 * Platform: what every feature stands on and no feature owns: the organization a unit of work runs in
 * ({@code CurrentTenant}), the one error type ({@code BusinessException}) and how database failures map onto it,
 * the schema migration at start-up, the clock, and small helpers (JSON, SQL, input checks, phone numbers). Knows no
 * feature; nothing here may import one.
 */
package com.vocelio.platform;
