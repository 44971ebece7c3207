/**
 * The supervisor console: PrimeFaces pages under {@code /console/} for admins and supervisors of one organization.
 *
 * <p>Responsibility: sign-in over the API's users and passwords (the same {@code Logins} boundary, the same access
 * and refresh tokens, kept in the HTTP session), the departments, agents, call logs and users pages, the live wallboard
 * and queues (cancel, reassign, force-complete). Every read and
 * change goes through the EJB boundaries the API uses, in the signed-in user's organization, so rules, events and
 * tenancy are the same; the console only adds the role rules the API's resources state (departments are changed by
 * admins, users by admins only). Backing beans ({@code *Backing}) mirror their pages; messages come from {@code messages.properties}.
 *
 * <p>Not here yet (issue #14): Excel export of the call logs (no Apache POI in the war).
 */
package com.vocelio.console;
