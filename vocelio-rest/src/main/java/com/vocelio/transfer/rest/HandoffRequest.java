package com.vocelio.transfer.rest;

import jakarta.json.JsonValue;

/**
 * The Call Center's Transfer button ({@code {call_sid, transfer_to}}, T4) and the flow executor's
 * {@code {transfer_to, type, context}} (the call named by the path there). {@code type} may also be spelt
 * {@code transfer_type}; {@code context} is text or an object.
 */
public record HandoffRequest(String callSid, String transferTo, String type, String transferType, JsonValue context) {

    /** The type the body asks for ({@code type}, else {@code transfer_type}), else {@code byDefault}. */
    String typeOr(String byDefault) {
        if (type != null && !type.isBlank()) {
            return type;
        }
        return transferType != null && !transferType.isBlank() ? transferType : byDefault;
    }
}
