package com.vocelio.department.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a department picks the agent for the transfer at the head of its queue. */
public enum RoutingStrategy {
    /** the available agent who has waited longest since their last call (the default) */
    LONGEST_IDLE,
    /** the agent who has taken the fewest calls today */
    FEWEST_CALLS,
    /** the agent with the highest performance rating */
    BEST_RATED,
    /** agents in turn */
    ROUND_ROBIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoutingStrategy> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(s -> s.wireName().equalsIgnoreCase(value.trim().replace('-', '_')))
                .findFirst();
    }

    public static String legalValues() {
        return Arrays.stream(values()).map(RoutingStrategy::wireName).collect(Collectors.joining(", "));
    }
}
