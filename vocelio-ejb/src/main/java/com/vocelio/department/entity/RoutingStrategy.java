package com.vocelio.department.entity;

import com.vocelio.platform.control.WireName;
import java.util.Optional;

/** How a department picks the agent for the transfer at the head of its queue. */
public enum RoutingStrategy implements WireName {
    /** the available agent who has waited longest since their last call (the default) */
    LONGEST_IDLE,
    /** the agent who has taken the fewest calls today */
    FEWEST_CALLS,
    /** the agent with the highest performance rating */
    BEST_RATED,
    /** agents in turn */
    ROUND_ROBIN;

    public static Optional<RoutingStrategy> fromWire(String value) {
        return WireName.parse(RoutingStrategy.class, value);
    }

    public static String legalValues() {
        return WireName.legalValues(RoutingStrategy.class);
    }
}
