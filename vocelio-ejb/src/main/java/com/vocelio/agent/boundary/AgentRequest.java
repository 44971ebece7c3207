package com.vocelio.agent.boundary;

import com.vocelio.agent.entity.Agent;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a client sends to register or change an agent (the seed's register body plus capacity and reachability:
 * {@code phone_number}, {@code sip_uri}, {@code client_identity}).
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
        String sipUri,
        String clientIdentity) {

    /** Hands the profile fields that are present to the agent's own rules (identity, department, status aside). */
    void applyTo(Agent agent) {
        if (email != null) {
            agent.changeEmail(email);
        }
        if (skills != null) {
            agent.changeSkills(skills);
        }
        if (languages != null) {
            agent.changeLanguages(languages);
        }
        if (performanceRating != null) {
            agent.rate(performanceRating);
        }
        if (maxConcurrentCalls != null) {
            agent.allowConcurrentCalls(maxConcurrentCalls);
        }
        agent.reachAt(phoneNumber, sipUri, clientIdentity);
    }
}
