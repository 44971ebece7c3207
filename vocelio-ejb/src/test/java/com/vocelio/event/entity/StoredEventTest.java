package com.vocelio.event.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.control.Jsons;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    @Test
    void theEnvelopeCarriesTheIdAsTextAndThePayloadTwice() {
        var event = new StoredEvent(
                42,
                7,
                "0b1c",
                "transfer_queued",
                "transfers",
                OffsetDateTime.parse("2026-11-22T10:00:00Z"),
                "{\"transfer_id\": \"transfer_1\"}");
        var envelope = Jsons.reader(event.envelope()).readObject();
        assertEquals("42", envelope.getString("id"));
        assertEquals("transfer_queued", envelope.getString("type"));
        assertEquals("transfers", envelope.getString("channel"));
        assertEquals("0b1c", envelope.getString("tenant_id"));
        assertEquals("2026-11-22T10:00Z", envelope.getString("timestamp"));
        assertEquals("transfer_1", envelope.getJsonObject("payload").getString("transfer_id"));
        assertEquals(envelope.getJsonObject("payload"), envelope.getJsonObject("data"));
        assertEquals("transfer_1", event.text("transfer_id"));
    }

    @Test
    void derivedMessagesHaveNoIdToResumeFrom() {
        var envelope = Jsons.reader(StoredEvent.envelope(null, "transfer_status", "transfers", "t", "now", "{}"))
                .readObject();
        assertFalse(envelope.containsKey("id"));
        assertTrue(envelope.containsKey("data"));
    }

    @Test
    void deliveryOrderIsTransactionThenId() {
        var early = new StoredEvent.Position(10, 9);
        var late = new StoredEvent.Position(11, 3);
        assertTrue(late.after(early));
        assertFalse(early.after(late));
        assertFalse(early.after(early));
    }
}
