package com.vocelio.agent.entity;

/** An agent's status changed by someone's hand (not by routing itself); fired inside the changing transaction. */
public record AgentStatusChanged(Agent agent, AgentStatus from, AgentStatus to) {}
