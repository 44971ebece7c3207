package com.vocelio.department;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.TestServer;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each node serves an organization's department listing again until it hears of a change: the listing must never
 * be older than the last change the node committed, and a change committed on another node must show within moments
 * (the relay's delivery), never be missed for good.
 */
class DepartmentListingIT {

    @Test
    void everyChangeShowsInTheVeryNextListingOnTheNodeThatMadeIt() {
        var organization = Api.newOrganization();
        String name = Api.unique("Listed");
        String id = Api.department(organization, name);
        assertEquals(List.of(name), names(organization.asAdmin()));

        for (int round = 0; round < 5; round++) { // read, change, read again at once: no gap to hide a stale read
            String renamed = Api.unique("Renamed");
            organization
                    .asAdmin()
                    .body(Map.of("name", renamed))
                    .put("/api/departments/" + id)
                    .then()
                    .statusCode(200);
            assertEquals(List.of(renamed), names(organization.asAdmin()), "after rename " + round);
        }
        String second = Api.department(organization, Api.unique("Second"));
        assertEquals(2, names(organization.asAdmin()).size());
        organization.asAdmin().delete("/api/departments/" + second).then().statusCode(200);
        assertEquals(1, names(organization.asAdmin()).size());
        assertEquals(
                1,
                organization
                        .asAdmin()
                        .get("/departments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("departments")
                        .size(),
                "the seed's /departments");
    }

    @Test
    void aChangeOnAnotherNodeShowsWithinTwoSeconds() throws Exception {
        PayaraMicroProcess nodeB = TestServer.get().secondNode();
        var organization = Api.newOrganization();
        String id = Api.department(organization, Api.unique("Shared"));
        names(organization.asAdmin()); // node A now holds the listing
        names(onNodeB(organization, nodeB)); // and so does node B

        String renamed = Api.unique("RenamedOnB");
        onNodeB(organization, nodeB)
                .body(Map.of("name", renamed))
                .put("/api/departments/" + id)
                .then()
                .statusCode(200);
        assertEquals(List.of(renamed), names(onNodeB(organization, nodeB)), "node B, at once");
        assertTrue(shows(organization, renamed, Duration.ofSeconds(2)), "node A still lists the old name");

        String added = Api.department(organization, Api.unique("AddedOnA"));
        assertEquals(2, names(organization.asAdmin()).size(), "node A, at once");
        onNodeB(organization, nodeB).delete("/api/departments/" + added).then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (names(organization.asAdmin()).size() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, names(organization.asAdmin()).size(), "node A still lists the department deleted on B");
    }

    private static boolean shows(Organization organization, String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (names(organization.asAdmin()).contains(name)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static RequestSpecification onNodeB(Organization organization, PayaraMicroProcess nodeB) {
        return organization.asAdmin().baseUri(nodeB.baseUri().toString());
    }

    private static List<String> names(RequestSpecification as) {
        var response = as.get("/api/departments").then().statusCode(200).extract();
        List<String> names = response.jsonPath().getList("departments.name");
        if (names == null) {
            throw new AssertionError("no departments in " + response.headers() + "\n" + response.asString());
        }
        return names;
    }
}
