package com.vocelio.department.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DepartmentTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T09:00:00Z");

    private static Department department(String name) {
        return new Department(name, "+1 415 555 0100", Optional.of("+14155550100"), NOW);
    }

    @Test
    void newDepartmentHasAUuidAndEqualTimestampsInUtcMicroseconds() {
        var sales = department("Sales");

        assertTrue(Checks.isUuid(sales.id()));
        assertNotEquals(sales.id(), department("Sales").id());
        assertEquals(sales.createdAt(), sales.updatedAt());
        assertEquals(ZoneOffset.UTC, sales.createdAt().getOffset());
        assertEquals(0, sales.createdAt().getNano() % 1000);
    }

    @Test
    void newDepartmentHasQuietDefaults() {
        var sales = department("Sales");

        assertTrue(sales.isActive());
        assertEquals("", sales.description());
        assertEquals("", sales.color());
        assertEquals(Json.createObjectBuilder().build(), sales.businessHours());
        assertEquals(Optional.empty(), sales.overflowDepartmentId());
    }

    @Test
    void nameIsRequired() {
        assertInvalid("name", () -> department(null));
        assertInvalid("name", () -> department("   "));
        assertInvalid("name", () -> department("Sales").rename(""));
    }

    @Test
    void nameIsTrimmedAndAtMostOneHundredCharacters() {
        assertEquals("Sales", department("  Sales  ").name());
        assertEquals(100, department("n".repeat(100)).name().length());
        assertInvalid("name", () -> department("n".repeat(101)));
    }

    @Test
    void phoneNumberKeepsWhatWasTypedAndStoresE164() {
        String typed = " (415) 555-0100 ";

        var sales = new Department("Sales", typed, PhoneNumbers.toE164(typed, "US"), NOW);

        assertEquals("(415) 555-0100", sales.phoneNumber());
        assertEquals(Optional.of("+14155550100"), sales.phoneNumberE164());
    }

    @Test
    void phoneNumberThatIsNoNumberIsKeptWithoutE164() {
        var sales = department("Sales");

        sales.changePhoneNumber("ask reception", PhoneNumbers.toE164("ask reception", "US"));

        assertEquals("ask reception", sales.phoneNumber());
        assertEquals(Optional.empty(), sales.phoneNumberE164());
    }

    @Test
    void phoneNumberIsRequired() {
        assertInvalid("phone_number", () -> new Department("Sales", null, Optional.empty(), NOW));
        assertInvalid("phone_number", () -> new Department("Sales", "  ", Optional.empty(), NOW));
        assertInvalid("phone_number", () -> department("Sales").changePhoneNumber("", Optional.empty()));
    }

    @Test
    void phoneNumberIsAtMostFortyCharacters() {
        assertInvalid("phone_number", () -> new Department("Sales", "1".repeat(41), Optional.empty(), NOW));
    }

    @Test
    void descriptionAndColorAreOptionalButBounded() {
        var sales = department("Sales");

        sales.describe(" Inbound sales ");
        sales.paint("#00ff00");
        assertEquals("Inbound sales", sales.description());
        assertEquals("#00ff00", sales.color());

        sales.describe(null);
        assertEquals("", sales.description());
        assertInvalid("description", () -> sales.describe("d".repeat(1001)));
        assertInvalid("color", () -> sales.paint("c".repeat(31)));
    }

    @Test
    void businessHoursRoundTripAsJson() {
        var hours = Json.createObjectBuilder()
                .add("monday", Json.createObjectBuilder().add("open", "09:00").add("close", "17:00"))
                .add("timezone", "America/New_York")
                .build();
        var sales = department("Sales");

        sales.changeBusinessHours(hours);

        assertEquals(hours, sales.businessHours());
    }

    @Test
    void activeCanBeSwitched() {
        var sales = department("Sales");

        sales.setActive(false);

        assertFalse(sales.isActive());
    }

    @Test
    void policyStartsWithTheDefaults() {
        var policy = department("Sales").policy();

        assertEquals(RoutingStrategy.LONGEST_IDLE, policy.strategy());
        assertEquals(RoutingPolicy.DEFAULT_RESERVATION_TIMEOUT_SECONDS, policy.reservationTimeoutSeconds());
        assertEquals(RoutingPolicy.DEFAULT_WRAP_UP_SECONDS, policy.wrapUpSeconds());
        assertEquals(RoutingPolicy.DEFAULT_OVERFLOW_AFTER_SECONDS, policy.overflowAfterSeconds());
        assertEquals(RoutingPolicy.DEFAULT_MAX_QUEUE_LENGTH, policy.maxQueueLength());
    }

    @Test
    void policyTakesValuesAtItsBounds() {
        var sales = department("Sales");

        sales.routeBy(RoutingStrategy.BEST_RATED);
        sales.reserveOffersFor(1);
        sales.wrapUpFor(0);
        sales.overflowAfter(24 * 3600);
        sales.limitQueueTo(10_000);

        var policy = sales.policy();
        assertEquals(RoutingStrategy.BEST_RATED, policy.strategy());
        assertEquals(1, policy.reservationTimeoutSeconds());
        assertEquals(0, policy.wrapUpSeconds());
        assertEquals(86_400, policy.overflowAfterSeconds());
        assertEquals(10_000, policy.maxQueueLength());
    }

    @Test
    void reservationTimeoutOutsideOneSecondToAnHourIsRefused() {
        var sales = department("Sales");

        assertInvalid("reservation_timeout_seconds", () -> sales.reserveOffersFor(0));
        assertInvalid("reservation_timeout_seconds", () -> sales.reserveOffersFor(3601));
        assertEquals(
                RoutingPolicy.DEFAULT_RESERVATION_TIMEOUT_SECONDS,
                sales.policy().reservationTimeoutSeconds());
    }

    @Test
    void wrapUpOutsideZeroToAnHourIsRefused() {
        var sales = department("Sales");

        assertInvalid("wrap_up_seconds", () -> sales.wrapUpFor(-1));
        assertInvalid("wrap_up_seconds", () -> sales.wrapUpFor(3601));
    }

    @Test
    void overflowAfterOutsideOneSecondToADayIsRefused() {
        var sales = department("Sales");

        assertInvalid("overflow_after_seconds", () -> sales.overflowAfter(0));
        assertInvalid("overflow_after_seconds", () -> sales.overflowAfter(86_401));
    }

    @Test
    void queueLengthOutsideOneToTenThousandIsRefused() {
        var sales = department("Sales");

        assertInvalid("max_queue_length", () -> sales.limitQueueTo(0));
        assertInvalid("max_queue_length", () -> sales.limitQueueTo(10_001));
    }

    @Test
    void departmentOverflowsToAnotherAndBackToNone() {
        var sales = department("Sales");
        var support = department("Support");

        sales.overflowTo(support);
        assertEquals(Optional.of(support.id()), sales.overflowDepartmentId());

        sales.overflowTo(null);
        assertEquals(Optional.empty(), sales.overflowDepartmentId());
    }

    @Test
    void departmentCannotOverflowToItself() {
        var sales = department("Sales");
        var support = department("Support");
        sales.overflowTo(support);

        var e = assertInvalid("overflow_department_id", () -> sales.overflowTo(sales));

        assertEquals("cannot be the department itself", e.details().get(0).message());
        assertEquals(Optional.of(support.id()), sales.overflowDepartmentId());
    }

    @Test
    void touchMovesOnlyTheUpdateTime() {
        var sales = department("Sales");

        sales.touch(NOW.plusSeconds(1));

        assertEquals(NOW, sales.createdAt());
        assertEquals(NOW.plusSeconds(1), sales.updatedAt());
    }
}
