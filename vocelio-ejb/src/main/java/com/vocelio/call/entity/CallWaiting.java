package com.vocelio.call.entity;

/**
 * An inbound call answered by a flow that queues its callers waits for the department {@code departmentId}; the
 * caller hears hold music meanwhile. The feature that routes ({@code transfer}) observes this and queues the call;
 * telephony need not know it. Fired with the organization bound, after the call's record is committed, so a refusal
 * (a closed department, a full queue) is a {@link com.vocelio.platform.boundary.BusinessException} that leaves the
 * record as it is.
 *
 * @param context what the agent is told of the call (the number called and the flow answering it)
 */
public record CallWaiting(String callSid, String departmentId, String context) {}
