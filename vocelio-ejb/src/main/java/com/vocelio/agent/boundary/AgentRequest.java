package com.vocelio.agent.boundary;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a client sends to register or change an agent (the seed's register body plus capacity and reachability).
 * {@code department} is a department id or name. On update an absent field keeps its value.
 */
public record AgentRequest(
        String agentId,
        String name,
        String email,
        String department,
        List<String> skills,
        List<String> languages,
        String status,
        BigDecimal performanceRating,
        Integer maxConcurrentCalls,
        String phoneNumber,
        String sipUri) {}
