package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What waits, as the supervisors see it: a department's queue (by id or name, on both paths) in urgency-then-age
 * order with positions and growing estimates, and {@code /queue/status} summarising each department and the total.
 */
class TransferQueueIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void theQueueListsWaitingTransfersByUrgencyThenAgeWithPositionsAndWaits() {
        String department = routing.unstaffedDepartment();
        String name = routing.departmentName(department);
        String low = routing.request(department, "low", Map.of()).getString("transfer_id");
        String high = routing.request(department, "high", Map.of()).getString("transfer_id");
        String medium = routing.request(department, "medium", Map.of()).getString("transfer_id");
        var laterHigh = routing.request(department, "high", Map.of("context_summary", "Second high"));
        String high2 = laterHigh.getString("transfer_id");
        assertEquals(2, laterHigh.getInt("queue_position"));

        for (String path : List.of(
                "/departments/" + department + "/queue",
                "/departments/" + name + "/queue",
                "/api/departments/" + department + "/queue",
                "/api/departments/" + name.toLowerCase() + "/queue")) {
            var queue = routing.admin()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("queue_length", equalTo(4))
                    .body("queue_details.transfer_id", equalTo(List.of(high, high2, medium, low)))
                    .body("queue_details.position", equalTo(List.of(1, 2, 3, 4)))
                    .body("queue_details.urgency_level", equalTo(List.of("high", "high", "medium", "low")))
                    .body("queue_details[1].context_summary", equalTo("Second high"))
                    .body("queue_details.call_id", everyItem(isA(String.class)))
                    .body("queue_details.wait_time", everyItem(greaterThanOrEqualTo(0)))
                    .extract()
                    .jsonPath();
            List<Integer> estimates = queue.getList("queue_details.estimated_wait_time", Integer.class);
            for (int i = 1; i < estimates.size(); i++) {
                assertTrue(estimates.get(i) >= estimates.get(i - 1), "estimates must grow with position: " + estimates);
            }
            assertTrue(estimates.get(0) > 0, estimates.toString());
        }
        assertEquals(4, routing.transfer(low).getInt("queue_position"));
        assertEquals(1, routing.transfer(high).getInt("queue_position"));
    }

    @Test
    void queueStatusSummarisesEachDepartmentAndTheTotal() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String name = routing.departmentName(department);
        routing.agent(department);
        routing.agent(department, Map.of("status", "on_break"));
        routing.request(department); // offered to the available agent
        routing.request(department, "high", Map.of());
        routing.request(department, "low", Map.of());
        String row = "departments.find { it.department_id == '" + department + "' }";
        var status = routing.admin()
                .get("/queue/status")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body(row + ".department", equalTo(name))
                .body(row + ".waiting", equalTo(2))
                .body(row + ".longest_wait", greaterThanOrEqualTo(0))
                .body(row + ".available_agents", equalTo(0))
                .body(row + ".busy_agents", equalTo(1))
                .body(row + ".service_level", notNullValue())
                .body("total.waiting", greaterThanOrEqualTo(2))
                .body("total.available_agents", greaterThanOrEqualTo(0))
                .body("total.busy_agents", greaterThanOrEqualTo(1))
                .extract()
                .jsonPath();
        int sum = status.getList("departments.waiting", Integer.class).stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertEquals(sum, status.getInt("total.waiting"));
    }

    /**
     * The day's service level: answered within the threshold over answered or abandoned. It is read at most every few
     * seconds per node (VOCELIO_ROUTING_SERVICE_LEVEL_REFRESH), so it gets there within that, not at once.
     */
    @Test
    void theServiceLevelIsTheDaysShareAnsweredInTimeWithinSecondsOfAChange() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        String row = "departments.find { it.department_id == '" + department + "' }.service_level";
        assertEquals(100.0, serviceLevel(row), 0.0, "nothing answered or abandoned yet");
        routing.handle(routing.request(department)); // offered at once, accepted: answered in time
        routing.move(routing.request(department), "cancel").then().statusCode(200); // the caller hung up: abandoned
        Routing.await("the service level to count both", () -> serviceLevel(row), level -> level == 50.0);
    }

    private float serviceLevel(String row) {
        return routing.admin()
                .get("/queue/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getFloat(row);
    }

    @Test
    void theLongestWaitIsTheOldestCallersWhateverItsUrgency() {
        String department = routing.unstaffedDepartment();
        routing.request(department, "low", Map.of());
        Routing.pause(Duration.ofMillis(2_100));
        routing.request(department, "critical", Map.of()); // first in line, but not the one who waited longest
        String row = "departments.find { it.department_id == '" + department + "' }";
        routing.admin()
                .get("/queue/status")
                .then()
                .statusCode(200)
                .body(row + ".waiting", equalTo(2))
                .body(row + ".longest_wait", greaterThanOrEqualTo(2));
    }
}
