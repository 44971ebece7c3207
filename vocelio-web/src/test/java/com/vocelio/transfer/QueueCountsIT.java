package com.vocelio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Queue positions and the full-queue check read running counts a trigger keeps per department and urgency
 * ({@code queue_counts}), not counts over the queue. They must equal what the transfers table says whatever moved
 * the transfers: requests, cancels, offers, declines, overflow, many at once.
 */
class QueueCountsIT {

    private static Map<String, Long> counted(Routing routing) {
        var counts = new TreeMap<String, Long>();
        Database.rows(
                        "select cast(department_id as text) d, urgency_rank r, sum(waiting) n from queue_counts"
                                + " where tenant_id = cast(? as uuid) group by 1, 2 having sum(waiting) <> 0",
                        routing.tenantId())
                .forEach(row -> counts.put(row.get("d") + "/" + row.get("r"), ((Number) row.get("n")).longValue()));
        return counts;
    }

    private static Map<String, Long> queued(Routing routing) {
        var counts = new TreeMap<String, Long>();
        Database.rows(
                        "select cast(department_id as text) d, urgency_rank r, count(*) n from transfers"
                                + " where tenant_id = cast(? as uuid) and status = 'queued' group by 1, 2",
                        routing.tenantId())
                .forEach(row -> counts.put(row.get("d") + "/" + row.get("r"), ((Number) row.get("n")).longValue()));
        return counts;
    }

    @Test
    void aNewcomerStandsBehindThoseOfItsUrgencyAndAbove() {
        var routing = Routing.newOrganization();
        String department = routing.department(Map.of());
        assertEquals(1, routing.request(department, "medium", Map.of()).getInt("queue_position"));
        assertEquals(2, routing.request(department, "medium", Map.of()).getInt("queue_position"));
        assertEquals(1, routing.request(department, "high", Map.of()).getInt("queue_position"));
        assertEquals(4, routing.request(department, "low", Map.of()).getInt("queue_position"));
        assertEquals(4, routing.request(department, "medium", Map.of()).getInt("queue_position")); // before the low one
        assertEquals(queued(routing), counted(routing));
    }

    @Test
    void aFullQueueIsRefusedFromTheCounts() {
        var routing = Routing.newOrganization();
        String department = routing.department(Map.of("max_queue_length", 2));
        routing.request(department);
        String second = routing.request(department);
        routing.post(Map.of("call_id", Routing.callId(), "target_department", department))
                .then()
                .statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("queue_full"));
        routing.move(second, "cancel").then().statusCode(200);
        routing.request(department); // a place came free
    }

    @Test
    void theCountsFollowEveryMoveEvenManyAtOnce() throws Exception {
        var routing = Routing.newOrganization();
        String overflow = routing.department(Map.of());
        String department = routing.department(Map.of("overflow_department_id", overflow, "overflow_after_seconds", 2));
        List<String> urgencies = Routing.URGENCIES;
        var pool = Executors.newFixedThreadPool(8);
        try {
            var work = new ArrayList<Callable<String>>();
            for (int i = 0; i < 40; i++) {
                String urgency = urgencies.get(i % urgencies.size());
                work.add(() -> routing.send(
                                "/transfer/request",
                                Map.of(
                                        "call_id",
                                        Routing.callId(),
                                        "target_department",
                                        department,
                                        "urgency_level",
                                        urgency))
                        .body()
                        .getString("transfer_id"));
            }
            var ids = new ArrayList<String>();
            for (var future : pool.invokeAll(work)) {
                ids.add(future.get());
            }
            assertEquals(queued(routing), counted(routing));

            var cancels = new ArrayList<Callable<Integer>>();
            for (String id : ids.subList(0, 10)) {
                cancels.add(() -> routing.move(id, "cancel").statusCode());
            }
            pool.invokeAll(cancels);
            assertEquals(queued(routing), counted(routing));
        } finally {
            pool.shutdownNow();
        }

        // agents take some (offered: out of the queue), one declines (back in), one completes
        String first = routing.agent(department);
        String second = routing.agent(department);
        Routing.await(
                "two offers",
                () -> Database.number(
                        "select count(*) from transfers where tenant_id = cast(? as uuid) and status = 'offered'",
                        routing.tenantId()),
                n -> n == 2);
        assertEquals(queued(routing), counted(routing));
        String offeredToFirst = (String) Database.rows(
                        "select transfer_id from transfers t join agents a on a.id = t.agent_id"
                                + " where t.tenant_id = cast(? as uuid) and a.agent_id = ? and t.status = 'offered'",
                        routing.tenantId(),
                        first)
                .get(0)
                .get("transfer_id");
        routing.move(offeredToFirst, "reject").then().statusCode(200);
        routing.setStatus(second, "offline");
        assertEquals(queued(routing), counted(routing));

        // what still waits overflows to the other department (the sweep moves queued rows between departments)
        Routing.await(
                "the overflow",
                () -> Database.number(
                        "select count(*) from transfers where tenant_id = cast(? as uuid) and status = 'queued'"
                                + " and department_id = (select id from departments where tenant_id = cast(? as uuid)"
                                + " and lower(name) = lower(?))",
                        routing.tenantId(),
                        routing.tenantId(),
                        routing.departmentName(overflow)),
                n -> n > 0);
        assertEquals(queued(routing), counted(routing));
    }
}
