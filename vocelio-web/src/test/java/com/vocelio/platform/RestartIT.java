package com.vocelio.platform;

import static com.vocelio.testing.Api.agent;
import static com.vocelio.testing.Api.department;
import static com.vocelio.testing.Api.json;
import static com.vocelio.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import com.vocelio.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What was written before an application restart is there after it (and the schema migration is a no-op). */
class RestartIT {

    @Test
    void dataSurvivesAnApplicationRestart() throws Exception {
        String name = unique("Durable");
        String id = department(name);
        String agentId = agent(unique("durable").replace(' ', '_'), id, Map.of("skills", List.of("billing")));

        TestServer.get().restartApplication();

        json().get("/api/departments/" + id).then().statusCode(200).body("department.name", equalTo(name));
        json().get("/agents/" + agentId)
                .then()
                .statusCode(200)
                .body("agent.department_id", equalTo(id))
                .body("agent.skills[0]", equalTo("billing"));
    }
}
