/**
 * Events: the unit of work every boundary call runs as (organization bound, events raised by entities handed to
 * their observers and written to the outbox in the same transaction), the outbox, its relay across nodes
 * (PostgreSQL {@code LISTEN/NOTIFY}) and the registry of subscribers it delivers to, plus the replayable event log.
 * Knows no feature: features raise {@code DomainEvent}s; which wire format a socket or stream speaks is
 * {@code live}'s.
 */
package com.vocelio.event;
