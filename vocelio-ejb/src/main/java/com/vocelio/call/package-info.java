/**
 * Calls: the record of one conversation (who, when, how long, what it cost, how it ended) and its telephony
 * provider. A call knows the agent and department it reached; it knows nothing of transfers, which are built on it.
 * What routing needs of a call it hears by CDI events, never by imports: an inbound call waiting for a department
 * ({@link com.vocelio.call.entity.CallWaiting}), a call whose line is over ({@link com.vocelio.call.entity.CallEnded}),
 * a simulated agent's leg that never answered ({@link com.vocelio.call.entity.AgentLegUnanswered}).
 * Does not own routing ({@code transfer}) or reports that join calls with transfers ({@code analytics}).
 */
package com.vocelio.call;
