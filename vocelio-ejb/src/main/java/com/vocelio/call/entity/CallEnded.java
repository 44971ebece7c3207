package com.vocelio.call.entity;

/**
 * The telephone call {@code callSid} is over on the network (someone hung up, it completed, failed). Fired inside the
 * ending unit of work; the feature that routes observes it after the commit to finish what the call leaves open (a
 * connected transfer completes, a waiting one is abandoned), without telephony knowing routing.
 */
public record CallEnded(String callSid) {}
