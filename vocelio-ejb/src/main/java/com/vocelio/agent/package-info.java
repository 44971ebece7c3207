/**
 * Agents: the humans who take transferred calls; their department, skills, languages, capacity and status
 * (available, busy, wrap-up, on break, offline) with its timing rules. An agent's status change is a typed event
 * that routing observes. Does not decide which agent gets a call ({@code transfer}) and does not own sign-in
 * ({@code identity}).
 */
package com.vocelio.agent;
