/**
 * Transfers: a caller handed from an AI agent to a department, queued, routed to one human agent, offered, accepted
 * or rejected, connected and completed; queue positions, estimated waits, live queue figures, reservation and
 * wrap-up timers, and transfer analytics.
 *
 * <p>Owns the routing rules (who gets the next call, racing requests resolved by row locks), idempotent requests and
 * the queue's order. Uses calls (a transfer is for a call), agents and departments below it. Does not own the
 * agents' own status rules ({@code agent}), department settings ({@code department}) or delivery to clients
 * ({@code event}, {@code live}).
 */
package com.vocelio.transfer;
