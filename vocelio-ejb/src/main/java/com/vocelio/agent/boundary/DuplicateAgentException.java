package com.vocelio.agent.boundary;

import com.vocelio.platform.boundary.BusinessException;

public class DuplicateAgentException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public DuplicateAgentException(String agentId) {
        super(Kind.CONFLICT, "agent_exists", "Agent with agent_id '" + agentId + "' already exists");
    }
}
