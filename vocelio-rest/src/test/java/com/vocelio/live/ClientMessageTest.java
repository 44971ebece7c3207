package com.vocelio.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vocelio.platform.boundary.BusinessException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Socket clients write their messages in several shapes; each reads the same. */
class ClientMessageTest {

    private static ClientMessage read(String text) {
        return ClientMessage.read(text);
    }

    @Test
    void aTokenIsFoundAtTheTopOrInThePayloadUnderAnyOfItsSpellings() {
        assertEquals("a", read("{\"type\":\"auth\",\"token\":\"a\"}").token());
        assertEquals(
                "b",
                read("{\"type\":\"auth\",\"payload\":{\"accessToken\":\"b\"}}").token());
        assertNull(read("{\"type\":\"auth\",\"token\":\"  \"}").token());
    }

    @Test
    void sinceMayBeANumberOrAStringButNeverNegative() {
        assertEquals(42L, read("{\"type\":\"ping\",\"since\":42}").since());
        assertEquals(
                7L,
                read("{\"type\":\"ping\",\"payload\":{\"last_event_id\":\"7\"}}")
                        .since());
        assertNull(read("{\"type\":\"ping\",\"since\":-1}").since());
        assertNull(read("{\"type\":\"ping\",\"since\":\"x\"}").since());
    }

    @Test
    void channelsAreLowerCaseAndOnceEach() {
        var message = read(
                "{\"type\":\"subscribe\",\"channel\":\"Queue\",\"payload\":{\"channels\":[\"queue\",\"live_call\"]}}");
        assertEquals(List.of("queue", "live_call"), message.channels());
    }

    @Test
    void departmentFiltersComeFromEitherPlaceAndAnyKey() {
        var message =
                read("{\"type\":\"subscribe\",\"filters\":{\"department\":\" Sales \",\"department_ids\":[\"d1\"]}}");
        assertEquals(Set.of("sales", "d1"), message.departments());
    }

    @Test
    void listFiltersAreTheContractsListIdOrAnArrayAndNotDepartments() {
        var message = read("{\"type\":\"subscribe\",\"channel\":\"contacts\",\"filters\":{\"listId\":\"AB-1\"}}");
        assertEquals(Set.of("ab-1"), message.lists());
        assertEquals(Set.of(), message.departments());
        var many = read("{\"type\":\"subscribe\",\"payload\":{\"filters\":{\"list_ids\":[\"a\",\"b\",3]}}}");
        assertEquals(Set.of("a", "b"), many.lists());
    }

    @Test
    void textThatIsNotOneStrictJsonObjectIsRefusedAsABodyWouldBe() {
        for (String text : List.of(
                "not json",
                "",
                "[1]",
                "[{\"type\":\"ping\"}]",
                "{\"type\":\"ping\"} xxx",
                "{\"type\":\"ping\"}{}",
                "{\"type\":\"ping\"}\u0000",
                "{\"type\":\"ping\",\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}",
                "{\"type\":\"ping\",\"since\":1" + "0".repeat(2000) + "}",
                "{\"type\":\"ping\",\"since\":1e-999999999}",
                "{\"type\":\"ping\",\"since\":1e999999999}")) {
            var refusal = assertThrows(BusinessException.class, () -> read(text), text);
            assertEquals(BusinessException.Kind.INVALID, refusal.kind(), text);
        }
        assertEquals("", read("{}").type());
        assertEquals(
                9_000_000_000L, read("{\"type\":\"ping\",\"since\":9000000000}").since());
    }

    @Test
    void aControlCharacterIsRefusedNamingTheField() {
        var refusal = assertThrows(
                BusinessException.class,
                () -> read("{\"type\":\"subscribe\",\"payload\":{\"channels\":[\"queue\",\"a\\u0000b\"]}}"));
        assertEquals("payload.channels[1]", refusal.details().get(0).field());
        assertEquals(
                "a\nb", read("{\"type\":\"x\",\"note\":\"a\\nb\"}").message().getString("note"));
    }
}
