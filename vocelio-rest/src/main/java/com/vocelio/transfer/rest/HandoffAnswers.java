package com.vocelio.transfer.rest;

import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.CallHandoffs;
import jakarta.ws.rs.core.Response;

/** The answer to a hand-off: a routed transfer as every transfer request answers, or the number dialled. */
final class HandoffAnswers {

    private HandoffAnswers() {}

    static Response of(CallHandoffs.Handoff handoff) {
        if (handoff instanceof CallHandoffs.Routed routed) {
            return TransferView.answer(routed.placed());
        }
        var dialed = (CallHandoffs.Dialed) handoff;
        return Response.ok(Envelope.of("call_sid", dialed.call().callId())
                        .with("transfer_to", dialed.number())
                        .with("transfer_type", "cold")
                        .with("status", "transferred"))
                .build();
    }
}
