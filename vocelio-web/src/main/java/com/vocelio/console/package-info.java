/**
 * The supervisor console: PrimeFaces pages under {@code /console/} for admins and supervisors of one organization.
 *
 * <p>Responsibility: sign-in over the API's users and passwords (the same {@code Logins} boundary, the same access
 * and refresh tokens, kept in the HTTP session), the departments and agents pages, the live wallboard. Every read and
 * change goes through the EJB boundaries the API uses, in the signed-in user's organization, so rules, events and
 * tenancy are the same; the console only adds the role rules the API's resources state (departments are changed by
 * admins). Backing beans ({@code *Backing}) mirror their pages; messages come from {@code messages.properties}.
 *
 * <p>Out of scope here: live queue actions, call logs, users, charts (issue #14 lists them).
 */
package com.vocelio.console;
