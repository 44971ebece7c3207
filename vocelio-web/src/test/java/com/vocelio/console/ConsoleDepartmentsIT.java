package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The departments page: create, edit and delete through the pages, what the API then reads, refusals as messages. */
class ConsoleDepartmentsIT {

    @Test
    void anAdminCreatesEditsAndDeletesADepartmentThroughThePages() {
        var routing = Routing.newOrganization();
        String name = Routing.unique("Billing");
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.click(By.id("departments:new"));
            browser.await(ExpectedConditions.urlContains("/console/departments/edit.xhtml"));
            browser.type(By.id("department:name"), name);
            browser.type(By.id("department:phone_number"), "+1 555 123 0009");
            browser.type(By.id("department:max_queue_length_input"), "42");
            browser.type(By.id("department:hours:0:opens"), "09:00");
            browser.type(By.id("department:hours:0:closes"), "17:00");
            browser.type(By.id("department:hours:1:opens"), "10:00"); // Tuesday without a closing time
            browser.click(By.id("department:save"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("department:business_hours_message"), "Tuesday"));
            browser.type(By.id("department:hours:1:closes"), "09:30"); // before it opens
            browser.click(By.id("department:save"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("department:business_hours_message"), "closes before it opens"));
            browser.type(By.id("department:hours:1:closes"), "18:00");
            browser.screenshot("department-edit");
            browser.click(By.id("department:save"));
            browser.await(ExpectedConditions.urlContains("/console/departments/index.xhtml"));
            assertTrue(browser.text(By.id("messages")).contains(name));
            browser.screenshot("departments");

            JsonPath created = department(routing, name);
            assertEquals(42, created.getInt("max_queue_length"));
            assertEquals("17:00", created.getString("business_hours.monday.close"));
            assertEquals("10:00", created.getString("business_hours.tuesday.open"));
            assertTrue(created.getMap("business_hours").keySet().stream().noneMatch("sunday"::equals), "closed");
            assertEquals("+15551230009", created.getString("phone_number_e164"));

            browser.filter(By.id("departments:table:name:filter"), name);
            browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#departments\\:table_data tr"), 1));
            browser.click(By.linkText(name));
            browser.await(ExpectedConditions.urlContains("id=" + created.getString("id")));
            browser.type(By.id("department:wrap_up_seconds_input"), "7");
            browser.click(By.id("department:save"));
            browser.await(ExpectedConditions.urlContains("/console/departments/index.xhtml"));
            assertEquals(7, department(routing, name).getInt("wrap_up_seconds"));
            assertEquals("09:00", department(routing, name).getString("business_hours.monday.open"), "the hours stay");

            browser.filter(By.id("departments:table:name:filter"), name);
            browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#departments\\:table_data tr"), 1));
            browser.click(By.cssSelector("#departments\\:table_data button[id$=':delete']"));
            browser.click(By.id("departments:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "deleted"));
            routing.admin()
                    .get("/api/departments/" + created.getString("id"))
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void aRefusedDeleteShowsTheReasonAndARefusedFieldSitsNextToIt() {
        var routing = Routing.newOrganization();
        String name = Routing.unique("Staffed");
        String department = routing.department(name, Map.of());
        routing.agent(department);
        // a second department, so that one row shows only once the name filter has been applied
        routing.department(Routing.unique("Other"), Map.of());
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.filter(By.id("departments:table:name:filter"), name);
            browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#departments\\:table_data tr"), 1));
            browser.click(By.cssSelector("#departments\\:table_data button[id$=':delete']"));
            browser.click(By.id("departments:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "still has 1 agent"));
            routing.admin().get("/api/departments/" + department).then().statusCode(200);

            browser.open("/console/departments/edit.xhtml?id=" + department);
            browser.type(By.id("department:reservation_timeout_seconds_input"), "0");
            browser.click(By.id("department:save"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("department:reservation_timeout_seconds_message"), "between"));
            browser.screenshot("department-refused-field");
            assertTrue(browser.path().endsWith("/console/departments/edit.xhtml"));
        }
    }

    @Test
    void aNameThatIsMarkupRendersAsText() {
        var routing = Routing.newOrganization();
        String name = "<script>alert(1)</script>" + Routing.unique("x");
        routing.department(name, Map.of());
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("departments:table"), name));
            assertThrows(
                    NoAlertPresentException.class,
                    () -> browser.driver.switchTo().alert());
            assertTrue(browser.driver.getPageSource().contains("&lt;script&gt;alert(1)"));
        } catch (org.openqa.selenium.UnhandledAlertException e) {
            throw new AssertionError("the department's name ran as a script", e);
        }
    }

    @Test
    void aSupervisorSeesDepartmentsButCannotChangeThem() {
        var routing = Routing.newOrganization();
        String name = Routing.unique("Sales");
        routing.department(name, Map.of());
        var supervisor = Api.user(routing.organization(), "supervisor", null);
        try (var browser = new Browser()) {
            browser.signIn(supervisor.email());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("departments:table"), name));
            assertTrue(browser.driver.findElements(By.id("departments:new")).isEmpty());
            assertTrue(browser.driver
                    .findElements(By.cssSelector("#departments\\:table_data button[id$=':delete']"))
                    .isEmpty());
        }
    }

    @Test
    void aFormPostedWithAForgedOrMissingViewStateChangesNothing() throws Exception {
        var routing = Routing.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/edit.xhtml");
            browser.find(By.id("department:name"));
            String session =
                    browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
            var client = HttpClient.newHttpClient();
            for (String viewState : new String[] {"-123456789:987654321", null}) {
                String name = Routing.unique("Forged");
                String form = "department=department&department%3Aname=" + name
                        + "&department%3Aphone_number=%2B15551230003&department%3Asave=department%3Asave"
                        + (viewState == null ? "" : "&jakarta.faces.ViewState=" + viewState);
                var reply = client.send(
                        HttpRequest.newBuilder(TestServer.get().baseUri().resolve("/console/departments/edit.xhtml"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", "JSESSIONID=" + session)
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(reply.statusCode() < 500, "answered " + reply.statusCode());
                assertFalse(reply.body().contains("Exception"));
                assertFalse(
                        routing.admin()
                                .get("/api/departments")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("departments.name", String.class)
                                .contains(name),
                        "a post with view state " + viewState + " created " + name);
            }
        }
    }

    private static JsonPath department(Routing routing, String name) {
        var all = routing.admin()
                .get("/api/departments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int index = all.getList("departments.name", String.class).indexOf(name);
        assertTrue(index >= 0, name + " is listed");
        return new JsonPath(all.prettify()).setRootPath("departments[" + index + "]");
    }
}
