/**
 * Identity: organizations, users, roles, passwords, TOTP, API keys, sign-in, access and refresh tokens, their
 * verification, throttling and revocation. The one place that turns a credential into a caller; every feature above
 * reads the caller's organization through {@code platform}'s {@code CurrentTenant}. Does not own what a role may do
 * in a feature: each resource says so with {@code @RolesAllowed}.
 */
package com.vocelio.identity;
