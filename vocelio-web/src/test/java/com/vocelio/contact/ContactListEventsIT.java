package com.vocelio.contact;

import static com.vocelio.contact.ContactsIT.contact;
import static com.vocelio.contact.ContactsIT.list;
import static com.vocelio.contact.ContactsIT.mobile;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Api.Organization;
import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Feeds;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 on the live stream, beyond a contact's own changes: who is on a list ({@code contact_updated} with
 * {@code added-to-list}, {@code removed-from-list}, {@code list-deleted}), do-not-call changes and scrubs ({@code
 * do_not_call_updated}), each naming the contact lists it touches; and the contract's {@code /ws} subscription
 * {@code {channel:'contacts', filters:{listId}}}, which hears only the events of that list.
 */
class ContactListEventsIT {

    static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"channel\":\"contacts\"}";

    static Organization org;
    static Organization other;
    static String adminId;

    @BeforeAll
    static void organizations() {
        org = Api.newOrganization();
        other = Api.newOrganization();
        adminId = (String) Database.rows("select cast(id as text) as id from users where email = ?", org.adminEmail())
                .get(0)
                .get("id");
    }

    @Test
    void addingAndRemovingMembersAndDeletingAListAreEventsNamingTheList() {
        try (var live = EventClient.signedIn("ws", org.accessToken());
                var theirs = EventClient.signedIn("ws", other.accessToken())) {
            Feeds.subscribe(live, SUBSCRIBE, "contacts");
            Feeds.subscribe(theirs, SUBSCRIBE, "contacts");
            String listId = list(org, Api.unique("Members"));
            String a = contact(org, Map.of("firstName", "A", "phone", mobile()));
            String b = contact(org, Map.of("firstName", "B", "phone", mobile()));

            org.asAdmin()
                    .body(Map.of("contactIds", List.of(a, b)))
                    .post("/v1/contact-lists/" + listId + "/contacts")
                    .then()
                    .statusCode(200);
            var added = EventClient.payload(live.await("added", Feeds.WAIT, action("added-to-list", listId)));
            assertEquals(List.of(a, b), texts(added, "contactIds"));
            assertEquals(List.of(listId), texts(added, "listIds"));
            assertEquals(listId, added.getJsonObject("changes").getString("listId"));
            assertEquals(adminId, added.getString("updatedBy"));

            // adding them again changes nothing: no event; the removal after it is the next one of the list
            org.asAdmin()
                    .body(Map.of("contactIds", List.of(a, b)))
                    .post("/v1/contact-lists/" + listId + "/contacts")
                    .then()
                    .statusCode(200)
                    .body("data.added", equalTo(0));
            org.asAdmin()
                    .delete("/v1/contact-lists/" + listId + "/contacts/" + a)
                    .then()
                    .statusCode(200);
            var removed = EventClient.payload(live.await("removed", Feeds.WAIT, action("removed-from-list", listId)));
            assertEquals(List.of(a), texts(removed, "contactIds"));
            assertEquals(1, live.messages(action("added-to-list", listId)).size(), "a second add was announced");

            org.asAdmin().delete("/v1/contact-lists/" + listId).then().statusCode(200);
            var deleted = EventClient.payload(live.await("list deleted", Feeds.WAIT, action("list-deleted", listId)));
            assertEquals(List.of(listId), texts(deleted, "listIds"));
            assertTrue(
                    theirs.messages(EventClient.type("contact_updated")).isEmpty(),
                    "another organization's lists leaked: " + theirs.messages(EventClient.type("contact_updated")));
        }
    }

    @Test
    void doNotCallChangesAndScrubsAreEventsNamingTheContactsAndTheirLists() {
        try (var live = EventClient.signedIn("ws", org.accessToken());
                var theirs = EventClient.signedIn("ws", other.accessToken())) {
            Feeds.subscribe(live, SUBSCRIBE, "contacts");
            Feeds.subscribe(theirs, SUBSCRIBE, "contacts");
            String listId = list(org, Api.unique("Dialled"));
            String phone = mobile();
            String contactId = contact(org, Map.of("firstName", "Opt", "phone", phone, "listIds", List.of(listId)));
            String dnc = org.asAdmin()
                    .body(Map.of("name", Api.unique("Opt-outs")))
                    .post("/v1/dnc-lists")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("data.id");
            var created = EventClient.payload(live.await("dnc list", Feeds.WAIT, doNotCall("list-created", dnc)));
            assertEquals(List.of(), texts(created, "contactIds"));

            String entry = addEntry(dnc, phone);
            var flagged = EventClient.payload(live.await("entry added", Feeds.WAIT, doNotCall("entry-added", dnc)));
            assertEquals(entry, flagged.getString("entryId"));
            assertEquals(phone, flagged.getString("phone"));
            assertTrue(flagged.getBoolean("doNotCall"));
            assertEquals(List.of(contactId), texts(flagged, "contactIds"));
            assertEquals(List.of(listId), texts(flagged, "listIds"));
            assertEquals(adminId, flagged.getString("updatedBy"));

            org.asAdmin()
                    .body(Map.of("listId", listId, "removeBlocked", true))
                    .post("/v1/dnc/scrub")
                    .then()
                    .statusCode(200);
            var scrubbed = EventClient.payload(live.await(
                    "scrub",
                    Feeds.WAIT,
                    EventClient.event("do_not_call_updated", "action", "scrubbed")
                            .and(m -> listId.equals(EventClient.text(EventClient.payload(m), "listId")))));
            assertEquals(1, scrubbed.getInt("checked"));
            assertEquals(1, scrubbed.getInt("blocked"));
            assertEquals(1, scrubbed.getInt("removed"));
            assertEquals(List.of(contactId), texts(scrubbed, "contactIds"));
            assertEquals(List.of(listId), texts(scrubbed, "listIds"));

            // back on the list, then off the do-not-call list: the flag goes, and the list hears it
            org.asAdmin()
                    .body(Map.of("contactIds", List.of(contactId)))
                    .post("/v1/contact-lists/" + listId + "/contacts")
                    .then()
                    .statusCode(200);
            org.asAdmin().delete("/v1/dnc-entries/" + entry).then().statusCode(200);
            var cleared = EventClient.payload(live.await("entry removed", Feeds.WAIT, doNotCall("entry-removed", dnc)));
            assertEquals(false, cleared.getBoolean("doNotCall"));
            assertEquals(List.of(contactId), texts(cleared, "contactIds"));
            assertEquals(List.of(listId), texts(cleared, "listIds"));

            addEntry(dnc, phone);
            org.asAdmin().delete("/v1/dnc-lists/" + dnc).then().statusCode(200);
            var gone = EventClient.payload(live.await("dnc list deleted", Feeds.WAIT, doNotCall("list-deleted", dnc)));
            assertEquals(List.of(contactId), texts(gone, "contactIds"));
            assertEquals(List.of(listId), texts(gone, "listIds"));
            assertEquals(false, gone.getBoolean("doNotCall"));
            org.asAdmin().get("/v1/contacts/" + contactId).then().body("data.doNotCall", equalTo(false));
            assertTrue(
                    theirs.messages(EventClient.type("do_not_call_updated")).isEmpty(),
                    "another organization's do-not-call changes leaked");
        }
    }

    @Test
    void aSubscriberFilteredToAListHearsOnlyTheEventsOfThatList() {
        String mine = list(org, Api.unique("Mine"));
        String others = list(org, Api.unique("Others"));
        try (var filtered = EventClient.signedIn("ws", org.accessToken());
                var all = EventClient.signedIn("ws", org.accessToken())) {
            Feeds.subscribe(
                    filtered,
                    "{\"type\":\"subscribe\",\"channel\":\"contacts\",\"filters\":{\"listId\":\"" + mine + "\"}}",
                    "contacts");
            Feeds.subscribe(all, SUBSCRIBE, "contacts");

            String outside = contact(org, Map.of("firstName", "Out", "phone", mobile(), "listIds", List.of(others)));
            String inside = contact(org, Map.of("firstName", "In", "phone", mobile(), "listIds", List.of(mine)));
            String nowhere = contact(org, Map.of("firstName", "None", "phone", mobile()));
            String nowherePhone = org.asAdmin()
                    .get("/v1/contacts/" + nowhere)
                    .then()
                    .extract()
                    .path("data.phone");
            org.asAdmin()
                    .body(Map.of("lastName", "Moved"))
                    .put("/v1/contacts/" + outside)
                    .then()
                    .statusCode(200);
            org.asAdmin()
                    .body(Map.of("contactIds", List.of(outside)))
                    .post("/v1/contact-lists/" + mine + "/contacts")
                    .then()
                    .statusCode(200);
            String dnc = org.asAdmin()
                    .body(Map.of("name", Api.unique("Filtered")))
                    .post("/v1/dnc-lists")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("data.id");
            addEntry(dnc, nowherePhone); // on no list: not the filtered subscriber's business
            org.asAdmin()
                    .body(Map.of("lastName", "Last"))
                    .put("/v1/contacts/" + inside)
                    .then()
                    .statusCode(200);

            // events arrive in commit order: once the last one is here, every earlier one was sent or filtered out
            Predicate<JsonObject> last = change(inside, "updated");
            all.await("the last event, unfiltered", Feeds.WAIT, last);
            filtered.await("the last event, filtered", Feeds.WAIT, last);
            var heard = filtered.messages(EventClient.stored()).stream()
                    .filter(m -> !"subscribed".equals(EventClient.text(m, "type")))
                    .map(m -> EventClient.text(EventClient.payload(m), "action") + " "
                            + EventClient.text(EventClient.payload(m), "contactId"))
                    .toList();
            assertEquals(
                    List.of("created " + inside, "added-to-list null", "updated " + inside),
                    heard,
                    "the filtered subscriber heard: " + filtered.describe());
            var added = EventClient.payload(
                    filtered.messages(action("added-to-list", mine)).get(0));
            assertEquals(List.of(outside), texts(added, "contactIds"));
            assertTrue(
                    all.messages(change(outside, "created")).size() == 1
                            && all.messages(EventClient.type("do_not_call_updated"))
                                            .size()
                                    == 2,
                    "the unfiltered subscriber hears everything: " + all.describe());
        }
    }

    private static String addEntry(String dnc, String phone) {
        return org.asAdmin()
                .body(Map.of("listId", dnc, "phone", phone))
                .post("/v1/dnc-entries")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
    }

    private static Predicate<JsonObject> action(String action, String listId) {
        return EventClient.event("contact_updated", "action", action)
                .and(m -> texts(EventClient.payload(m), "listIds").contains(listId));
    }

    private static Predicate<JsonObject> doNotCall(String action, String dncListId) {
        return EventClient.event("do_not_call_updated", "action", action)
                .and(m -> dncListId.equals(EventClient.text(EventClient.payload(m), "doNotCallListId")));
    }

    private static Predicate<JsonObject> change(String contactId, String action) {
        return EventClient.event("contact_updated", "action", action)
                .and(m -> contactId.equals(EventClient.text(EventClient.payload(m), "contactId")));
    }

    private static List<String> texts(JsonObject payload, String field) {
        var array = payload.getJsonArray(field);
        return array == null ? List.of() : array.getValuesAs(JsonString::getString);
    }
}
