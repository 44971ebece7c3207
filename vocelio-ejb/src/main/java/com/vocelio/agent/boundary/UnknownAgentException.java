package com.vocelio.agent.boundary;

import com.vocelio.platform.boundary.BusinessException;

public class UnknownAgentException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public UnknownAgentException(String agentId) {
        super(Kind.NOT_FOUND, "agent_not_found", "Agent '" + agentId + "' not found");
    }
}
