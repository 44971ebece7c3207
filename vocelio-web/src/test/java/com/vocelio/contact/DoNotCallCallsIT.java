package com.vocelio.contact;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A number on one of the organization's do-not-call lists is never rung: {@code POST /api/calls/make} answers 409
 * {@code do_not_call} however the number is typed, and no call is placed. Other numbers, and other organizations'
 * calls to that number, go through.
 */
class DoNotCallCallsIT {

    private static final String LISTED = "+14155550134";

    @Test
    void aListedNumberIsRefusedAndNothingIsPlaced() {
        Organization org = Api.newOrganization();
        String list = org.asAdmin()
                .body(Map.of("name", Api.unique("Opt-outs")))
                .post("/v1/dnc-lists")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        org.asAdmin()
                .body(Map.of("listId", list, "phone", LISTED, "reason", "asked not to be called"))
                .post("/v1/dnc-entries")
                .then()
                .statusCode(201);

        for (String typed : new String[] {LISTED, "(415) 555-0134", "+1 415-555-0134"}) {
            make(org, typed)
                    .then()
                    .statusCode(409)
                    .body("success", equalTo(false))
                    .body("code", equalTo("do_not_call"));
        }
        assertEquals(
                0,
                Database.number(
                        "select count(*) from calls where tenant_id = cast(? as uuid) and called_number = ?",
                        org.id(),
                        LISTED));

        make(org, "+14155550199").then().statusCode(201);
        make(Api.newOrganization(), LISTED).then().statusCode(201); // another organization's list is not ours
    }

    private static Response make(Organization org, String to) {
        return org.asAdmin()
                .body(Map.of("to", to, "from", "+1234567890", "message", "Hello from Vocelio."))
                .post("/api/calls/make");
    }
}
