package com.vocelio.call.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CallTest {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    static Call placed() {
        return Call.outbound("CA1", "twilio", "+15551230000", "+15557654321", "Hi", "azure", "", T0);
    }

    @Test
    void statusesOnlyMoveForward() {
        var call = placed();
        assertTrue(call.reportStatus(TelephonyStatus.RINGING, null, null, T0.plusSeconds(1)));
        assertTrue(call.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(3)));
        assertEquals(CallStatus.ACTIVE, call.status());
        assertTrue(call.reportStatus(TelephonyStatus.COMPLETED, 40, null, T0.plusSeconds(43)));
        assertFalse(call.reportStatus(TelephonyStatus.RINGING, null, null, T0.plusSeconds(44)));
        assertFalse(call.reportStatus(TelephonyStatus.BUSY, null, null, T0.plusSeconds(44)));
        assertEquals(TelephonyStatus.COMPLETED, call.telephonyStatus());
        assertEquals(CallStatus.COMPLETED, call.status());
        // a repeat may still bring what Twilio tells only at the end
        call.reportStatus(TelephonyStatus.COMPLETED, 40, new BigDecimal("0.0130"), T0.plusSeconds(50));
        assertEquals(new BigDecimal("0.0130"), call.price().orElseThrow());
        assertEquals(40, call.talkSeconds().orElseThrow());
    }

    @Test
    void hangingUpARingingCallCancelsItAndAnAnsweredOneCompletesIt() {
        var ringing = placed();
        ringing.reportStatus(TelephonyStatus.RINGING, null, null, T0.plusSeconds(1));
        assertEquals(TelephonyStatus.CANCELED, ringing.hangUpStatus());
        assertTrue(ringing.hangUp(T0.plusSeconds(2)));
        assertEquals(CallStatus.ABANDONED, ringing.status());
        assertEquals(0, ringing.talkSeconds().orElseThrow());
        assertFalse(ringing.hangUp(T0.plusSeconds(3)));

        var answered = placed();
        answered.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(2));
        assertTrue(answered.hangUp(T0.plusSeconds(12)));
        assertEquals(TelephonyStatus.COMPLETED, answered.telephonyStatus());
        assertEquals(10, answered.talkSeconds().orElseThrow());
    }

    @Test
    void aCallWhoseRecordEndedStaysOnTheLineUntilTheProviderSaysSo() {
        var call = placed();
        call.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(2));
        call.end(CallStatus.COMPLETED, T0.plusSeconds(30)); // the agent completed the transfer
        assertTrue(call.onTheLine());
        assertTrue(call.hangUp(T0.plusSeconds(31)));
        assertFalse(call.onTheLine());
    }

    @Test
    void muteAndHoldNeedAnAnsweredLiveCall() {
        var call = placed();
        var early = assertThrows(BusinessException.class, () -> call.mute(true, T0));
        assertEquals("call_not_answered", early.code());
        call.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(2));
        call.hold(true, T0.plusSeconds(3));
        assertEquals(CallStatus.ON_HOLD, call.status());
        call.hold(false, T0.plusSeconds(4));
        assertEquals(CallStatus.ACTIVE, call.status());
        call.hangUp(T0.plusSeconds(5));
        assertEquals(
                "call_ended",
                assertThrows(BusinessException.class, () -> call.hold(true, T0)).code());
    }

    /** A call answered and moved into a transfer's conference, with the AI's leg in it. */
    private static Call inConference(boolean warm) {
        var call = placed();
        call.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(2));
        call.enterConference("vocelio-T1", T0.plusSeconds(10));
        call.aiJoins("CAai", warm, T0.plusSeconds(10));
        return call;
    }

    @Test
    void theAiLegIsCuedOnceWhenTheConferenceStartsAndAWarmOneLeavesAfterItsLine() {
        var call = inConference(true);
        assertFalse(call.aiLineDue("CAai"), "silent until the conference starts");
        assertFalse(call.aiLeavesAfterLine("CAai"));
        com.vocelio.event.entity.DomainEvents.begin();
        assertTrue(call.aiCued(T0.plusSeconds(30), java.time.Duration.ofSeconds(20)));
        assertFalse(call.aiCued(T0.plusSeconds(31), java.time.Duration.ofSeconds(20)), "once");
        var events = com.vocelio.event.entity.DomainEvents.end();
        assertEquals(1, events.size());
        assertEquals(Call.AI_LEG_CUED, events.get(0).type());
        assertEquals(Call.AI_LEG_CHANNEL, events.get(0).channel());
        assertEquals("CA1", events.get(0).payload().getString("call_sid"));
        assertEquals("CAai", events.get(0).payload().getString("ai_leg_sid"));
        assertTrue(call.aiLineDue("CAai"));
        assertFalse(call.aiLineDue("CAother"), "only the AI's own leg");
        assertTrue(call.aiLeavesAfterLine("CAai"));
        call.aiLeft("CAai", "line_spoken", T0.plusSeconds(35));
        assertEquals("", call.aiLegSid());
        assertFalse(call.aiCued(T0.plusSeconds(36), java.time.Duration.ofSeconds(20)), "no AI leg to cue");
    }

    @Test
    void aConferenceTransfersAiLegStaysAfterItsLine() {
        var call = inConference(false);
        assertTrue(call.aiCued(T0.plusSeconds(30), java.time.Duration.ofSeconds(20)));
        assertTrue(call.aiLineDue("CAai"));
        assertFalse(call.aiLeavesAfterLine("CAai"));
    }

    @Test
    void anAnsweredAgentsLegSetsTheLatestCueWhichTheConferenceStartOrTheLegLeavingClears() {
        var call = inConference(true);
        var by = T0.plusSeconds(40);
        call.aiCueBy(by, T0.plusSeconds(30));
        assertFalse(call.aiCueOverdue(by.minusNanos(1)));
        assertTrue(call.aiCueOverdue(by));
        assertTrue(call.aiCued(by, java.time.Duration.ofSeconds(20)));
        assertFalse(call.aiCueOverdue(by.plusSeconds(1)), "cued: nothing left to cue");
        call.aiCueBy(by.plusSeconds(60), by.plusSeconds(1));
        assertFalse(call.aiCueOverdue(by.plusSeconds(120)), "a cued leg is not cued again");

        var gone = inConference(false);
        gone.aiCueBy(by, T0.plusSeconds(30));
        gone.aiLeaves("CAai", T0.plusSeconds(31));
        assertFalse(gone.aiCueOverdue(by.plusSeconds(1)), "no AI leg left to cue");
        var none = placed();
        none.aiCueBy(by, T0.plusSeconds(30));
        assertFalse(none.aiCueOverdue(by.plusSeconds(1)), "no AI leg at all");
    }

    @Test
    void aSimulatedAgentsLegThatRingsOutIsReportedOnceAndGoesWithTheCall() {
        var call = placed();
        call.reportStatus(TelephonyStatus.IN_PROGRESS, null, null, T0.plusSeconds(2));
        assertTrue(call.agentLegOver().isEmpty(), "no leg rang");
        call.agentLegRings(new AgentLeg("transfer_1", 2, Handover.COLD, "", "Ann", "Billing"), T0.plusSeconds(7));
        assertEquals(T0.plusSeconds(7), call.agentLegEndsAt().orElseThrow());
        assertEquals(
                new AgentLegUnanswered("CA1", "transfer_1", 2),
                call.agentLegOver().orElseThrow());
        assertTrue(call.agentLegOver().isEmpty(), "once");
        assertTrue(call.agentLegEndsAt().isEmpty());

        call.agentLegRings(
                new AgentLeg("transfer_1", 3, Handover.WARM, "Refund", "Ann", "Billing"), T0.plusSeconds(20));
        call.hangUp(T0.plusSeconds(10));
        assertTrue(call.agentLegOver().isEmpty(), "the caller hung up: nobody to bridge the agent to");
    }
}
