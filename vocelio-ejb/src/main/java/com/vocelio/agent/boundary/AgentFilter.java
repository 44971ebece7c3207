package com.vocelio.agent.boundary;

/** Narrows an agent listing; every criterion is optional. {@code department} is an id or a name. */
public record AgentFilter(String department, String status, String skill, String language) {

    public static AgentFilter none() {
        return new AgentFilter(null, null, null, null);
    }
}
