package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Routing;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's {@code GET /analytics/transfers?range=}: totals, per department, per agent and per hour over the range,
 * each counted from the organization's own transfers only.
 */
class TransferAnalyticsIT {

    @Test
    void aDaysTransfersAreCountedByOutcomeDepartmentAgentAndHour() {
        var routing = Routing.newOrganization();
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department);
        routing.handle(routing.request(department)); // answered at once: completed, in time
        routing.move(routing.request(department), "cancel").then().statusCode(200); // abandoned while offered
        routing.request(department); // offered to the agent again: in progress
        var other = Routing.newOrganization();
        other.request(other.unstaffedDepartment()); // another organization's: not counted

        var report = routing.admin()
                .get("/analytics/transfers?range=1day")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("range", equalTo("1day"))
                .body("totals.requested", equalTo(3))
                .body("totals.completed", equalTo(1))
                .body("totals.abandoned", equalTo(1))
                .body("totals.in_progress", equalTo(1))
                .body("totals.service_level", equalTo(50.0f))
                .body("departments.size()", equalTo(1))
                .body("departments[0].department_id", equalTo(department))
                .body("departments[0].requested", equalTo(3))
                .body("agents.size()", equalTo(1))
                .extract()
                .jsonPath();
        assertEquals(
                3,
                report.getList("hourly.requested", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        assertEquals(agent, report.getString("agents[0].agent_id"));
    }

    @Test
    void anUnknownRangeIsA400NamingIt() {
        Routing.newOrganization()
                .admin()
                .get("/analytics/transfers?range=fortnight")
                .then()
                .statusCode(400)
                .body("success", equalTo(false));
    }
}
