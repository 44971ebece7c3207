/**
 * Departments: the queues callers are transferred to and their routing policy (strategy, reservation timeout,
 * wrap-up, overflow, business hours). Knows nothing of the agents and transfers that refer to it: a department in
 * use refuses removal because those features veto it, not because this one counts their rows.
 */
package com.vocelio.department;
